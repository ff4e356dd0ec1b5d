using System.Numerics;

namespace AidDao.Core.Transactions;

/// <summary>A mined transaction: its hash, block and the gas it used (from the receipt).</summary>
/// <param name="TransactionHash">The transaction hash.</param>
/// <param name="BlockNumber">The block it was mined in.</param>
/// <param name="GasUsed">Gas used by the whole transaction.</param>
public sealed record TransactionOutcome(string TransactionHash, BigInteger BlockNumber, BigInteger GasUsed);
