using System.Diagnostics;
using System.Numerics;
using AidDao.Core;
using AidDao.Core.Demo;
using AidDao.Core.Pools;
using AidDao.Indexer.Tests.Support;
using AidDao.TestUtils;
using Hangfire.Storage;
using Microsoft.Extensions.Logging;
using Xunit;

namespace AidDao.Indexer.Tests;

/// <summary>
/// The Hangfire watchdog: its interval's allowed values and schedule; two servers sharing Hangfire's PostgreSQL storage
/// and one index, of which exactly one follows the chain until it stops and the other takes over; another deployment's
/// job never runs here; a lease of a vanished machine is waited out and taken over; failed runs are logged and deleted.
/// </summary>
public sealed class WatchdogTests(ChainFixture fixture) : ChainTest(fixture)
{
    [Theory]
    [InlineData(5, "*/5 * * * * *")]
    [InlineData(30, "*/30 * * * * *")]
    [InlineData(60, "*/1 * * * *")]
    [InlineData(900, "*/15 * * * *")]
    [InlineData(3600, "0 * * * *")]
    public void WatchdogInterval_AllowedValue_RepeatsEvenlyByCron(int seconds, string cron)
    {
        var options = new IndexerOptions { WatchdogInterval = TimeSpan.FromSeconds(seconds) };

        Assert.Equal(cron, IndexerHost.Cron(options.WatchdogInterval));
        Assert.InRange(IndexerHost.PollingInterval(options.WatchdogInterval), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(15));
    }

    [Theory]
    [InlineData(4_000)]
    [InlineData(7_000)]
    [InlineData(5_500)]
    [InlineData(90_000)]
    [InlineData(7_200_000)]
    public void WatchdogInterval_OddValue_IsRefusedNamingTheAllowedOnes(int milliseconds)
    {
        var options = new IndexerOptions();

        var refused = Assert.Throws<ArgumentOutOfRangeException>(() => options.WatchdogInterval = TimeSpan.FromMilliseconds(milliseconds));

        Assert.Contains("5, 6, 10, 12, 15, 20 or 30 seconds", refused.Message, StringComparison.Ordinal);
        Assert.Equal(TimeSpan.FromMinutes(1), options.WatchdogInterval);
    }

