using System.Numerics;

namespace AidDao.Core.ReadModel;

/// <summary>What a pool held of one asset after a block that moved it.</summary>
/// <param name="Asset">The asset (zero address = ETH).</param>
/// <param name="BlockNumber">The block.</param>
/// <param name="Timestamp">The block's time (Unix seconds); null in an index that has no time for that block.</param>
/// <param name="Balance">The pool's balance of the asset at the end of that block.</param>
public sealed record BalancePoint(EthAddress Asset, long BlockNumber, long? Timestamp, BigInteger Balance);
