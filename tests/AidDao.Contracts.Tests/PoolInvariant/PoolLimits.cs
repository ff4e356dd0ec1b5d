using System.Numerics;

namespace AidDao.Contracts.Tests.PoolInvariant;

/// <summary>One asset's limits, as the pool is set up with them (amounts in the asset's smallest unit).</summary>
internal sealed record PoolLimits(BigInteger MintRate, BigInteger PerRequestMax, BigInteger WindowCap, BigInteger ReserveFloor, BigInteger FastPathCap)
{
    /// <summary>1e18: one whole unit of an 18-decimal asset, and the mint-rate denominator.</summary>
    public static readonly BigInteger Unit = BigInteger.Pow(10, 18);

    /// <summary><paramref name="hundredths"/> / 100 of a whole unit.</summary>
    public static BigInteger Hundredths(long hundredths) => hundredths * BigInteger.Pow(10, 16);

    /// <summary>The limits the invariant pool gives <paramref name="asset"/>: small enough that the window cap, the reserve floor
    /// and the fast-path cap are all reached within a run.</summary>
    public static PoolLimits For(PoolAsset asset) => asset switch
    {
        PoolAsset.Eth => new(Unit, Hundredths(200), Hundredths(300), Hundredths(100), Hundredths(50)),
        PoolAsset.Token => new(Unit / 2, Hundredths(10_000), Hundredths(15_000), Hundredths(5_000), Hundredths(3_000)),
        _ => new(BigInteger.Zero, Hundredths(10_000), Hundredths(20_000), BigInteger.Zero, Hundredths(2_000)),
    };
}