    [Fact]
    public async Task HangfirePostgreSql_HolderStops_OtherServerTakesOverWithinTheBoundAndContinues()
    {
        var community = await DemoCommunity.CreateAsync(Devnet, Ct);
        var pool = await DemoPool.CreateAsync(Devnet, community, Ct);
        var target = IndexRun.Target(Devnet, community.Deployment, community.Community.Address);
        using var hangfire = await PostgresTestDatabase.CreateAsync(Ct);
        using var index = await TempIndex.CreateAsync(Ct);
        var options = IndexRun.FastOptions();
        options.WatchdogInterval = TimeSpan.FromSeconds(5);
        options.LeaseDuration = TimeSpan.FromSeconds(10);
        using var metricsA = new IndexerMetrics();
        using var metricsB = new IndexerMetrics();
        var registryA = new IndexerRegistry(index.Store, options, null) { Metrics = metricsA };
        var registryB = new IndexerRegistry(index.Store, options, null) { Metrics = metricsB };
        registryA.Add(target);
        registryB.Add(target);
        bool Held(IndexerMetrics metrics) => metrics.Snapshot(target.ChainId)?.LeaseHeld == true;

        var hostA = IndexerHost.Start(registryA, hangfire.ConnectionString);
        var hostB = IndexerHost.Start(registryB, hangfire.ConnectionString);
        try
        {
            await WaitForHeadAsync(index, target.ChainId);
            // Over more than one watchdog run: always exactly one of the two servers follows the chain.
            var watched = Stopwatch.StartNew();
            while (watched.Elapsed < options.WatchdogInterval * 1.5)
            {
                Assert.True(Held(metricsA) ^ Held(metricsB), "exactly one server should hold the chain's lease");
                await Task.Delay(100, Ct);
            }
            var (holder, other, otherMetrics) = Held(metricsA) ? (hostA, hostB, metricsB) : (hostB, hostA, metricsA);

            var stopped = Stopwatch.StartNew();
            holder.Dispose();
            var bound = options.WatchdogInterval + options.LeaseDuration + TimeSpan.FromSeconds(5);
            await WaitUntilAsync(() => Task.FromResult(Held(otherMetrics)), bound);
            TestContext.Current.SendDiagnosticMessage($"taken over after {stopped.Elapsed.TotalSeconds:0.0} s (bound {bound.TotalSeconds} s)");

            var donor = await EmergencyPoolService.ConnectAsync(Web3For(6), pool.Pool, Ct);
            await donor.DepositAsync(PoolAsset.Eth, BigInteger.Pow(10, 15), Ct);
            await WaitForHeadAsync(index, target.ChainId);
            Assert.True(Held(otherMetrics));
            Assert.Equal(otherMetrics.Snapshot(target.ChainId)!.Cursor, (await index.Store.GetCursorAsync(target.ChainId, Ct))!.Number);
            var indexed = await index.ReadModel.GetPoolAsync(target.ChainId, pool.Pool, long.MaxValue, Ct);
            Assert.Equal((await Web3For(0).Eth.GetBalance.SendRequestAsync(pool.Pool.Value)).Value, indexed!.Balances[EthAddress.Zero]);
        }
        finally
        {
            hostA.Dispose();
            hostB.Dispose();
        }

        Assert.Equal(await IndexRun.FreshSnapshotAsync(target, Ct), await IndexSnapshot.TakeAsync(index.Database, target.ChainId, Ct));
    }

    [Fact]
    public void RecurringIdAndQueue_SameCommunitiesInAnyOrder_AreEqualAndOthersDiffer()
    {
        var (a, b) = (EthAddress.Parse(Accounts[8].Address), EthAddress.Parse(Accounts[9].Address));
        var target = new IndexTarget(Devnet.ChainId, Devnet.RpcUrl, a, null, [a, b], 1);
        var same = target with { Communities = [b, a, b] };
        var other = target with { Communities = [a] };
        IndexerRegistry Registry(IndexTarget t)
        {
            var registry = new IndexerRegistry(new Data.IndexStore(Data.IndexDatabase.FromSetting("Data Source=:memory:")), new IndexerOptions(), null);
            registry.Add(t);
            return registry;
        }

        Assert.Matches($"^aiddao-index-{Devnet.ChainId}-[0-9a-f]{{8}}$", IndexerJob.RecurringId(target));
        Assert.Equal(IndexerJob.RecurringId(target), IndexerJob.RecurringId(same));
        Assert.NotEqual(IndexerJob.RecurringId(target), IndexerJob.RecurringId(other));
        // Hangfire queue names: lower-case letters, digits and underscores.
        Assert.Matches("^aiddao_[0-9a-f]{8}$", Registry(target).Queue);
        Assert.Equal(Registry(target).Queue, Registry(same).Queue);
        Assert.NotEqual(Registry(target).Queue, Registry(other).Queue);
        Assert.NotEqual(Registry(target).Queue, Registry(target with { ChainId = 1 }).Queue);
    }

    [Fact]
    public async Task Follow_JobOfAnotherDeployment_EndsWithItsReasonLogged()
    {
        using var index = await TempIndex.CreateAsync(Ct);
        var logs = new CapturedLogs();
        var registry = new IndexerRegistry(index.Store, new IndexerOptions(), null) { LoggerFactory = logs };
        var community = EthAddress.Parse(Accounts[9].Address);
        registry.Add(new IndexTarget(Devnet.ChainId, Devnet.RpcUrl, community, null, [community], 1));
        var job = new IndexerJob(registry);

        var otherChain = await job.FollowAsync(999_999, "0badc0de", Ct);
        var otherCommunities = await job.FollowAsync(Devnet.ChainId, "0badc0de", Ct);

        Assert.StartsWith("This server does not index chain 999999: the job belongs to another deployment", otherChain, StringComparison.Ordinal);
        Assert.StartsWith($"This server indexes other communities of chain {Devnet.ChainId}", otherCommunities, StringComparison.Ordinal);
        Assert.Equal([otherChain, otherCommunities], logs.Entries.Where(e => e.EventId.Id == 31 && e.Level == LogLevel.Warning).Select(e => e.State["Reason"]));
        Assert.Null(await index.Store.GetLeaseAsync(Devnet.ChainId, Ct));
    }

