using AidDao.Dashboard.Tests.Support;
using Microsoft.Playwright;
using Xunit;

namespace AidDao.Dashboard.Tests;

/// <summary>The page in headless Chromium against the demo's live dashboard.</summary>
public sealed class PageTests(DemoDashboardFixture demo)
{
    [Theory]
    [InlineData(390, 844, "phone")]
    [InlineData(1366, 900, "laptop")]
    public async Task Page_Demo_ShowsCommunityPoolRoundsAndActivity(int width, int height, string name)
    {
        await demo.WaitForIndexAsync(TestContext.Current.CancellationToken);
        await using var tab = await DashboardPage.OpenAsync(demo, width: width, height: height);
        var page = tab.Page;

        await Assertions.Expect(page.GetByTestId("community-name")).ToHaveTextAsync("Riverside Mutual Aid");
        await Assertions.Expect(page.GetByTestId("steward-count")).ToContainTextAsync("3");
        var pool = page.GetByTestId($"pool-{demo.Pool.Pool.Value.ToLowerInvariant()}");
        await Assertions.Expect(pool).ToContainTextAsync("Riverside Emergency Fund");
        await Assertions.Expect(pool.GetByTestId($"request-{demo.Pool.Pool.Value.ToLowerInvariant()}-{demo.Pool.HalfApprovedRequestId}").GetByTestId("request-approvals"))
            .ToContainTextAsync("1 of 2");
        var open = page.GetByTestId($"round-{demo.OpenRound.Round.Value.ToLowerInvariant()}");
        await Assertions.Expect(open).ToHaveAttributeAsync("data-phase", "voting");
        await Assertions.Expect(open.GetByTestId("round-countdown")).ToContainTextAsync("13 d");
        await Assertions.Expect(open.GetByTestId("project-row-2").GetByTestId("project-match")).ToHaveAttributeAsync("data-final", "false");
        var finished = page.GetByTestId($"round-{demo.Round.Round.Value.ToLowerInvariant()}");
        await Assertions.Expect(finished).ToHaveAttributeAsync("data-status", "finalized");
        Assert.True(await page.GetByTestId("activity-item").CountAsync() >= 50);

        await tab.ScreenshotAsync($"overview-{name}");
        // Nothing wider than the screen: a phone needs no sideways scrolling.
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
        Assert.True(overflow <= 0, $"The page is {overflow} px wider than the {width} px screen.");
        Assert.Empty(tab.ConsoleErrors);
    }
}
