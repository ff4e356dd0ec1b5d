using System.Numerics;
using AidDao.Core.Transactions;

namespace AidDao.Core.Pools;

/// <summary>A deposit as booked by the pool.</summary>
/// <param name="DepositId">The deposit id.</param>
/// <param name="Asset">What was deposited.</param>
/// <param name="Amount">What arrived (less than sent for fee-on-transfer tokens).</param>
/// <param name="Minted">Contribution tokens minted to the donor (wei).</param>
/// <param name="Transaction">The deposit transaction (an approval, when one was needed, came before it).</param>
public sealed record DepositResult(BigInteger DepositId, PoolAsset Asset, BigInteger Amount, BigInteger Minted, TransactionOutcome Transaction);