    [Fact]
    public async Task HangfirePostgreSql_JobOfAnotherChainsDeployment_OneRunWaitsInItsQueueAndNoneRunsHere()
    {
        var community = await DemoCommunity.CreateAsync(Devnet, Ct);
        var target = IndexRun.Target(Devnet, community.Deployment, community.Community.Address);
        // Another deployment on the same Hangfire storage, for a chain this one does not index; its servers are gone.
        var foreign = target with { ChainId = 999_999, Rpc = new Uri("http://127.0.0.1:9/") };
        using var hangfire = await PostgresTestDatabase.CreateAsync(Ct);
        using var index = await TempIndex.CreateAsync(Ct);
        using var foreignIndex = await TempIndex.CreateAsync(Ct);
        var options = IndexRun.FastOptions();
        options.WatchdogInterval = TimeSpan.FromSeconds(5);
        var foreignRegistry = new IndexerRegistry(foreignIndex.Store, options, null);
        foreignRegistry.Add(foreign);
        IndexerHost.Start(foreignRegistry, hangfire.ConnectionString).Dispose();
        var registry = new IndexerRegistry(index.Store, options, null);
        registry.Add(target);

        using var host = IndexerHost.Start(registry, hangfire.ConnectionString);
        var monitoring = host.Storage.GetMonitoringApi();
        int ForeignRuns() =>
            monitoring.SucceededJobs(0, 1000).Select(j => j.Value.Job).Concat(monitoring.FailedJobs(0, 1000).Select(j => j.Value.Job))
                .Concat(monitoring.DeletedJobs(0, 1000).Select(j => j.Value.Job)).Count(j => j?.Args[0] is 999_999L);
        string? LastJob(string recurringJobId)
        {
            using var connection = host.Storage.GetConnection();
            return connection.GetRecurringJobs().Single(j => j.Id == recurringJobId).LastJobId;
        }
        var before = ForeignRuns();
        await WaitForHeadAsync(index, target.ChainId);
        // Two more rounds of this server's scheduler (its own watchdog triggered twice): each also triggers the other
        // deployment's job, into that deployment's queue, where one run waits (not one per round).
        var ownRuns = new HashSet<string?> { LastJob(IndexerJob.RecurringId(target)) };
        await WaitUntilAsync(() =>
        {
            ownRuns.Add(LastJob(IndexerJob.RecurringId(target)));
            return Task.FromResult(ownRuns.Count >= 3);
        }, options.WatchdogInterval * 4);
        await Task.Delay(IndexerHost.PollingInterval(options.WatchdogInterval) * 2, Ct);

        var waiting = Assert.Single(monitoring.EnqueuedJobs(foreignRegistry.Queue, 0, 100));
        Assert.Equal(999_999L, waiting.Value.Job.Args[0]);
        Assert.Equal(before, ForeignRuns());
        Assert.Equal(0, monitoring.FailedCount());
        Assert.Contains(monitoring.Servers(), s => s.Queues.SequenceEqual([registry.Queue]));
        Assert.DoesNotContain(monitoring.Servers(), s => s.Queues.Contains("default"));
    }

