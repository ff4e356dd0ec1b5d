using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using AidDao.Core;
using AidDao.Dashboard.Tests.Support;
using AidDao.Data;
using AidDao.Indexer;
using AidDao.TestUtils;
using Xunit;

namespace AidDao.Dashboard.Tests;

/// <summary>
/// <c>/health</c> when a dependency is gone (the database: unhealthy, 503; Redis or the chain's node: degraded, 200), and a
/// start against a Redis that does not answer.
/// </summary>
public sealed class HealthTests(DemoDashboardFixture demo)
{
    [Fact]
    public async Task Health_DatabaseDropped_IsUnhealthyWith503()
    {
        var ct = TestContext.Current.CancellationToken;
        var postgres = await PostgresTestDatabase.CreateAsync(ct);
        try
        {
            await using var host = await DashboardHost.StartAsync(Options(), IndexDatabase.FromSetting(postgres.ConnectionString), new IndexChangeBroadcaster(), cancellationToken: ct);
            using var http = new HttpClient();

            // Reachable but nothing indexed into it yet, and nobody indexing: serving, degraded.
            var (status, before) = await HealthAsync(http, host, ct);
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal("degraded", before.GetProperty("status").GetString());
            Assert.Equal(JsonValueKind.Null, before.GetProperty("indexer").GetProperty("cursor").ValueKind);
            Assert.Equal(JsonValueKind.Null, before.GetProperty("redis").ValueKind);
            Assert.Equal(
                [$"Chain {demo.Devnet.ChainId} is not indexed yet.", $"No instance holds the indexer's lease of chain {demo.Devnet.ChainId}: nothing is indexing it."],
                before.GetProperty("problems").EnumerateArray().Select(p => p.GetString()));

            await postgres.DisposeAsync();
            var watch = Stopwatch.StartNew();
            var (statusAfter, after) = await HealthAsync(http, host, ct);

            Assert.Equal(HttpStatusCode.ServiceUnavailable, statusAfter);
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"The probe took {watch.Elapsed}.");
            Assert.Equal("unhealthy", after.GetProperty("status").GetString());
            Assert.Equal("""{"reachable":false,"kind":"postgresql"}""", after.GetProperty("database").GetRawText());
            Assert.True(after.GetProperty("chain").GetProperty("reachable").GetBoolean());
            Assert.Equal("The index database (postgresql) did not answer within 2 s; see the server's log.", Assert.Single(after.GetProperty("problems").EnumerateArray()).GetString());
        }
        finally
        {
            await postgres.DisposeAsync();
        }
    }

    [Fact]
    public async Task Health_RedisThenChainGone_IsDegradedWith200AndStillServes()
    {
        var ct = TestContext.Current.CancellationToken;
        await demo.WaitForIndexAsync(ct);
        await using var redis = new TcpForwarder(TestServices.Redis);
        await using var node = new TcpForwarder($"{demo.Devnet.RpcUrl.Host}:{demo.Devnet.RpcUrl.Port}");
        await using var host = await DashboardHost.StartAsync(Options(redis.Address, new Uri($"http://{node.Address}/")), demo.Database, new IndexChangeBroadcaster(), cancellationToken: ct);
        using var http = new HttpClient();
        var (status, before) = await HealthAsync(http, host, ct);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("healthy", before.GetProperty("status").GetString());
        // The demo's own host indexes in this process; this one runs no indexer.
        Assert.False(before.GetProperty("indexer").GetProperty("runsHere").GetBoolean());

        await redis.StopAsync();
        var (statusRedis, redisGone) = await HealthAsync(http, host, ct);

        // A load balancer keeps the instance: pages and the API still serve from the index.
        Assert.Equal(HttpStatusCode.OK, statusRedis);
        Assert.Equal("degraded", redisGone.GetProperty("status").GetString());
        Assert.Equal("""{"reachable":false}""", redisGone.GetProperty("redis").GetRawText());
        Assert.True(redisGone.GetProperty("database").GetProperty("reachable").GetBoolean());
        Assert.Contains("Redis (the backplane between dashboard instances) did not answer", Assert.Single(redisGone.GetProperty("problems").EnumerateArray()).GetString(), StringComparison.Ordinal);
        using var overview = await http.GetAsync(new Uri(host.Url, "api/overview"), ct);
        Assert.Equal(HttpStatusCode.OK, overview.StatusCode);

        await node.StopAsync();
        var (statusChain, chainGone) = await HealthAsync(http, host, ct);

        Assert.Equal(HttpStatusCode.OK, statusChain);
        Assert.Equal("degraded", chainGone.GetProperty("status").GetString());
        Assert.False(chainGone.GetProperty("chain").GetProperty("reachable").GetBoolean());
        Assert.Equal(JsonValueKind.Null, chainGone.GetProperty("chain").GetProperty("head").ValueKind);
        Assert.Equal(
            ["The chain's node did not answer within 2 s: the index may fall behind (pages show it as far as it got); see the server's log.",
             "Redis (the backplane between dashboard instances) did not answer within 2 s: pages on other instances miss live updates; see the server's log."],
            chainGone.GetProperty("problems").EnumerateArray().Select(p => p.GetString()));
    }

    [Fact]
    public async Task Start_RedisNotAnswering_RefusesWithWhatWhereAndWhatToDo()
    {
        var ct = TestContext.Current.CancellationToken;
        int port;
        using (var closed = new TcpListener(IPAddress.Loopback, 0))
        {
            closed.Start();
            port = ((IPEndPoint)closed.LocalEndpoint).Port;
        }
        var watch = Stopwatch.StartNew();

        var refused = await Assert.ThrowsAsync<AidDaoException>(() =>
            DashboardHost.StartAsync(Options($"127.0.0.1:{port}"), demo.Database, new IndexChangeBroadcaster(), cancellationToken: ct));

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(15), $"The refusal took {watch.Elapsed}.");
        Assert.StartsWith($"Cannot reach Redis at 127.0.0.1:{port} (the SignalR backplane given by --redis) within 5 s: ", refused.Message, StringComparison.Ordinal);
        Assert.EndsWith("Start Redis there or correct --redis (host:port, ,password=... when it needs one); leave --redis out to run a single dashboard instance.", refused.Message, StringComparison.Ordinal);
    }

    private DashboardOptions Options(string? redis = null, Uri? rpc = null) => new()
    {
        ChainId = demo.Devnet.ChainId,
        RpcUrl = rpc ?? demo.Devnet.RpcUrl,
        Community = demo.Demo.Community.Address,
        Urls = ["http://127.0.0.1:0"],
        Redis = redis,
    };

    private static async Task<(HttpStatusCode Status, JsonElement Health)> HealthAsync(HttpClient http, DashboardHost host, CancellationToken ct)
    {
        using var response = await http.GetAsync(host.HealthUrl, ct);
        return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>(ct));
    }
}
