using System.Net.Http.Json;
using System.Text.Json;
using AidDao.Core.Pools;
using AidDao.Dashboard.Tests.Support;
using Microsoft.Playwright;
using Xunit;

namespace AidDao.Dashboard.Tests;

/// <summary>Pool rule changes: shown with their approvals, approved by a steward in the page.</summary>
public sealed class PoolChangeTests(DemoDashboardFixture demo)
{
    [Fact]
    public async Task Change_ProposedByOneSteward_ApprovedInThePageBySecond_TakesEffect()
    {
        var ct = TestContext.Current.CancellationToken;
        var steward0 = await EmergencyPoolService.ConnectAsync(demo.Devnet.CreateWeb3(demo.Devnet.Accounts[0]), demo.Pool.Pool, ct);
        // A harmless change for the shared demo: the cooldown between payments to one recipient, 7 days → 6 days.
        var proposed = await steward0.ProposeChangeAsync(PoolChangeKind.SetCooldown, value: 6 * 24 * 3600, cancellationToken: ct);
        Assert.False(proposed.Executed);
        await demo.WaitForIndexAsync(ct);

        using var http = demo.Http();
        var pool = await http.GetFromJsonAsync<JsonElement>(new Uri($"api/pools/{demo.Pool.Pool}", UriKind.Relative), ct);
        var change = pool.GetProperty("changes").EnumerateArray().Single(c => c.GetProperty("id").GetInt64() == (long)proposed.ChangeId);
        Assert.Equal("pending", change.GetProperty("status").GetString());
        Assert.Equal("Set the cooldown between payments to one recipient to 6 days", change.GetProperty("text").GetString());
        Assert.Equal([demo.Devnet.Accounts[0].Address], change.GetProperty("approvals").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal(2, change.GetProperty("required").GetInt32());

        await using var tab = await DashboardPage.OpenAsync(demo, demo.Devnet.Accounts[1]);
        await tab.ConnectWalletAsync();
        var item = tab.Page.GetByTestId($"change-{demo.Pool.Pool.Value.ToLowerInvariant()}-{proposed.ChangeId}");
        await Assertions.Expect(item.GetByTestId("change-approvals")).ToContainTextAsync("1 of 2");
        await item.GetByTestId("change-approve").ClickAsync();

        await Assertions.Expect(tab.Page.GetByTestId("tx-status")).ToContainTextAsync("the change is in force");
        await Assertions.Expect(item).ToHaveAttributeAsync("data-status", "executed");
        var status = await steward0.GetStatusAsync(cancellationToken: ct);
        Assert.Equal(TimeSpan.FromDays(6), status.Cooldown);
        Assert.Empty(tab.ConsoleErrors);
    }
}
