using AidDao.Core.Demo;
using AidDao.Indexer.Tests.Support;
using AidDao.TestUtils;
using Dapper;
using Microsoft.Extensions.Logging;
using Xunit;

namespace AidDao.Indexer.Tests;

/// <summary>What an operator sees of an indexer: its metrics (System.Diagnostics.Metrics) and its structured logs.</summary>
public sealed class ObservabilityTests(ChainFixture fixture) : ChainTest(fixture)
{
    [Fact]
    public async Task Metrics_IndexToKnownHead_CountEveryIndexedEventAndLagReachesZero()
    {
        var target = await DemoTargetAsync();
        var head = (long)(await Web3For(0).Eth.Blocks.GetBlockNumber.SendRequestAsync()).Value;
        using var index = await TempIndex.CreateAsync(Ct);
        using var metrics = new IndexerMetrics();
        using var recorder = new MetricsRecorder(metrics);
        var heldWhileRunning = new List<bool>();

        using (var indexer = new ChainIndexer(target, index.Store, IndexRun.FastOptions(), metrics: metrics))
        {
            await indexer.RunAsync(untilCaughtUp: true, new SyncProgress<IndexStep>(_ => heldWhileRunning.Add(metrics.Snapshot(target.ChainId)!.LeaseHeld)), Ct);
            Assert.Equal(indexer.Stats.Batches, recorder.Measurements.Count(m => m.Instrument == "aiddao.indexer.commit.duration"));
        }

        long indexedEvents;
        await using (var connection = await index.Database.OpenAsync(Ct))
            indexedEvents = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                "SELECT COUNT(*) FROM events WHERE chain_id = @chainId AND log_index >= 0", new { chainId = target.ChainId }, cancellationToken: Ct));
        Assert.True(indexedEvents > 0);
        Assert.Equal(indexedEvents, recorder.Sum("aiddao.indexer.events", target.ChainId));
        Assert.Equal(head - (target.FromBlock - 1), recorder.Sum("aiddao.indexer.blocks", target.ChainId));
        Assert.Equal(0, recorder.Sum("aiddao.indexer.failures", target.ChainId));

        var gauges = recorder.Observe().Where(m => Equals(m.Tags["chain_id"], target.ChainId)).ToDictionary(m => m.Instrument, m => m.Value);
        Assert.Equal(head, gauges["aiddao.indexer.head"]);
        Assert.Equal(head, gauges["aiddao.indexer.cursor"]);
        Assert.Equal(0, gauges["aiddao.indexer.lag"]);
        Assert.Equal(0, gauges["aiddao.indexer.lease.held"]);

        Assert.NotEmpty(heldWhileRunning);
        Assert.All(heldWhileRunning, Assert.True);
        var snapshot = metrics.Snapshot(target.ChainId);
        Assert.NotNull(snapshot);
        Assert.Equal((head, head, 0L, false), (snapshot.Head, snapshot.Cursor, snapshot.Lag, snapshot.LeaseHeld));
        Assert.NotNull(snapshot.LastCommitAt);
        Assert.Null(metrics.Snapshot(target.ChainId + 1));
    }

    [Fact]
    public async Task Logs_IndexThroughUrlWithSecretAndFailures_StructuredEntriesWithoutTheSecret()
    {
        const string Secret = "k3y-0f-the-rpc-provider";
        var target = await DemoTargetAsync();
        await using var proxy = await RpcFaultProxy.StartAsync(Devnet.RpcUrl, Ct);
        proxy.FailNext("eth_getBlockByNumber", 1, RpcFault.HttpError(503, "busy"));
        using var index = await TempIndex.CreateAsync(Ct);
        var logs = new CapturedLogs();
        var rpc = new Uri(proxy.Url, $"/v3/{Secret}?apikey={Secret}");

        using (var indexer = new ChainIndexer(target with { Rpc = rpc }, index.Store, IndexRun.FastOptions(), logger: logs.CreateLogger("test")))
            await indexer.RunAsync(untilCaughtUp: true, null, Ct);

        var entries = logs.Entries;
        Assert.All(entries, e => Assert.DoesNotContain(Secret, e.AllText, StringComparison.Ordinal));
        var started = Assert.Single(entries, e => e.EventId.Id == 1);
        Assert.Equal(target.ChainId, started.State["ChainId"]);
        Assert.Equal($"{proxy.Url.Scheme}://{proxy.Url.Host}:{proxy.Url.Port}/…", started.State["Rpc"]);
        var failed = Assert.Single(entries, e => e.EventId.Id == 9);
        Assert.Equal(LogLevel.Warning, failed.Level);
        Assert.Equal(1, failed.State["Attempt"]);
        Assert.Contains("503", (string)failed.State["Error"]!, StringComparison.Ordinal);
        var committed = entries.Where(e => e.EventId.Id == 6).ToList();
        Assert.NotEmpty(committed);
        Assert.All(committed, e => Assert.Equal((LogLevel.Debug, target.ChainId), (e.Level, e.State["ChainId"])));
        Assert.Equal(await index.Store.GetCursorAsync(target.ChainId, Ct) is { } cursor ? cursor.Number : -1, committed[^1].State["ToBlock"]);
        var caughtUp = Assert.Single(entries, e => e.EventId.Id == 7);
        Assert.Equal((LogLevel.Information, target.ChainId), (caughtUp.Level, caughtUp.State["ChainId"]));
        Assert.Equal(committed.Sum(e => (int)e.State["Events"]!), (long)caughtUp.State["Events"]!);
        Assert.Equal(LogLevel.Information, Assert.Single(entries, e => e.EventId.Id == 13).Level);
    }

    private async Task<IndexTarget> DemoTargetAsync()
    {
        var community = await DemoCommunity.CreateAsync(Devnet, Ct);
        await DemoPool.CreateAsync(Devnet, community, Ct);
        return IndexRun.Target(Devnet, community.Deployment, community.Community.Address);
    }
}