    [Fact]
    public async Task IndexerHost_LeaseOfAnotherMachineRunsOut_TakesOverWithinTheBoundAndIndexes()
    {
        var community = await DemoCommunity.CreateAsync(Devnet, Ct);
        var target = IndexRun.Target(Devnet, community.Deployment, community.Community.Address);
        using var index = await TempIndex.CreateAsync(Ct);
        var options = IndexRun.FastOptions();
        options.WatchdogInterval = TimeSpan.FromSeconds(5);
        // A machine that vanished: its lease cannot be checked, only waited out (here it has 3 s left).
        const string foreign = "othermachine/1/x";
        var remaining = TimeSpan.FromSeconds(3);
        Assert.True(await index.Store.TryLeaseAsync(target.ChainId, foreign, remaining, Ct));
        var expires = (await index.Store.GetLeaseAsync(target.ChainId, Ct))!.Value.ExpiresAt;
        var registry = new IndexerRegistry(index.Store, options, null);
        registry.Add(target);
        var started = Stopwatch.StartNew();

        using (IndexerHost.Start(registry))
        {
            // Within the remaining lease + 1.4 × the watchdog's interval (and generous patience for a busy machine).
            await WaitUntilAsync(async () => (await index.Store.GetLeaseAsync(target.ChainId, Ct))?.Owner is { } owner && owner != foreign,
                remaining + options.WatchdogInterval * 1.4 + TimeSpan.FromSeconds(30));
            var takenAt = DateTimeOffset.UtcNow;
            TestContext.Current.SendDiagnosticMessage($"taken over after {started.Elapsed.TotalSeconds:0.0} s");
            await WaitForHeadAsync(index, target.ChainId);

            Assert.True(takenAt >= expires, $"The lease was taken at {takenAt:O}, before it ran out at {expires:O}.");
            var lease = (await index.Store.GetLeaseAsync(target.ChainId, Ct))!.Value;
            Assert.True(LeaseOwner.TryParse(lease.Owner, out var owner) && owner.IsThisProcess, lease.Owner);
        }
        Assert.Equal(await IndexRun.FreshSnapshotAsync(target, Ct), await IndexSnapshot.TakeAsync(index.Database, target.ChainId, Ct));
    }

    [Fact]
    public async Task IndexerHost_RunFails_LogsTheReasonAndDeletesTheRun()
    {
        using var index = await TempIndex.CreateAsync(Ct);
        var logs = new CapturedLogs();
        var options = IndexRun.FastOptions();
        options.WatchdogInterval = TimeSpan.FromSeconds(5);
        var registry = new IndexerRegistry(index.Store, options, null) { LoggerFactory = logs };
        // The node serves another chain: every run stops with an error (the watchdog's next run is the only retry).
        var community = EthAddress.Parse(Accounts[9].Address);
        registry.Add(new IndexTarget(999_999, Devnet.RpcUrl, community, null, [community], 1));

        using var host = IndexerHost.Start(registry);
        var monitoring = host.Storage.GetMonitoringApi();
        await WaitUntilAsync(() => Task.FromResult(monitoring.DeletedListCount() >= 1), TimeSpan.FromSeconds(30));

        Assert.Equal(0, monitoring.FailedCount());
        var logged = logs.Entries.First(e => e.EventId.Id == 30);
        Assert.Equal(LogLevel.Warning, logged.Level);
        Assert.Contains($"serves chain {Devnet.ChainId}, but this index is for chain 999999", logged.Message, StringComparison.Ordinal);
    }

    private async Task WaitForHeadAsync(TempIndex index, long chainId)
    {
        var head = (long)(await Web3For(0).Eth.Blocks.GetBlockNumber.SendRequestAsync()).Value;
        await WaitUntilAsync(async () => (await index.Store.GetCursorAsync(chainId, Ct))?.Number >= head, TimeSpan.FromSeconds(60));
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan patience)
    {
        var waited = Stopwatch.StartNew();
        while (!await condition())
        {
            if (waited.Elapsed > patience) Assert.Fail($"The condition was not met within {patience.TotalSeconds:0} s.");
            await Task.Delay(50, Ct);
        }
    }
}
