using System.Numerics;
using AidDao.Core.Transactions;

namespace AidDao.Core.Rounds;

/// <summary>Contribution tokens minted for a contributor's contributions to a finalised round.</summary>
/// <param name="Amount">Tokens minted (wei).</param>
/// <param name="ProjectIds">The projects whose contributions were claimed for.</param>
/// <param name="Transaction">The transaction.</param>
public sealed record TokenClaimResult(BigInteger Amount, IReadOnlyList<BigInteger> ProjectIds, TransactionOutcome Transaction);
