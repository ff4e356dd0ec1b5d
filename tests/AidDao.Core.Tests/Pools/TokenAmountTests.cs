using System.Numerics;
using AidDao.Core;
using AidDao.Core.Pools;
using Xunit;

namespace AidDao.Core.Tests.Pools;

/// <summary><see cref="TokenAmount"/>: exact conversion between smallest units and decimal text, and its refusals.</summary>
public class TokenAmountTests
{
    [Theory]
    [InlineData("1500000000000000000", 18, "ETH", "1.5 ETH")]
    [InlineData("1", 18, "ETH", "0.000000000000000001 ETH")]
    [InlineData("0", 6, "USDC", "0 USDC")]
    [InlineData("2000000", 6, null, "2")]
    [InlineData("123", 0, "RAW", "123 RAW")]
    [InlineData("-250000", 6, null, "-0.25")]
    public void Format_WritesExactDecimalsWithoutTrailingZeros(string units, int decimals, string? symbol, string expected) =>
        Assert.Equal(expected, TokenAmount.Format(BigInteger.Parse(units, System.Globalization.CultureInfo.InvariantCulture), decimals, symbol));

    [Theory]
    [InlineData("2", 18, "2000000000000000000")]
    [InlineData("0.25", 6, "250000")]
    [InlineData(" 1_000.5 ", 6, "1000500000")]
    [InlineData(".5", 1, "5")]
    [InlineData("0.000000000000000001", 18, "1")]
    [InlineData("115792089237316195423570985008687907853269984665640564039457", 18, "115792089237316195423570985008687907853269984665640564039457000000000000000000")]
    public void Parse_ReadsExactUnits(string text, int decimals, string expected) =>
        Assert.Equal(BigInteger.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), TokenAmount.Parse(text, decimals));

    [Theory]
    [InlineData("1.2.3", "'1.2.3' is not an amount of ETH: write a number such as 2 or 0.25.")]
    [InlineData("-1", "'-1' is not an amount of ETH: write a number such as 2 or 0.25.")]
    [InlineData("1e18", "'1e18' is not an amount of ETH: write a number such as 2 or 0.25.")]
    [InlineData("", "'' is not an amount of ETH: write a number such as 2 or 0.25.")]
    [InlineData("1.", "'1.' is not an amount of ETH: write a number such as 2 or 0.25.")]
    [InlineData("0.0000000000000000001", "'0.0000000000000000001' has more than 18 decimal places, the most ETH allows.")]
    public void Parse_RefusesWhatIsNotAnExactAmount(string text, string message)
    {
        var error = Assert.Throws<AidDaoInputException>(() => TokenAmount.Parse(text, 18, "ETH"));
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void Parse_ThenFormat_RoundTrips()
    {
        var random = new Random(7);
        for (var i = 0; i < 500; i++)
        {
            var decimals = random.Next(0, 25);
            var units = new BigInteger(random.NextInt64()) * random.Next(1, 1000);
            Assert.Equal(units, TokenAmount.Parse(TokenAmount.Format(units, decimals), decimals));
        }
    }
}
