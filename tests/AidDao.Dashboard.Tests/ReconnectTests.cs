using System.Globalization;
using System.Numerics;
using AidDao.Core.Pools;
using AidDao.Dashboard.Tests.Support;
using AidDao.Data;
using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace AidDao.Dashboard.Tests;

/// <summary>A page that loses its live connection catches up when it is back: no event missing, none shown twice.</summary>
public sealed class ReconnectTests(DemoDashboardFixture demo)
{
    private const string ShowsAll = "ids => ids.every(id => window.aiddao.shownEventIds().includes(id))";

    [Fact]
    public async Task Reconnect_AfterEventsWhileDropped_ShowsEveryEventOnce()
    {
        var ct = TestContext.Current.CancellationToken;
        await demo.WaitForIndexAsync(ct);
        await using var tab = await DashboardPage.OpenAsync(demo);
        // A second page stays connected: it proves the server pushed the events while the first was away.
        await using var control = await DashboardPage.OpenAsync(demo);
        var page = tab.Page;
        await page.EvaluateAsync("() => window.aiddao.dropConnection()");
        await Expect(page.GetByTestId("connection-state")).ToHaveAttributeAsync("data-state", "offline");
        var before = await ShownAsync(page);

        var donor = await EmergencyPoolService.ConnectAsync(demo.Devnet.CreateWeb3(demo.Devnet.Accounts[8]), demo.Pool.Pool, ct);
        for (var i = 1; i <= 3; i++) await donor.DepositAsync(PoolAsset.Eth, BigInteger.Pow(10, 15) * i, ct);
        await demo.WaitForIndexAsync(ct);
        var readModel = new SqlReadModel(demo.Database);
        var (newestBlock, newestLogIndex) = Position(before[0]);
        var contracts = await demo.CommunityContractsAsync(ct);
        var missed = (await readModel.GetEventsAsync(demo.Devnet.ChainId, newestBlock, newestLogIndex, 1000, ct, contracts)).Select(Id).ToList();
        Assert.True(missed.Count >= 3, $"Three deposits made {missed.Count} events.");

        await WaitUntilShownAsync(control.Page, missed);
        Assert.Equal(before, await ShownAsync(page));
        Assert.Equal("offline", await page.EvaluateAsync<string>("() => window.aiddao.connectionState()"));

        await page.EvaluateAsync("() => window.aiddao.reconnect()");
        await Expect(page.GetByTestId("connection-state")).ToHaveAttributeAsync("data-state", "live");
        await WaitUntilShownAsync(page, missed);

        // Exactly the index's events from the page's oldest shown one on, newest first, each once.
        var after = await ShownAsync(page);
        var (oldestBlock, oldestLogIndex) = Position(after[^1]);
        var expected = new List<string> { after[^1] };
        expected.AddRange((await readModel.GetEventsAsync(demo.Devnet.ChainId, oldestBlock, oldestLogIndex, 1000, ct, contracts)).Select(Id));
        expected.Reverse();
        Assert.Equal(expected, after);
        Assert.Equal(after.Count, after.Distinct().Count());
        Assert.Equal(before, after.Skip(missed.Count));
        Assert.Empty(tab.ConsoleErrors);
    }

    [Fact]
    public async Task Push_AfterAPushThatNeverArrived_CatchesUpWithoutReconnecting()
    {
        var ct = TestContext.Current.CancellationToken;
        await demo.WaitForIndexAsync(ct);
        await using var tab = await DashboardPage.OpenAsync(demo);
        var page = tab.Page;
        // The page's hub WebSocket goes through this relay, which loses the next push that carries a deposit: as when
        // an instance dies between its commit and its push, or the backplane loses a message. The connection stays up.
        var armed = 0;
        var opened = 0;
        var lost = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var catchUps = 0;
        await page.RouteWebSocketAsync("**/hubs/**", ws =>
        {
            Interlocked.Increment(ref opened);
            var server = ws.ConnectToServer();
            ws.OnMessage(frame =>
            {
                if (Volatile.Read(ref armed) == 0 && frame.Text?.Contains("\"CatchUp\"", StringComparison.Ordinal) == true) Interlocked.Increment(ref catchUps);
                server.Send(frame.Text!);
            });
            server.OnMessage(frame =>
            {
                if (frame.Text?.Contains("\"Deposited\"", StringComparison.Ordinal) == true && Interlocked.Exchange(ref armed, 0) == 1)
                {
                    lost.TrySetResult();
                    return;
                }
                ws.Send(frame.Text!);
            });
        });
        await page.ReloadAsync();
        await Expect(page.GetByTestId("connection-state")).ToHaveAttributeAsync("data-state", "live");
        var newest = Position((await ShownAsync(page))[0]);
        Volatile.Write(ref catchUps, 0);

        var donor = await EmergencyPoolService.ConnectAsync(demo.Devnet.CreateWeb3(demo.Devnet.Accounts[8]), demo.Pool.Pool, ct);
        Volatile.Write(ref armed, 1);
        await donor.DepositAsync(PoolAsset.Eth, BigInteger.Pow(10, 15) * 7, ct);
        await lost.Task.WaitAsync(TimeSpan.FromSeconds(30), ct);
        await donor.DepositAsync(PoolAsset.Eth, BigInteger.Pow(10, 15) * 8, ct);
        await demo.WaitForIndexAsync(ct);
        var contracts = await demo.CommunityContractsAsync(ct);
        var since = (await new SqlReadModel(demo.Database).GetEventsAsync(demo.Devnet.ChainId, newest.Block, newest.LogIndex, 1000, ct, contracts)).ToList();
        Assert.Equal(2, since.Count(e => e.Name == "Deposited"));

        await WaitUntilShownAsync(page, [.. since.Select(Id)]);
        Assert.Equal("live", await page.EvaluateAsync<string>("() => window.aiddao.connectionState()"));
        Assert.Equal(1, Volatile.Read(ref opened));
        Assert.True(Volatile.Read(ref catchUps) >= 1, "The page never asked to catch up after the skipped push.");
        var shown = await ShownAsync(page);
        Assert.Equal(shown.Count, shown.Distinct().Count());
    }

    private static async Task WaitUntilShownAsync(IPage page, IReadOnlyList<string> ids)
    {
        try
        {
            await page.WaitForFunctionAsync(ShowsAll, ids);
        }
        catch (TimeoutException)
        {
            var shown = await ShownAsync(page);
            Assert.Fail($"The page never showed {string.Join(", ", ids.Except(shown))} (connection {await page.EvaluateAsync<string>("() => window.aiddao.connectionState()")}).");
        }
    }

    private static async Task<IReadOnlyList<string>> ShownAsync(IPage page) =>
        await page.EvaluateAsync<string[]>("() => window.aiddao.shownEventIds()");

    private static string Id(AidDao.Core.ReadModel.IndexedEvent e) => string.Create(CultureInfo.InvariantCulture, $"{e.BlockNumber}:{e.LogIndex}");

    private static (long Block, long LogIndex) Position(string id)
    {
        var colon = id.IndexOf(':', StringComparison.Ordinal);
        return (long.Parse(id.AsSpan(0, colon), CultureInfo.InvariantCulture), long.Parse(id.AsSpan(colon + 1), CultureInfo.InvariantCulture));
    }
}
