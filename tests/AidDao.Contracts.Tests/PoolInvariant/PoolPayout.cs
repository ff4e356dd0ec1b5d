using System.Numerics;

namespace AidDao.Contracts.Tests.PoolInvariant;

/// <summary>One AidPaid: the request, what and how much, whether it was delivered or kept, and the block time (and block) it happened at.</summary>
internal sealed record PoolPayout(long RequestId, PoolAsset Asset, BigInteger Amount, bool Delivered, ulong Time, long Block = 0);
