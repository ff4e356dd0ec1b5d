using AidDao.Core.Indexing;
using Xunit;

namespace AidDao.Core.Tests.Indexing;

public sealed class RangeHintTests
{
    [Theory]
    [InlineData("query returned more than 10000 results. Try with this block range [0x10, 0x3E8].", 16, 1000)]
    [InlineData("Log response size exceeded. You can make eth_getLogs requests with up to a 2K block range and no limit on the response size, or you can request any block range with a cap of 10K logs in the response. Based on your parameters, this block range should work: [0x1, 0x2f]", 1, 47)]
    [InlineData("try [100, 199]", 100, 199)]
    public void Parse_BracketRange_GivesTheSuggestedBlocks(string message, long from, long to) =>
        Assert.Equal(new RangeHint(from, to, to - from + 1), RangeHint.Parse(message));

    [Theory]
    [InlineData("eth_getLogs is limited to a 10,000 range", 10_000)]
    [InlineData("exceed maximum block range: 5000", 5_000)]
    [InlineData("query exceeds max block range 1000: eth_getLogs", 1_000)]
    [InlineData("You can make eth_getLogs requests with up to a 2K block range", 2_000)]
    [InlineData("block range is limited to 1024 blocks", 1_024)]
    public void Parse_StatedLimit_GivesTheLargestSpan(string message, long span) =>
        Assert.Equal(new RangeHint(null, null, span), RangeHint.Parse(message));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("request timed out")]
    [InlineData("try [0x20, 0x10]")]
    [InlineData("limited to a 0 range")]
    public void Parse_NoUsableRange_GivesNull(string? message) => Assert.Null(RangeHint.Parse(message));
}
