using System.Globalization;
using System.Numerics;
using AidDao.Core.Rounds;
using Xunit;

namespace AidDao.Core.Tests.Rounds;

/// <summary><see cref="IntegerMath.FloorSqrt"/> is the exact floor root, at the edges and across sizes.</summary>
public class IntegerMathTests
{
    [Theory]
    [InlineData("0", "0")]
    [InlineData("1", "1")]
    [InlineData("2", "1")]
    [InlineData("3", "1")]
    [InlineData("4", "2")]
    [InlineData("99", "9")]
    [InlineData("100", "10")]
    [InlineData("1000000000000000000", "1000000000")]
    [InlineData("115792089237316195423570985008687907853269984665640564039457584007913129639935", "340282366920938463463374607431768211455")]
    public void FloorSqrt_KnownValues(string value, string root) =>
        Assert.Equal(BigInteger.Parse(root, CultureInfo.InvariantCulture), IntegerMath.FloorSqrt(BigInteger.Parse(value, CultureInfo.InvariantCulture)));

    [Fact]
    public void FloorSqrt_RandomValuesAndPerfectSquaresAroundThem_AreExact()
    {
        var random = new Random(11);
        for (var i = 0; i < 2_000; i++)
        {
            var bytes = new byte[random.Next(1, 40)];
            random.NextBytes(bytes);
            var value = new BigInteger(bytes, isUnsigned: true);
            var root = IntegerMath.FloorSqrt(value);
            Assert.True(IntegerMath.IsFloorSqrt(value, root), $"{root} is not the floor root of {value}");
            Assert.Equal(root + 1, IntegerMath.FloorSqrt((root + 1) * (root + 1)));
            Assert.Equal(root, IntegerMath.FloorSqrt((root + 1) * (root + 1) - 1));
        }
    }

    [Fact]
    public void FloorSqrt_AroundTheFastPathLimitAndDoublePrecision_IsExact()
    {
        foreach (var root in new[] { (BigInteger.One << 26) - 1, BigInteger.One << 26, (BigInteger.One << 52) - 1, (BigInteger.One << 52) + 1, (BigInteger.One << 52) + 12_345 })
        {
            var square = root * root;
            Assert.Equal(root, IntegerMath.FloorSqrt(square));
            Assert.Equal(root - 1, IntegerMath.FloorSqrt(square - 1));
            Assert.Equal(root, IntegerMath.FloorSqrt(square + 2 * root));
        }
        var limit = BigInteger.One << 104;
        Assert.True(IntegerMath.IsFloorSqrt(limit - 1, IntegerMath.FloorSqrt(limit - 1)));
        Assert.Equal(BigInteger.One << 52, IntegerMath.FloorSqrt(limit));
    }

    [Fact]
    public void IsFloorSqrt_RejectsHintsOneOffEitherWay()
    {
        Assert.True(IntegerMath.IsFloorSqrt(15, 3));
        Assert.False(IntegerMath.IsFloorSqrt(15, 4));
        Assert.False(IntegerMath.IsFloorSqrt(16, 3));
        Assert.False(IntegerMath.IsFloorSqrt(16, -1));
    }

    [Fact]
    public void FloorSqrt_Negative_Throws() => Assert.Throws<ArgumentOutOfRangeException>(() => IntegerMath.FloorSqrt(-1));
}
