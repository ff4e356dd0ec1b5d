using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Numerics;
using System.Text.Json;
using System.Threading.Channels;
using AidDao.Core;
using AidDao.Core.Chain;
using AidDao.Core.Pools;
using AidDao.Core.SignIn;
using AidDao.Dashboard.Tests.Support;
using AidDao.Dashboard.Views;
using AidDao.Data;
using AidDao.Indexer;
using Microsoft.AspNetCore.SignalR.Client;
using Nethereum.Signer;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace AidDao.Dashboard.Tests;

/// <summary>
/// Two dashboard instances on one PostgreSQL index and one Redis: live updates reach the pages of the instance that does
/// not index (and, without Redis, do not), a steward's sign-in works across them, and each reports its health.
/// </summary>
public sealed class ScaledDashboardTests(DemoDashboardFixture demo, ScaledDashboardFixture scaled) : IClassFixture<ScaledDashboardFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Update_Deposit_ReachesClientsAndPageOnBothInstances()
    {
        var ct = TestContext.Current.CancellationToken;
        await scaled.WaitForIndexAsync(ct);
        await using var onA = await ConnectAsync(scaled.A.Url, ct);
        await using var onB = await ConnectAsync(scaled.B.Url, ct);
        await using var tab = await DashboardPage.OpenAsync(demo, url: scaled.B.Url);

        var deposit = await DepositAsync(demo.Devnet.Accounts[7], 23, ct);

        var (updateA, eventA) = await onA.WaitForAsync(deposit, "A (indexing)", ct);
        var (updateB, eventB) = await onB.WaitForAsync(deposit, "B (through Redis)", ct);
        var balance = await BalanceAsync((ulong)deposit.Transaction.BlockNumber, ct);
        foreach (var (update, deposited) in new[] { (updateA, eventA), (updateB, eventB) })
        {
            Assert.Equal($"{EthAddress.FromChain(demo.Devnet.Accounts[7].Address).Abbreviated} gave 0.023 ETH to Riverside Emergency Fund", deposited.Summary);
            Assert.Equal((long)deposit.Transaction.BlockNumber, deposited.Block);
            var pool = Assert.Single(update.Pools, p => EthAddress.FromChain(p.Address) == demo.Pool.Pool);
            Assert.Equal(balance, Assert.Single(pool.Assets, a => EthAddress.FromChain(a.Asset.Address).IsZero).Balance);
        }
        // One update, sent once by the indexing instance, delivered by Redis to both.
        Assert.Equal(updateA.Cursor, updateB.Cursor);

        // The page on the instance that does not index shows the deposit and the new balance without a reload.
        var page = tab.Page;
        var item = page.Locator($"[data-testid=activity-item][data-event-id='{eventB.Id}']");
        await Expect(item).ToContainTextAsync(eventB.Summary!);
        var pool0 = demo.Pool.Pool.Value.ToLowerInvariant();
        await Expect(page.GetByTestId($"pool-{pool0}-balance-0x0000000000000000000000000000000000000000")).ToHaveAttributeAsync("data-raw", balance);
        Assert.Empty(tab.ConsoleErrors);
    }

    [Theory]
    [InlineData("A", "B")]
    [InlineData("B", "A")]
    public async Task Donate_InAPageOfEitherInstance_ReachesAPageOfTheOther(string through, string watching)
    {
        var ct = TestContext.Current.CancellationToken;
        await scaled.WaitForIndexAsync(ct);
        DashboardHost Instance(string name) => name == "A" ? scaled.A : scaled.B;
        var pool = demo.Pool.Pool.Value.ToLowerInvariant();
        await using var watcher = await DashboardPage.OpenAsync(demo, url: Instance(watching).Url);
        var balance = watcher.Page.GetByTestId($"pool-{pool}-balance-0x0000000000000000000000000000000000000000");
        var before = BigInteger.Parse((await balance.GetAttributeAsync("data-raw"))!, CultureInfo.InvariantCulture);

        await using var donor = await DashboardPage.OpenAsync(demo, demo.Devnet.Accounts[8], url: Instance(through).Url);
        await donor.ConnectWalletAsync();
        var form = donor.Page.GetByTestId($"pool-{pool}").GetByTestId("donate-form");
        await form.GetByTestId("donate-amount").FillAsync("0.01");
        await form.GetByTestId("donate-submit").ClickAsync();
        await Expect(donor.Page.GetByTestId("tx-status")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^Done in block \d+\. Thank you: 0\.01 ETH went to Riverside Emergency Fund\.$"));

        // The page on the other instance follows without reloading: the balance rose by exactly the gift.
        await Expect(balance).ToHaveAttributeAsync("data-raw", (before + BigInteger.Pow(10, 16)).ToString(CultureInfo.InvariantCulture));
        Assert.Empty(watcher.ConsoleErrors);
    }

    [Fact]
    public async Task Update_WithoutBackplane_DoesNotReachTheOtherInstance()
    {
        var ct = TestContext.Current.CancellationToken;
        await demo.WaitForIndexAsync(ct);
        // A second instance on the demo's index, like B but without Redis: the demo's own host indexes and pushes.
        await using var other = await DashboardHost.StartAsync(scaled.Options("lonely", redis: null), demo.Database, new IndexChangeBroadcaster(), cancellationToken: ct);
        await using var onIndexer = await ConnectAsync(demo.Url, ct);
        await using var onOther = await ConnectAsync(other.Url, ct);

        var deposit = await DepositAsync(demo.Devnet.Accounts[6], 5, ct);

        await onIndexer.WaitForAsync(deposit, "the demo's (indexing)", ct);
        // The indexing instance has sent it; a backplane would have delivered it by now.
        await Task.Delay(TimeSpan.FromSeconds(2), ct);
        Assert.False(onOther.Updates.Reader.TryRead(out var stray), $"The instance without a backplane got an update (cursor {stray?.Cursor.Block}).");
        // Its index is the same, so a page there catches up on reconnect.
        var caughtUp = await onOther.Connection.InvokeAsync<DashboardUpdate>("CatchUp", (long)deposit.Transaction.BlockNumber - 1, -1L, ct);
        Assert.Contains(caughtUp.Events, e => e.Name == "Deposited" && e.Tx == deposit.Transaction.TransactionHash);
    }

    [Fact]
    public async Task SignIn_NonceFromOneInstance_IsRedeemedOnceOnAnyAndTheCookieOpensBoth()
    {
        var ct = TestContext.Current.CancellationToken;
        await scaled.WaitForIndexAsync(ct);
        var steward = demo.Devnet.Accounts[0];
        using var onA = new HttpClient { BaseAddress = scaled.A.Url };
        using var onB = new HttpClient { BaseAddress = scaled.B.Url };
        var fields = await onA.GetFromJsonAsync<JsonElement>(new Uri("api/siwe/nonce", UriKind.Relative), ct);
        var (message, signature) = Sign(fields, steward);

        using var verified = await onB.PostAsJsonAsync(new Uri("api/siwe/verify", UriKind.Relative), new { message, signature }, ct);
        using var replayed = await onA.PostAsJsonAsync(new Uri("api/siwe/verify", UriKind.Relative), new { message, signature }, ct);

        Assert.Equal(HttpStatusCode.OK, verified.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, replayed.StatusCode);
        Assert.Equal("This sign-in message was already used or its nonce expired; sign in again.",
            (await replayed.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("error").GetString());
        var cookie = Assert.Single(verified.Headers.GetValues("Set-Cookie"), c => c.StartsWith("aiddao-steward=", StringComparison.Ordinal)).Split(';')[0];
        // Both instances seal cookies with the one key kept in the shared database (not in a folder of this machine).
        await using (var db = await scaled.Database.OpenAsync(ct))
        {
            await using var keys = db.CreateCommand();
            keys.CommandText = "SELECT COUNT(*) FROM data_protection_keys";
            Assert.Equal(1L, Convert.ToInt64(await keys.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture));
        }
        foreach (var instance in new[] { scaled.A, scaled.B })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(instance.Url, "api/session"));
            request.Headers.Add("Cookie", cookie);
            using var session = await onA.SendAsync(request, ct);
            Assert.Equal(HttpStatusCode.OK, session.StatusCode);
            var view = await session.Content.ReadFromJsonAsync<JsonElement>(ct);
            Assert.Equal(EthAddress.Parse(steward.Address).Value, view.GetProperty("address").GetString());
            Assert.True(view.GetProperty("steward").GetBoolean());
        }
        // Another community's dashboard on the same database shares the key table, not the cookies.
        await using var elsewhere = await DashboardHost.StartAsync(scaled.Options("elsewhere", redis: null, community: demo.Pool.Pool), scaled.Database, new IndexChangeBroadcaster(), cancellationToken: ct);
        using var foreign = new HttpRequestMessage(HttpMethod.Get, new Uri(elsewhere.Url, "api/session"));
        foreign.Headers.Add("Cookie", cookie);
        using var refused = await onA.SendAsync(foreign, ct);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    [Fact]
    public async Task Health_BothInstances_ReportTheChainTheIndexAndWhoIndexes()
    {
        var ct = TestContext.Current.CancellationToken;
        await scaled.WaitForIndexAsync(ct);
        var head = await scaled.HeadAsync(ct);
        var cursor = (await new IndexStore(scaled.Database).GetCursorAsync(demo.Devnet.ChainId, ct))!.Number;
        var lease = (await new IndexStore(scaled.Database).GetLeaseAsync(demo.Devnet.ChainId, ct))!.Value;
        using var http = new HttpClient();

        foreach (var (instance, name, runsHere) in new[] { (scaled.A, "a", true), (scaled.B, "b", false) })
        {
            using var response = await http.GetAsync(instance.HealthUrl, ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
            var health = (await response.Content.ReadFromJsonAsync<JsonElement>(ct))!;
            Assert.Equal("healthy", health.GetProperty("status").GetString());
            Assert.Equal(0, health.GetProperty("problems").GetArrayLength());
            Assert.Equal(name, health.GetProperty("instance").GetString());
            var chain = health.GetProperty("chain");
            Assert.True(chain.GetProperty("reachable").GetBoolean());
            Assert.Equal(head, chain.GetProperty("head").GetInt64());
            var indexer = health.GetProperty("indexer");
            Assert.Equal(cursor, indexer.GetProperty("cursor").GetInt64());
            Assert.Equal(head - cursor, indexer.GetProperty("lag").GetInt64());
            Assert.Equal(50, indexer.GetProperty("lagLimit").GetInt64());
            Assert.Equal(lease.Owner, indexer.GetProperty("leaseHolder").GetString());
            Assert.Equal(runsHere, indexer.GetProperty("runsHere").GetBoolean());
            Assert.Equal("""{"reachable":true,"kind":"postgresql"}""", health.GetProperty("database").GetRawText());
            Assert.Equal("""{"reachable":true}""", health.GetProperty("redis").GetRawText());
        }
    }

    private async Task<DepositResult> DepositAsync(DevAccount donor, int thousandths, CancellationToken ct)
    {
        var pool = await EmergencyPoolService.ConnectAsync(demo.Devnet.CreateWeb3(donor), demo.Pool.Pool, ct);
        return await pool.DepositAsync(PoolAsset.Eth, BigInteger.Pow(10, 15) * thousandths, ct);
    }

    private async Task<string> BalanceAsync(ulong block, CancellationToken ct)
    {
        var hex = (await demo.Devnet.RequestAsync("eth_getBalance", [demo.Pool.Pool.Value, "0x" + block.ToString("x", CultureInfo.InvariantCulture)], ct)).GetString()!;
        return BigInteger.Parse("0" + hex[2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture);
    }

    private static (string Message, string Signature) Sign(JsonElement fields, DevAccount account)
    {
        var message = new SiweMessage(fields.GetProperty("domain").GetString()!, EthAddress.Parse(account.Address), fields.GetProperty("uri").GetString()!,
            fields.GetProperty("chainId").GetInt64(), fields.GetProperty("nonce").GetString()!, DateTimeOffset.Parse(fields.GetProperty("issuedAt").GetString()!, CultureInfo.InvariantCulture))
        {
            Statement = fields.GetProperty("statement").GetString(),
            ExpirationTime = DateTimeOffset.Parse(fields.GetProperty("expirationTime").GetString()!, CultureInfo.InvariantCulture),
        };
        var text = message.ToString();
        return (text, new EthereumMessageSigner().EncodeUTF8AndSign(text, new EthECKey(account.PrivateKey)));
    }

    private static async Task<HubClient> ConnectAsync(Uri dashboard, CancellationToken ct)
    {
        var connection = new HubConnectionBuilder().WithUrl(new Uri(dashboard, "hubs/dashboard")).Build();
        var client = new HubClient(connection);
        await connection.StartAsync(ct);
        return client;
    }

    /// <summary>A SignalR connection that keeps every update it receives.</summary>
    private sealed class HubClient : IAsyncDisposable
    {
        private readonly IDisposable _subscription;

        public HubClient(HubConnection connection)
        {
            Connection = connection;
            _subscription = connection.On<DashboardUpdate>("Update", update => Updates.Writer.TryWrite(update));
        }

        public HubConnection Connection { get; }

        public Channel<DashboardUpdate> Updates { get; } = Channel.CreateUnbounded<DashboardUpdate>();

        /// <summary>Reads updates until one carries the deposit's Deposited event.</summary>
        public async Task<(DashboardUpdate Update, EventView Deposited)> WaitForAsync(DepositResult deposit, string instance, CancellationToken ct)
        {
            using var patience = CancellationTokenSource.CreateLinkedTokenSource(ct);
            patience.CancelAfter(Patience);
            try
            {
                while (true)
                {
                    var update = await Updates.Reader.ReadAsync(patience.Token);
                    if (update.Events.SingleOrDefault(e => e.Name == "Deposited" && e.Tx == deposit.Transaction.TransactionHash) is { } deposited)
                        return (update, deposited);
                }
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                Assert.Fail($"Instance {instance} pushed no update with the deposit {deposit.Transaction.TransactionHash} within {Patience.TotalSeconds} s.");
                throw;
            }
        }

        public async ValueTask DisposeAsync()
        {
            _subscription.Dispose();
            await Connection.DisposeAsync();
        }
    }
}
