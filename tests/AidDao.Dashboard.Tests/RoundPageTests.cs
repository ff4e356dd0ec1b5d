using System.Net.Http.Json;
using System.Text.Json;
using AidDao.Dashboard.Tests.Support;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace AidDao.Dashboard.Tests;

/// <summary>The open round in the page: the what-if estimate.</summary>
public sealed class RoundPageTests(DemoDashboardFixture demo)
{
    [Theory]
    [InlineData(390, 844, "phone")]
    [InlineData(1366, 900, "laptop")]
    public async Task Estimate_Member_ShowsTheServersAnswer(int width, int height, string name)
    {
        var ct = TestContext.Current.CancellationToken;
        var member = demo.Devnet.Accounts[3];
        await using var tab = await DashboardPage.OpenAsync(demo, member, width, height);
        await tab.ConnectWalletAsync();
        var round = tab.Page.GetByTestId($"round-{demo.OpenRound.Round.Value.ToLowerInvariant()}");
        var form = round.GetByTestId("estimate-form");
        await form.GetByTestId("estimate-project").SelectOptionAsync("2");
        await form.GetByTestId("estimate-amount").FillAsync("0.1");
        await form.GetByTestId("estimate-submit").ClickAsync();

        using var http = demo.Http();
        var answer = await http.GetFromJsonAsync<JsonElement>(
            new Uri($"api/rounds/{demo.OpenRound.Round}/estimate?project=2&amount=0.1&contributor={member.Address}", UriKind.Relative), ct);
        var result = form.GetByTestId("estimate-result");
        await Expect(result).ToHaveAttributeAsync("data-kind", "ok");
        await Expect(result).ToHaveTextAsync(answer.GetProperty("text").GetString()!);
        Assert.StartsWith("Your 0.1 ETH to project 2 adds about ", answer.GetProperty("text").GetString(), StringComparison.Ordinal);

        await form.ScrollIntoViewIfNeededAsync();
        await tab.ScreenshotAsync($"round-estimate-{name}", fullPage: false);
        Assert.Empty(tab.ConsoleErrors);
    }
}
