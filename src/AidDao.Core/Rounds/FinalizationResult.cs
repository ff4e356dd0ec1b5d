using System.Numerics;
using AidDao.Core.Transactions;

namespace AidDao.Core.Rounds;

/// <summary>A round finalised: the matches are fixed.</summary>
/// <param name="MatchingPool">The matching funds used.</param>
/// <param name="Matched">The sum of all matches.</param>
/// <param name="Remainder">What was not matched (for the emergency pool).</param>
/// <param name="TotalRaised">All contributions to approved projects.</param>
/// <param name="ClaimDeadline">Until when recipients can claim.</param>
/// <param name="Transaction">The transaction.</param>
public sealed record FinalizationResult(BigInteger MatchingPool, BigInteger Matched, BigInteger Remainder, BigInteger TotalRaised,
    DateTimeOffset ClaimDeadline, TransactionOutcome Transaction);
