using Xunit;

namespace AidDao.Core.Tests;

/// <summary>Parsing and showing Ethereum addresses: what is accepted, and what a person is told when it is not.</summary>
public class EthAddressTests
{
    private const string Checksummed = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266";
    private const string Lower = "0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266";
    private const string Upper = "0xF39FD6E51AAD88F6F4CE6AB8827279CFFFB92266";

    [Theory]
    [InlineData(Lower)]
    [InlineData(Upper)]
    [InlineData(Checksummed)]
    [InlineData("0XF39FD6E51AAD88F6F4CE6AB8827279CFFFB92266")]
    [InlineData("  " + Lower + "\n")]
    public void Parse_LowerUpperOrChecksummed_GivesTheChecksummedForm(string text)
    {
        var address = EthAddress.Parse(text);

        Assert.Equal(Checksummed, address.Value);
        Assert.Equal(Checksummed, address.ToString());
        Assert.Equal(EthAddress.Parse(Checksummed), address);
        Assert.False(address.IsZero);
    }

    [Fact]
    public void Parse_WrongLength_SaysHowManyDigitsItHas()
    {
        var error = Assert.Throws<AidDaoInputException>(() => EthAddress.Parse("0x1234"));

        Assert.Equal("'0x1234' is not a valid address: it has 4 hex digits after 0x, an address has 40.", error.Message);
    }

    [Fact]
    public void Parse_OneDigitTooMany_IsRejected()
    {
        var error = Assert.Throws<AidDaoInputException>(() => EthAddress.Parse(Lower + "0"));

        Assert.Contains("it has 41 hex digits after 0x, an address has 40", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_NonHexCharacters_SaysSo()
    {
        var text = "0x" + new string('g', 40);

        var error = Assert.Throws<AidDaoInputException>(() => EthAddress.Parse(text));

        Assert.Equal($"'{text}' is not a valid address: it contains characters that are not hex digits.", error.Message);
    }

    [Fact]
    public void Parse_MissingPrefix_SaysAnAddressStartsWith0x()
    {
        var text = Lower[2..];

        var error = Assert.Throws<AidDaoInputException>(() => EthAddress.Parse(text, "steward address"));

        Assert.Equal($"'{text}' is not a valid steward address: an address starts with 0x followed by 40 hex digits.", error.Message);
    }

    [Fact]
    public void Parse_MixedCaseWithWrongChecksum_IsRejectedAsALikelyTypo()
    {
        // Flip the case of one letter of a correctly checksummed address.
        var typo = "0xF39Fd6e51aad88F6F4ce6aB8827279cffFb92266";

        var error = Assert.Throws<AidDaoInputException>(() => EthAddress.Parse(typo));

        Assert.Equal($"'{typo}' is not a valid address: its mixed-case checksum (EIP-55) does not match, which usually means a typo.", error.Message);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Parse_NullOrBlank_IsRejected(string? text)
    {
        var error = Assert.Throws<AidDaoInputException>(() => EthAddress.Parse(text));

        Assert.Contains("an address starts with 0x followed by 40 hex digits", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_Invalid_ReturnsFalseWithTheProblem()
    {
        Assert.False(EthAddress.TryParse("0x12", out var address, out var problem));

        Assert.Equal(default, address);
        Assert.Equal("it has 2 hex digits after 0x, an address has 40", problem);
        Assert.True(EthAddress.TryParse(Lower, out var parsed));
        Assert.Equal(Checksummed, parsed.Value);
    }

    [Fact]
    public void Zero_AndDefault_AreTheZeroAddress()
    {
        Assert.Equal("0x0000000000000000000000000000000000000000", EthAddress.Zero.Value);
        Assert.True(EthAddress.Zero.IsZero);
        Assert.True(default(EthAddress).IsZero);
        Assert.Equal(EthAddress.Zero.Value, default(EthAddress).Value);
        Assert.True(EthAddress.Parse("0x" + new string('0', 40)).IsZero);
    }

    [Fact]
    public void Abbreviated_KeepsPrefixAndLastFourDigits()
    {
        Assert.Equal("0xf39F…2266", EthAddress.Parse(Lower).Abbreviated);
    }
}
