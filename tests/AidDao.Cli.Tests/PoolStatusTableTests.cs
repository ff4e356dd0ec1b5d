using System.Numerics;
using Xunit;
using AidDao.Cli.Commands;
using AidDao.Cli.Output;
using AidDao.Core;
using AidDao.Core.Pools;

namespace AidDao.Cli.Tests;

/// <summary>The pool's plain-text rendering and the parsing of <c>aiddao pool</c> inputs, without a chain.</summary>
public sealed class PoolStatusTableTests
{
    private static readonly BigInteger Ether = BigInteger.Pow(10, 18);
    private static readonly EthAddress Pool = EthAddress.Parse("0x00000000000000000000000000000000000000a1");
    private static readonly EthAddress Community = EthAddress.Parse("0x00000000000000000000000000000000000000c1");
    private static readonly EthAddress Recipient = EthAddress.Parse("0x00000000000000000000000000000000000000e1");
    private static readonly PoolAsset Usdc = new(EthAddress.Parse("0x00000000000000000000000000000000000000d1"), "USDC", 6);

    private static PoolStatus Status(bool paused, DateTimeOffset? emergencyEndsAt, params AidRequestInfo[] pending) => new(
        Pool, "Flood fund", Community, 2, TimeSpan.FromHours(24), TimeSpan.FromDays(7), TimeSpan.FromMinutes(90), 1, emergencyEndsAt, paused,
        [
            new AssetStatus(PoolAsset.Eth, new AssetRules(EthAddress.Zero, Ether, 2 * Ether, 5 * Ether, Ether, Ether / 2), 4 * Ether, Ether / 2, 0, 7 * Ether / 2, Ether / 2),
            new AssetStatus(Usdc, new AssetRules(Usdc.Address, Ether / 2 * Ether / 1_000_000, 100_000_000, 500_000_000, 0, 0), 1_250_000_000, 0, 0, 1_250_000_000, 0),
        ],
        pending, 7);

    private static AidRequestInfo Request(int id, int urgency, int approvals) => new(id, Recipient, Recipient, PoolAsset.Eth, Ether * 3 / 10, urgency,
        AidRequestState.Pending, new DateTimeOffset(2030, 1, 1, 12, 0, 0, TimeSpan.Zero), new DateTimeOffset(2030, 1, 8, 12, 0, 0, TimeSpan.Zero),
        "0x" + new string('a', 64), approvals, 0, 2);

    private static string[] Lines(string text) => text.Split(Environment.NewLine);

