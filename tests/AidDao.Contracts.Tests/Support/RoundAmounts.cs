using System.Numerics;
using AidDao.Core.Rounds;

namespace AidDao.Contracts.Tests.Support;

/// <summary>Random amounts for round tests: log-uniform over many orders of magnitude, and top-ups that land on square boundaries.</summary>
internal static class RoundAmounts
{
    /// <summary>10^24 wei (a million ETH): the largest single amount the random round tests send.</summary>
    public static readonly BigInteger Max = BigInteger.Pow(10, 24);

    /// <summary>
    /// A log-uniform amount in [1, <paramref name="max"/>]: a bit length drawn uniformly, then random lower bits (so every
    /// magnitude is equally likely and the low digits are not round).
    /// </summary>
    public static BigInteger LogUniform(Random random, BigInteger max)
    {
        ArgumentNullException.ThrowIfNull(random);
        if (max < 1) throw new ArgumentOutOfRangeException(nameof(max), "The largest amount must be at least 1.");
        var maxBits = (int)max.GetBitLength();
        while (true)
        {
            var bits = random.Next(1, maxBits + 1);
            var value = BigInteger.One << (bits - 1);
            for (var bit = 0; bit < bits - 1; bit++)
                if (random.Next(2) == 1) value |= BigInteger.One << bit;
            if (value <= max) return value;
        }
    }

    /// <summary>
    /// A top-up (at least 1) that brings <paramref name="cumulative"/> to s² − 1, s² or s² + 1 for a square a little above
    /// it: the cases where a floor square root changes or just fails to.
    /// </summary>
    public static BigInteger ToSquareEdge(Random random, BigInteger cumulative)
    {
        ArgumentNullException.ThrowIfNull(random);
        var root = IntegerMath.FloorSqrt(cumulative) + 1 + random.Next(3);
        var target = root * root + random.Next(-1, 2);
        return target > cumulative ? target - cumulative : 1;
    }

    /// <summary>
    /// A contribution of the kind the random round tests mix: mostly log-uniform up to <see cref="Max"/>, sometimes a few
    /// wei, exactly <see cref="Max"/>, or a top-up of <paramref name="cumulative"/> to a square edge.
    /// </summary>
    public static BigInteger Contribution(Random random, BigInteger cumulative)
    {
        ArgumentNullException.ThrowIfNull(random);
        return random.Next(100) switch
        {
            < 8 => random.Next(1, 11),
            < 20 => ToSquareEdge(random, cumulative),
            < 25 => Max,
            _ => LogUniform(random, Max),
        };
    }

    /// <summary>
    /// <paramref name="total"/> (at least 1) in <paramref name="parts"/> positive parts of log-uniform sizes, in random order
    /// of size; fewer parts when the total is smaller than that.
    /// </summary>
    public static IReadOnlyList<BigInteger> Split(Random random, BigInteger total, int parts)
    {
        ArgumentNullException.ThrowIfNull(random);
        if (total < 1) throw new ArgumentOutOfRangeException(nameof(total), "Only a positive amount can be split.");
        var count = (int)BigInteger.Min(parts, total);
        var result = new List<BigInteger>(count);
        var left = total;
        for (var i = 0; i < count - 1; i++)
        {
            var part = LogUniform(random, left - (count - 1 - i));
            result.Add(part);
            left -= part;
        }
        result.Add(left);
        return [.. result.OrderBy(_ => random.Next())];
    }
}
