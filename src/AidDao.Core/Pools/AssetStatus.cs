using System.Numerics;

namespace AidDao.Core.Pools;

/// <summary>One asset of a pool: its limits and its money.</summary>
/// <param name="Asset">The asset.</param>
/// <param name="Rules">Its limits and mint rate.</param>
/// <param name="Deposited">Everything deposited.</param>
/// <param name="PaidOut">Everything that left the pool.</param>
/// <param name="Owed">Paid to recipients who could not take it yet (they withdraw it).</param>
/// <param name="Available">What can still be paid: deposited − paid out − owed.</param>
/// <param name="WindowUsed">What left (or was set aside) in the current rolling window.</param>
public sealed record AssetStatus(PoolAsset Asset, AssetRules Rules, BigInteger Deposited, BigInteger PaidOut, BigInteger Owed, BigInteger Available, BigInteger WindowUsed)
{
    /// <summary>What can still leave in the current window.</summary>
    public BigInteger WindowRemaining => WindowUsed >= Rules.WindowCap ? BigInteger.Zero : Rules.WindowCap - WindowUsed;
}
