using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AidDao.Core;
using AidDao.Core.Demo;
using AidDao.Dashboard.Tests.Support;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace AidDao.Dashboard.Tests;

/// <summary>Steward sign-in (SIWE) in the page: a steward reads the private details of requests; a member is not offered it.</summary>
public sealed class SignInPageTests(DemoDashboardFixture demo)
{
    private string Pool => demo.Pool.Pool.Value.ToLowerInvariant();

    [Theory]
    [InlineData(390, 844, "phone")]
    [InlineData(1366, 900, "laptop")]
    public async Task SignIn_Steward_SeesRequestDetailsThatMatchTheOnChainHash(int width, int height, string name)
    {
        var steward = demo.Devnet.Accounts[0];
        await using var tab = await DashboardPage.OpenAsync(demo, steward, width, height);
        var page = tab.Page;
        await tab.ConnectWalletAsync();
        await Expect(page.GetByTestId("wallet-role")).ToHaveAttributeAsync("data-role", "steward");
        var request = page.GetByTestId($"request-{Pool}-{demo.Pool.HalfApprovedRequestId}");
        await Expect(request).ToBeVisibleAsync();
        await Expect(request.GetByTestId("request-details")).ToHaveCountAsync(0);

        await page.GetByTestId("siwe-signin").ClickAsync();

        var status = page.GetByTestId("siwe-status");
        await Expect(status).ToHaveAttributeAsync("data-kind", "ok");
        await Expect(status).ToContainTextAsync($"Signed in as steward {EthAddress.FromChain(steward.Address).Abbreviated}");
        await Expect(page.GetByTestId("siwe-signout")).ToBeVisibleAsync();
        await Expect(request.GetByTestId("request-details")).ToHaveTextAsync(DemoPool.RequestDetails[1]);
        await Expect(request.GetByTestId("details-check")).ToHaveAttributeAsync("data-match", "true");
        Assert.Contains("personal_sign", tab.Wallet!.Calls);
        // The page holds a real session: the server knows this browser as the steward.
        var session = await page.EvaluateAsync<JsonElement>("async () => (await fetch('/api/session')).json()");
        Assert.True(EthAddress.FromChain(session.GetProperty("address").GetString()!) == EthAddress.FromChain(steward.Address));
        Assert.True(session.GetProperty("steward").GetBoolean());

        await request.ScrollIntoViewIfNeededAsync();
        await tab.ScreenshotAsync($"steward-details-{name}", fullPage: false);
        Assert.Empty(tab.ConsoleErrors);
    }

    [Fact]
    public async Task SignIn_Member_IsNotOfferedAndTheServerRefusesIt()
    {
        var ct = TestContext.Current.CancellationToken;
        var member = demo.Devnet.Accounts[3];
        await using var tab = await DashboardPage.OpenAsync(demo, member);
        var page = tab.Page;
        await tab.ConnectWalletAsync();
        await Expect(page.GetByTestId("wallet-role")).ToHaveAttributeAsync("data-role", "member");
        await Expect(page.GetByTestId("siwe-signin")).ToBeHiddenAsync();
        await Expect(page.GetByTestId($"request-{Pool}-{demo.Pool.HalfApprovedRequestId}").GetByTestId("request-details")).ToHaveCountAsync(0);

        // Whatever the page offers, the server refuses a member.
        using var refused = await SignInClient.TryAsync(demo, member, ct);
        Assert.Equal(HttpStatusCode.Forbidden, refused.Answer.StatusCode);
        var error = (await refused.Answer.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("error").GetString()!;
        Assert.Contains($"{EthAddress.FromChain(member.Address)} is not a steward of Riverside Mutual Aid", error, StringComparison.Ordinal);
        using var session = await refused.Http.GetAsync(new Uri("api/session", UriKind.Relative), ct);
        Assert.Equal(HttpStatusCode.Unauthorized, session.StatusCode);
        using var details = await refused.Http.GetAsync(new Uri($"api/pools/{demo.Pool.Pool}/requests/{demo.Pool.HalfApprovedRequestId}/details", UriKind.Relative), ct);
        Assert.Equal(HttpStatusCode.Unauthorized, details.StatusCode);
    }
}
