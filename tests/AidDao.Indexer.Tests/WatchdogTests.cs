using System.Diagnostics;
using System.Numerics;
using AidDao.Core;
using AidDao.Core.Demo;
using AidDao.Core.Pools;
using AidDao.Indexer.Tests.Support;
using AidDao.TestUtils;
using Xunit;

namespace AidDao.Indexer.Tests;

/// <summary>
/// The Hangfire watchdog: its interval's allowed values and schedule, and two servers sharing Hangfire's PostgreSQL
/// storage and one index, of which exactly one follows the chain until it stops and the other takes over.
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