    private static string[] Cells(string line) => line.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    [Fact]
    public void Render_RunningPool_ShowsRulesAssetsAndPendingRequestsAsPlainAlignedText()
    {
        var text = PoolStatusTable.Render(Status(false, null, Request(3, 5, 1), Request(5, 2, 0)));
        var lines = Lines(text);

        Assert.Contains("Pool       Flood fund", lines);
        Assert.Contains("Payments   running", lines);
        Assert.Contains("Emergency  none", lines);
        Assert.Contains(lines, l => l.StartsWith("Window     1 day", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("Lifetime   90 minutes", StringComparison.Ordinal));
        Assert.Equal(["ETH", "4", "0.5", "0", "3.5", "0.5", "/", "5", "2", "1", "0.5", "1"], Cells(lines.Single(l => l.StartsWith("ETH ", StringComparison.Ordinal))));
        Assert.Equal(["USDC", "1250", "0", "0", "1250", "0", "/", "500", "100", "0", "0", "0.5"], Cells(lines.Single(l => l.StartsWith("USDC ", StringComparison.Ordinal))));
        Assert.Contains("Pending requests, most urgent first (2 of 7 filed):", lines);
        Assert.Equal(["3", "5/5", "0.3", "ETH", Recipient.Value, "1/2", "2030-01-08", "12:00:00", "UTC"], Cells(lines.Single(l => l.TrimStart().StartsWith("3 ", StringComparison.Ordinal))));
        Assert.DoesNotContain('\u001b', text);
        Assert.All(lines, l => Assert.Equal(l.TrimEnd(), l));
    }

    [Fact]
    public void Render_ColumnsLineUpUnderTheirHeaders()
    {
        var lines = Lines(PoolStatusTable.Render(Status(false, null)));
        var header = lines.Single(l => l.StartsWith("ASSET", StringComparison.Ordinal));
        var eth = lines.Single(l => l.StartsWith("ETH ", StringComparison.Ordinal));
        var usdc = lines.Single(l => l.StartsWith("USDC ", StringComparison.Ordinal));

        // Right-aligned columns end where their header ends.
        var depositedEnd = header.IndexOf("DEPOSITED", StringComparison.Ordinal) + "DEPOSITED".Length;
        Assert.Equal('4', eth[depositedEnd - 1]);
        Assert.Equal("1250", usdc[(depositedEnd - 4)..depositedEnd]);
        Assert.Equal(header.Length, eth.Length);
    }

    [Fact]
    public void Render_PausedPoolInAnEmergencyWithoutRequests_SaysSo()
    {
        var text = PoolStatusTable.Render(Status(true, new DateTimeOffset(2030, 2, 1, 6, 30, 0, TimeSpan.Zero)));

        Assert.Contains("Payments   PAUSED: resuming needs an Unpause change approved by 2 steward(s)", text, StringComparison.Ordinal);
        Assert.Contains("Emergency  in force until 2030-02-01 06:30:00 UTC", text, StringComparison.Ordinal);
        Assert.Contains("No pending requests (7 filed so far).", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Describe_Request_ListsEveryField()
    {
        var text = PoolStatusTable.Describe(Request(3, 5, 1));

        Assert.Contains("Request       3", text, StringComparison.Ordinal);
        Assert.Contains("Amount        0.3 ETH", text, StringComparison.Ordinal);
        Assert.Contains("Urgency       5 of 5 (life or safety)", text, StringComparison.Ordinal);
        Assert.Contains("Approvals     1 of 2 needed", text, StringComparison.Ordinal);
        Assert.Contains("Expires       2030-01-08 12:00:00 UTC", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("90m", 5400)]
    [InlineData("24h", 86400)]
    [InlineData("7D", 604800)]
    [InlineData("2w", 1209600)]
    [InlineData("0s", 0)]
    public void Duration_WholeNumberAndUnit_Parses(string text, long seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), PoolInput.Duration(text, "--window"));

    [Theory]
    [InlineData("24")]
    [InlineData("1.5h")]
    [InlineData("-1d")]
    [InlineData("7 days")]
    [InlineData("")]
    public void Duration_Malformed_IsAnInputError(string text) =>
        Assert.Contains("is not a duration for --window", Assert.Throws<AidDaoInputException>(() => PoolInput.Duration(text, "--window")).Message, StringComparison.Ordinal);

    [Theory]
    [InlineData(86400, "1 day")]
    [InlineData(172800, "2 days")]
    [InlineData(5400, "90 minutes")]
    [InlineData(3600, "1 hour")]
    [InlineData(59, "59 seconds")]
    [InlineData(0, "0 seconds")]
    public void Duration_Formats_InTheLargestWholeUnit(long seconds, string expected) =>
        Assert.Equal(expected, PoolInput.Duration(TimeSpan.FromSeconds(seconds)));

    [Fact]
    public void AssetSpec_KeysAndAmounts_AreSplitAndConvertedWithTheAssetsDecimals()
    {
        var (asset, values) = PoolInput.AssetSpec($"{Usdc.Address}:rate=0.5:MAX=100:cap=500.25:fast=1");
        var rules = PoolInput.Rules(Usdc, values, PoolInput.NoRules(Usdc));

        Assert.Equal(Usdc.Address.Value, asset);
        Assert.Equal(new AssetRules(Usdc.Address, Ether / 2 * Ether / 1_000_000, 100_000_000, 500_250_000, 0, 1_000_000), rules);
        Assert.Equal("0.5", PoolInput.Rate(rules.MintRate, Usdc));
    }

    [Theory]
    [InlineData("DOGE:max=1:cap=2", "must start with ETH or a token address")]
    [InlineData("ETH:max", "is not KEY=AMOUNT")]
    [InlineData("ETH:max=1:max=2", "max is given twice")]
    public void AssetSpec_Malformed_IsAnInputError(string spec, string message) =>
        Assert.Contains(message, Assert.Throws<AidDaoInputException>(() => PoolInput.AssetSpec(spec)).Message, StringComparison.Ordinal);

    [Fact]
    public void MintRate_NotExactForTheAssetsDecimals_IsRefused()
    {
        var lowDecimals = new PoolAsset(Usdc.Address, "CENT", 20);

        Assert.Equal(Ether, PoolInput.MintRate("1", PoolAsset.Eth));
        Assert.Throws<AidDaoInputException>(() => PoolInput.MintRate("0.000000000000000001", lowDecimals));
    }

    [Fact]
    public void Id_ZeroOrWords_AreRefused()
    {
        Assert.Equal(7, PoolInput.Id("7", "request id"));
        Assert.Contains("'0' is not a valid request id", Assert.Throws<AidDaoInputException>(() => PoolInput.Id("0", "request id")).Message, StringComparison.Ordinal);
        Assert.Throws<AidDaoInputException>(() => PoolInput.Id("-1", "request id"));
    }
}
