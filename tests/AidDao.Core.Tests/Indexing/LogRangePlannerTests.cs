using AidDao.Core.Indexing;
using Xunit;

namespace AidDao.Core.Tests.Indexing;

public sealed class LogRangePlannerTests
{
    [Fact]
    public void Next_StopsAtTheHead_AndEndsPastIt()
    {
        var planner = new LogRangePlanner(initialSpan: 100, maxSpan: 1_000);

        Assert.Equal((0L, 99L), planner.Next(0, 1_000));
        Assert.Equal((950L, 1_000L), planner.Next(950, 1_000));
        Assert.Null(planner.Next(1_001, 1_000));
    }

    [Fact]
    public void Succeeded_DoublesAfterEnoughInARow_UpToTheMaximum()
    {
        var planner = new LogRangePlanner(initialSpan: 300, maxSpan: 1_000, successesBeforeGrowth: 2);

        planner.Succeeded();
        Assert.Equal(300, planner.Span);
        planner.Succeeded();
        Assert.Equal(600, planner.Span);
        planner.Succeeded();
        planner.Succeeded();
        Assert.Equal(1_000, planner.Span);
    }

    [Fact]
    public void Refused_WithoutHint_Halves_AndResetsTheGrowthCount()
    {
        var planner = new LogRangePlanner(initialSpan: 400, maxSpan: 2_000, successesBeforeGrowth: 2);
        planner.Succeeded();

        planner.Refused(0, 399, "request timed out");
        planner.Succeeded();

        Assert.Equal(200, planner.Span);
    }

    [Fact]
    public void Refused_WithoutHint_NeverGrowsBackToTheRefusedSpan()
    {
        var planner = new LogRangePlanner(initialSpan: 100, maxSpan: 100, successesBeforeGrowth: 1);

        planner.Refused(1, 100, "query timeout exceeded");
        for (var i = 0; i < 5; i++) planner.Succeeded();

        Assert.Equal(99, planner.MaxSpan);
        Assert.Equal(99, planner.Span);
    }

    [Fact]
    public void Refused_WithSuggestedRange_TakesIt()
    {
        var planner = new LogRangePlanner(initialSpan: 2_000, maxSpan: 2_000);

        planner.Refused(5_000, 6_999, "query returned more than 10000 results. Try with this block range [0x1388, 0x13ED].");

        Assert.Equal(102, planner.Span);
        Assert.Equal((5_000L, 5_101L), planner.Next(5_000, 10_000));
    }

    [Fact]
    public void Refused_WithStatedLimit_LowersTheMaximumForGood()
    {
        var planner = new LogRangePlanner(initialSpan: 2_000, maxSpan: 2_000, successesBeforeGrowth: 1);

        planner.Refused(0, 1_999, "exceed maximum block range: 500");
        planner.Succeeded();

        Assert.Equal((500L, 500L), (planner.Span, planner.MaxSpan));
    }

    [Fact]
    public void Refused_SingleBlock_ThrowsBecauseNothingSmallerExists()
    {
        var planner = new LogRangePlanner(initialSpan: 1, maxSpan: 10);

        var error = Assert.Throws<ChainRefusedException>(() => planner.Refused(42, 42, "internal error"));

        Assert.Contains("block 42", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_InvalidSpans_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new LogRangePlanner(initialSpan: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new LogRangePlanner(initialSpan: 10, maxSpan: 5));
        Assert.Throws<ArgumentOutOfRangeException>(() => new LogRangePlanner(successesBeforeGrowth: 0));
    }
}
