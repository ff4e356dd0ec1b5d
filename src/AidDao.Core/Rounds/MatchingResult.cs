using System.Numerics;
using AidDao.Core.Transactions;

namespace AidDao.Core.Rounds;

/// <summary>Matching funds added to a round.</summary>
/// <param name="Amount">What was added.</param>
/// <param name="MatchingPool">The matching pool after it.</param>
/// <param name="Transaction">The transaction (an ERC-20 approval, when one was needed, came before it).</param>
public sealed record MatchingResult(BigInteger Amount, BigInteger MatchingPool, TransactionOutcome Transaction);
