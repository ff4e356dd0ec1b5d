using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using AidDao.Dashboard.Tests.Support;
using AidDao.Data;
using AidDao.Indexer;
using Xunit;

namespace AidDao.Dashboard.Tests;

/// <summary>The web host: addresses, refusals, headers, Hangfire.</summary>
public sealed class HostTests(DemoDashboardFixture demo)
{
    [Fact]
    public async Task Start_PortTaken_SaysSoAndHowToChooseAnother()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;
        var options = new DashboardOptions { ChainId = demo.Devnet.ChainId, RpcUrl = demo.Devnet.RpcUrl, Community = demo.Demo.Community.Address, Urls = [$"http://127.0.0.1:{port}"] };

        var refused = await Assert.ThrowsAsync<DashboardAddressInUseException>(() =>
            DashboardHost.StartAsync(options, demo.Database, new IndexChangeBroadcaster(), cancellationToken: TestContext.Current.CancellationToken));

        Assert.Contains($"cannot listen on http://127.0.0.1:{port}: another program uses that port", refused.Message, StringComparison.Ordinal);
        Assert.Contains("--dashboard-url", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("api/pools/0xnotanaddress", HttpStatusCode.BadRequest, "The pool address is not valid")]
    [InlineData("api/pools/0x70997970C51812dc3A010C7d01b50e0d17dc79C8", HttpStatusCode.NotFound, "The index knows no pool")]
    [InlineData("api/rounds/0x70997970C51812dc3A010C7d01b50e0d17dc79C8", HttpStatusCode.NotFound, "The index knows no round")]
    [InlineData("api/members/nobody", HttpStatusCode.BadRequest, "The account address is not valid")]
    public async Task Api_BadOrUnknownAddress_RefusedInPlainWords(string path, HttpStatusCode status, string expected)
    {
        using var http = demo.Http();
        using var response = await http.GetAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(status, response.StatusCode);
        Assert.Contains(expected, (await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Page_IsServedWithAStrictContentSecurityPolicy()
    {
        using var http = demo.Http();
        using var response = await http.GetAsync(new Uri("/", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var policy = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self'", policy, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        Assert.Contains("app.js", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hangfire_LocalRequest_ShowsTheIndexerJob()
    {
        using var http = demo.Http();
        var recurring = await http.GetStringAsync(new Uri("hangfire/recurring", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Contains(IndexerJob.RecurringId(demo.Devnet.ChainId), recurring, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Member_History_ComesFromTheIndex()
    {
        using var http = demo.Http();
        var member = await http.GetFromJsonAsync<JsonElement>(new Uri($"api/members/{demo.Pool.Donors[0]}", UriKind.Relative), TestContext.Current.CancellationToken);
        var expected = await new SqlReadModel(demo.Database).GetMemberHistoryAsync(demo.Devnet.ChainId, demo.Demo.Community.Address, demo.Pool.Donors[0], TestContext.Current.CancellationToken);

        Assert.Equal(expected.Activities.Count, member.GetProperty("activity").GetArrayLength());
        Assert.Contains(member.GetProperty("activity").EnumerateArray(), a => a.GetProperty("kind").GetString() == "deposit");
    }

    [Fact]
    public async Task SignIn_ListeningOnAllAddressesWithoutPublicUrl_IsRefusedWithWhatToDo()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await DashboardHost.StartAsync(Options(["http://0.0.0.0:0"]), demo.Database, new IndexChangeBroadcaster(), cancellationToken: ct);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{host.Url.Port}/") };
        using var response = await http.GetAsync(new Uri("api/siwe/nonce", UriKind.Relative), ct);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("give --public-url", (await response.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignIn_WithPublicUrl_NamesThatSiteWhateverTheHostHeader()
    {
        var ct = TestContext.Current.CancellationToken;
        var options = Options(["http://127.0.0.1:0"]);
        await using var host = await DashboardHost.StartAsync(new DashboardOptions
        {
            ChainId = options.ChainId, RpcUrl = options.RpcUrl, Community = options.Community, Urls = options.Urls, PublicUrl = new Uri("https://aid.example.org"),
        }, demo.Database, new IndexChangeBroadcaster(), cancellationToken: ct);
        using var http = new HttpClient { BaseAddress = host.Url };
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("api/siwe/nonce", UriKind.Relative));
        request.Headers.Host = "evil.example";
        using var response = await http.SendAsync(request, ct);
        var fields = await response.Content.ReadFromJsonAsync<JsonElement>(ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("aid.example.org", fields.GetProperty("domain").GetString());
        Assert.Equal("https://aid.example.org", fields.GetProperty("uri").GetString());
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task SignIn_ForeignHostHeaderOnLoopback_IsNotTrusted()
    {
        using var http = demo.Http();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("api/siwe/nonce", UriKind.Relative));
        request.Headers.Host = "evil.example";
        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
    }

    [Fact]
    public async Task SignIn_TooManyNoncesFromOneAddress_AreRefused()
    {
        var ct = TestContext.Current.CancellationToken;
        var options = Options(["http://127.0.0.1:0"]);
        await using var host = await DashboardHost.StartAsync(new DashboardOptions
        {
            ChainId = options.ChainId, RpcUrl = options.RpcUrl, Community = options.Community, Urls = options.Urls, SignInAttemptsPerMinute = 2,
        }, demo.Database, new IndexChangeBroadcaster(), cancellationToken: ct);
        using var http = new HttpClient { BaseAddress = host.Url };
        for (var i = 0; i < 2; i++)
        {
            using var ok = await http.GetAsync(new Uri("api/siwe/nonce", UriKind.Relative), ct);
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }
        using var refused = await http.GetAsync(new Uri("api/siwe/nonce", UriKind.Relative), ct);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Contains("wait a minute", (await refused.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://mainnet.example/v3/0123456789abcdef", null)]
    [InlineData("http://user:secret@127.0.0.1:8545/", null)]
    [InlineData("http://127.0.0.1:8545/", "http://127.0.0.1:8545")]
    public void Chain_ServersOwnNodeUrl_IsPublishedOnlyWhenItIsALocalNodeWithoutSecrets(string rpc, string? published)
    {
        var options = new DashboardOptions { ChainId = 1, RpcUrl = new Uri(rpc), Community = demo.Demo.Community.Address };
        var snapshots = new DashboardSnapshots(new SqlReadModel(demo.Database), new RequestDetailsStore(demo.Database), new ProjectTextStore(demo.Database), new DashboardChain(options.RpcUrl), options);
        Assert.Equal(published, snapshots.Chain.RpcUrl);

        var withPublic = new DashboardOptions { ChainId = 1, RpcUrl = new Uri(rpc), PublicRpcUrl = new Uri("https://rpc.example.org"), Community = demo.Demo.Community.Address };
        Assert.Equal("https://rpc.example.org", new DashboardSnapshots(new SqlReadModel(demo.Database), new RequestDetailsStore(demo.Database), new ProjectTextStore(demo.Database), new DashboardChain(withPublic.RpcUrl), withPublic).Chain.RpcUrl);
    }

    [Fact]
    public async Task ChainClock_NodeDown_FallsBackInsteadOfFailing()
    {
        var time = new DateTimeOffset(2030, 1, 2, 3, 4, 5, TimeSpan.Zero);
        var chain = new DashboardChain(new Uri("http://127.0.0.1:9/"), new FixedTime(time));
        Assert.Equal(time.ToUnixTimeSeconds(), await chain.NowAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Events_AreTheCommunitysOwnNotTheFactories()
    {
        var ct = TestContext.Current.CancellationToken;
        using var http = demo.Http();
        var events = await http.GetFromJsonAsync<JsonElement>(new Uri("api/events?afterBlock=-1&afterLogIndex=-1&limit=1000", UriKind.Relative), ct);
        var contracts = (await demo.CommunityContractsAsync(ct)).Select(c => c.Value).ToHashSet();
        var all = await new SqlReadModel(demo.Database).GetEventsAsync(demo.Devnet.ChainId, -1, -1, 1000, ct);

        Assert.Contains(all, e => e.Contract == demo.Demo.Deployment.CommunityFactory);
        Assert.All(events.EnumerateArray(), e => Assert.Contains(e.GetProperty("contract").GetString()!, contracts));
        Assert.Equal(all.Count(e => contracts.Contains(e.Contract.Value)), events.GetArrayLength());
    }

    private DashboardOptions Options(IReadOnlyList<string> urls) =>
        new() { ChainId = demo.Devnet.ChainId, RpcUrl = demo.Devnet.RpcUrl, Community = demo.Demo.Community.Address, Urls = urls };

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
