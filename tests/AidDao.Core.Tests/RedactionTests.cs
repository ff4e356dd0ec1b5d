using Xunit;

namespace AidDao.Core.Tests;

/// <summary>Redaction keeps keys pasted in the wrong place, and API keys in URLs, out of messages.</summary>
public class RedactionTests
{
    private const string DevKey = "ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";

    [Theory]
    [InlineData(DevKey)]
    [InlineData("0x" + DevKey)]
    [InlineData("key=" + DevKey + ";")]
    public void Input_TextHoldingA64HexRun_IsHidden(string text) => Assert.Equal(Redaction.HiddenKey, Redaction.Input(text));

    [Theory]
    [InlineData("0x1234")]
    [InlineData("add-stewart")]
    [InlineData("0x70997970C51812dc3A010C7d01b50e0d17dc79C8")]
    public void Input_OrdinaryText_IsKept(string text) => Assert.Equal(text, Redaction.Input(text));

    [Theory]
    [InlineData("http://127.0.0.1:8545", "http://127.0.0.1:8545/")]
    [InlineData("https://rpc.example.org/v3/0123456789abcdef", "https://rpc.example.org/…")]
    [InlineData("https://user:pass@rpc.example.org", "https://rpc.example.org/…")]
    [InlineData("https://rpc.example.org/?apikey=abc", "https://rpc.example.org/…")]
    public void Url_KeepsSchemeHostAndPortOnly(string url, string expected) => Assert.Equal(expected, Redaction.Url(new Uri(url)));

    [Fact]
    public void EthAddressParse_PastedPrivateKey_IsNotRepeated()
    {
        var error = Assert.Throws<AidDaoInputException>(() => EthAddress.Parse("0x" + DevKey, "candidate address"));

        Assert.DoesNotContain(DevKey, error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.StartsWith($"'{Redaction.HiddenKey}' is not a valid candidate address", error.Message, StringComparison.Ordinal);
    }
}
