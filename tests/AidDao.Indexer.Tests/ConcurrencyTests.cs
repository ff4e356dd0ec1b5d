using System.Numerics;
using AidDao.Core;
using AidDao.Core.Demo;
using AidDao.Core.Indexing;
using AidDao.Core.Pools;
using AidDao.Data;
using AidDao.Indexer.Tests.Support;
using AidDao.TestUtils;
using Dapper;
using Xunit;

namespace AidDao.Indexer.Tests;

/// <summary>Several indexers of one chain and database: one follows, none writes a log twice; the Hangfire job follows live.</summary>
public sealed class ConcurrencyTests(ChainFixture fixture) : ChainTest(fixture)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Run_TwoIndexersAtOnce_SecondIsRefusedAndIndexEqualsFresh()
    {
        var target = await DemoTargetAsync();
        using var index = await TempIndex.CreateAsync(Ct);
        using var first = new ChainIndexer(target, index.Store, IndexRun.FastOptions());
        using var second = new ChainIndexer(target, index.Store, IndexRun.FastOptions());
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);

        var following = first.RunAsync(untilCaughtUp: false, null, stop.Token);
        await WaitUntilAsync(async () => await index.Store.GetLeaseAsync(target.ChainId, Ct) is not null);
        var refused = await Assert.ThrowsAsync<IndexLeaseHeldException>(() => second.RunAsync(untilCaughtUp: true, null, Ct));
        await WaitForHeadAsync(index, target.ChainId);
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => following);

        Assert.Contains("Another indexer is already indexing chain", refused.Message, StringComparison.Ordinal);
        Assert.Equal(await IndexRun.FreshSnapshotAsync(target, Ct), await IndexSnapshot.TakeAsync(index.Database, target.ChainId, Ct));
        Assert.Null(await index.Store.GetLeaseAsync(target.ChainId, Ct));
    }

    [Fact]
    public async Task Step_TwoIndexersRacingPastTheLease_WriteEveryLogOnce()
    {
        var target = await DemoTargetAsync();
        using var index = await TempIndex.CreateAsync(Ct);
        var options = IndexRun.FastOptions();
        options.InitialSpan = options.MaxSpan = 2;
        var conflicts = 0;

        async Task RaceAsync()
        {
            var indexer = new ChainIndexer(target, index.Store, options);
            try
            {
                while (true)
                {
                    try
                    {
                        if ((await indexer.StepAsync(Ct)).Kind == IndexStepKind.CaughtUp) return;
                    }
                    catch (IndexConflictException)
                    {
                        Interlocked.Increment(ref conflicts);
                        indexer.Dispose();
                        indexer = new ChainIndexer(target, index.Store, options);
                    }
                }
            }
            finally
            {
                indexer.Dispose();
            }
        }

        await Task.WhenAll(Task.Run(RaceAsync, Ct), Task.Run(RaceAsync, Ct));

        Assert.Equal(await IndexRun.FreshSnapshotAsync(target, Ct), await IndexSnapshot.TakeAsync(index.Database, target.ChainId, Ct));
        TestContext.Current.SendDiagnosticMessage($"conflicts: {conflicts}");
    }

    [Fact]
    public async Task HangfireJob_NewDeposit_IsIndexedAndPublished()
    {
        var (target, pool) = await DemoAsync();
        using var index = await TempIndex.CreateAsync(Ct);
        var changes = new IndexChangeBroadcaster();
        var registry = new IndexerRegistry(index.Store, IndexRun.FastOptions(), changes);
        registry.Add(target);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        stop.CancelAfter(Patience);

        using (IndexerHost.Start(registry))
        {
            await WaitForHeadAsync(index, target.ChainId);
            var deposits = WaitForAsync(changes, c => c.EventNames.Contains("Deposited") && c.Contracts.Contains(pool.Value.ToLowerInvariant()), stop.Token);
            var donor = await EmergencyPoolService.ConnectAsync(Web3For(8), pool, Ct);
            var deposit = await donor.DepositAsync(PoolAsset.Eth, BigInteger.Pow(10, 15), Ct);
            var change = await deposits;

            Assert.False(change.RolledBack);
            var indexed = await index.ReadModel.GetPoolAsync(target.ChainId, pool, long.MaxValue, Ct);
            Assert.NotNull(indexed);
            Assert.Equal((await Web3For(0).Eth.GetBalance.SendRequestAsync(pool.Value)).Value, indexed.Balances[EthAddress.Zero]);
        }
    }

    [Fact]
    public async Task HangfireJob_TwoServersOnOneDatabase_OneFollowsAndNothingIsWrittenTwice()
    {
        var (target, pool) = await DemoAsync();
        using var index = await TempIndex.CreateAsync(Ct);
        var registryA = new IndexerRegistry(index.Store, IndexRun.FastOptions(), null);
        var registryB = new IndexerRegistry(index.Store, IndexRun.FastOptions(), null);
        registryA.Add(target);
        registryB.Add(target);

        using (IndexerHost.Start(registryA))
        using (IndexerHost.Start(registryB))
        {
            await WaitForHeadAsync(index, target.ChainId);
            var donor = await EmergencyPoolService.ConnectAsync(Web3For(7), pool, Ct);
            await donor.DepositAsync(PoolAsset.Eth, BigInteger.Pow(10, 15), Ct);
            await WaitForHeadAsync(index, target.ChainId);
            Assert.NotNull(await index.Store.GetLeaseAsync(target.ChainId, Ct));
        }

        Assert.Equal(await IndexRun.FreshSnapshotAsync(target, Ct), await IndexSnapshot.TakeAsync(index.Database, target.ChainId, Ct));
    }

    private async Task<IndexTarget> DemoTargetAsync() => (await DemoAsync()).Target;

    private async Task<(IndexTarget Target, EthAddress Pool)> DemoAsync()
    {
        var community = await DemoCommunity.CreateAsync(Devnet, Ct);
        var pool = await DemoPool.CreateAsync(Devnet, community, Ct);
        return (IndexRun.Target(Devnet, community.Deployment, community.Community.Address), pool.Pool);
    }

    private async Task WaitForHeadAsync(TempIndex index, long chainId)
    {
        var head = (long)(await Web3For(0).Eth.Blocks.GetBlockNumber.SendRequestAsync()).Value;
        await WaitUntilAsync(async () => (await index.Store.GetCursorAsync(chainId, Ct))?.Number >= head);
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        using var patience = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        patience.CancelAfter(Patience);
        while (!await condition()) await Task.Delay(50, patience.Token);
    }

    private static async Task<IndexChange> WaitForAsync(IndexChangeBroadcaster changes, Func<IndexChange, bool> wanted, CancellationToken ct)
    {
        await foreach (var change in changes.SubscribeAsync(ct))
            if (wanted(change)) return change;
        throw new InvalidOperationException("the change feed ended");
    }
}
