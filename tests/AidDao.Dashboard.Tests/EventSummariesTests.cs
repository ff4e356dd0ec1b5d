using AidDao.Core.Pools;
using AidDao.Indexer;
using Xunit;

namespace AidDao.Dashboard.Tests;

/// <summary>Every event the indexer follows reads in plain words in the feed.</summary>
public sealed class EventSummariesTests
{
    public static TheoryData<string> EventNames => [.. EventCatalog.AidDao.ByTopic.Values.Select(d => d.Name).Distinct().Order()];

    [Theory]
    [MemberData(nameof(EventNames))]
    public void Describe_EveryFollowedEvent_HasItsOwnWords(string name)
    {
        var text = EventSummaries.Describe(name, new Dictionary<string, string>(), "Riverside Emergency Fund", _ => PoolAsset.Eth);
        Assert.DoesNotContain($"{name} at ", text, StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(text));
    }

    [Fact]
    public void Describe_Deposit_SaysWhoGaveHowMuchToWhat()
    {
        var text = EventSummaries.Describe("Deposited",
            new Dictionary<string, string> { ["donor"] = "0x70997970c51812dc3a010c7d01b50e0d17dc79c8", ["asset"] = "0x0000000000000000000000000000000000000000", ["amount"] = "250000000000000000" },
            "Riverside Emergency Fund", _ => PoolAsset.Eth);
        Assert.Equal("0x7099…79C8 gave 0.25 ETH to Riverside Emergency Fund", text);
    }
}
