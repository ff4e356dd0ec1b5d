using System.Numerics;
using AidDao.Core.Transactions;

namespace AidDao.Core.Rounds;

/// <summary>Votes cast in one transaction.</summary>
/// <param name="Votes">Each project's credits and the member's resulting votes, in the order given.</param>
/// <param name="CreditsLeft">The member's credits left.</param>
/// <param name="Transaction">The transaction.</param>
public sealed record VoteResult(IReadOnlyList<RoundVote> Votes, BigInteger CreditsLeft, TransactionOutcome Transaction);
