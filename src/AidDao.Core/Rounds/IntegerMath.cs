using System.Numerics;

namespace AidDao.Core.Rounds;

/// <summary>Exact integer arithmetic shared by the matching engine and, later, checked against the contracts.</summary>
public static class IntegerMath
{
    private static readonly BigInteger FastLimit = BigInteger.One << 104;

    /// <summary>
    /// The floor square root of <paramref name="value"/>: the largest s with s² ≤ value (Newton's method on BigInteger,
    /// exact for any size). This is the number a contributor passes as the hint the round contract checks,
    /// s² ≤ c &lt; (s+1)².
    /// </summary>
    public static BigInteger FloorSqrt(BigInteger value)
    {
        if (value.Sign < 0) throw new ArgumentOutOfRangeException(nameof(value), "A square root needs a non-negative number.");
        if (value < 2) return value;
        if (value < FastLimit)
        {
            // Below 2^104 a double's square root is within one of the floor root: correct it exactly with UInt128.
            var n = (UInt128)value;
            var s = (UInt128)Math.Sqrt((double)n);
            while (s * s > n) s--;
            while ((s + 1) * (s + 1) <= n) s++;
            return (BigInteger)s;
        }
        // Start above the root (2^ceil(bits/2)), then Newton's iteration decreases monotonically to the floor root.
        var x = BigInteger.One << (int)((value.GetBitLength() + 1) / 2);
        while (true)
        {
            var next = (x + value / x) >> 1;
            if (next >= x) return x;
            x = next;
        }
    }

    /// <summary>Whether <paramref name="hint"/> is the floor square root of <paramref name="value"/>: hint² ≤ value &lt; (hint+1)².</summary>
    public static bool IsFloorSqrt(BigInteger value, BigInteger hint) =>
        hint.Sign >= 0 && hint * hint <= value && (hint + 1) * (hint + 1) > value;
}
