using System.Globalization;
using System.Numerics;
using AidDao.Core;
using AidDao.Core.Chain;
using AidDao.Core.Demo;
using AidDao.Core.Pools;
using AidDao.Indexer.Tests.Support;
using AidDao.TestUtils;
using Xunit;

namespace AidDao.Indexer.Tests;

/// <summary>
/// Reorganisations made with Anvil's <c>anvil_reorg</c>: the last blocks (each with deposits, so with AidDao events) are
/// replaced by blocks with other deposits. The index that saw the old blocks must repair itself into exactly what a fresh
/// index of the new chain holds.
/// </summary>
public sealed class ReorgTests(ChainFixture fixture) : ChainTest(fixture)
{
    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(12)]
    public async Task Index_ReorgAtDepth_RepairsToTheFreshIndexOfTheNewChain(int depth)
    {
        var (target, pool) = await TipWithDepositsAsync(blocks: depth + 2);
        using var index = await TempIndex.CreateAsync(Ct);
        await IndexRun.ToHeadAsync(target, index.Store, Ct);
        var before = await IndexSnapshot.TakeAsync(index.Database, target.ChainId, Ct);

        await ReorgAsync(depth, pool);
        var steps = new List<IndexStep>();
        var logs = new CapturedLogs();
        using var metrics = new IndexerMetrics();
        using var recorder = new MetricsRecorder(metrics);
        using (var indexer = new ChainIndexer(target, index.Store, IndexRun.FastOptions(), logger: logs.CreateLogger("test"), metrics: metrics))
            await indexer.RunAsync(untilCaughtUp: true, new SyncProgress<IndexStep>(steps.Add), Ct);

        var after = await IndexSnapshot.TakeAsync(index.Database, target.ChainId, Ct);
        Assert.Equal(await IndexRun.FreshSnapshotAsync(target, Ct), after);
        Assert.NotEqual(before, after);
        var rollBack = Assert.Single(steps, s => s.Kind == IndexStepKind.RolledBack);
        Assert.True(rollBack.FromBlock <= (await HeadAsync()) - depth + 1, $"rolled back only from block {rollBack.FromBlock}");
        Assert.Equal(1, recorder.Sum("aiddao.indexer.reorgs", target.ChainId));
        var logged = Assert.Single(logs.Entries, e => e.EventId.Id == 8);
        Assert.Equal((Microsoft.Extensions.Logging.LogLevel.Warning, target.ChainId, rollBack.FromBlock), (logged.Level, logged.State["ChainId"], logged.State["FromBlock"]));
    }

    [Fact]
    public async Task Index_ReorgDeeperThanRetained_StopsWithClearErrorAndLeavesIndexUnchanged()
    {
        var (target, pool) = await TipWithDepositsAsync(blocks: 8);
        using var index = await TempIndex.CreateAsync(Ct);
        var options = IndexRun.FastOptions();
        options.MaxReorgDepth = 4;
        await IndexRun.ToHeadAsync(target, index.Store, Ct, options);
        var before = await IndexSnapshot.TakeAsync(index.Database, target.ChainId, Ct);

        await ReorgAsync(6, pool);
        var logs = new CapturedLogs();
        using var indexer = new ChainIndexer(target, index.Store, options, logger: logs.CreateLogger("test"));
        var error = await Assert.ThrowsAsync<IndexReorgTooDeepException>(() => indexer.RunAsync(untilCaughtUp: true, null, Ct));

        Assert.Contains("reorganised more than 4 blocks deep", error.Message, StringComparison.Ordinal);
        Assert.Contains("rebuild it into a fresh database", error.Message, StringComparison.Ordinal);
        var logged = Assert.Single(logs.Entries, e => e.Level == Microsoft.Extensions.Logging.LogLevel.Error);
        Assert.Equal((11, error.Message), (logged.EventId.Id, logged.State["Error"]));
        Assert.Equal(before, await IndexSnapshot.TakeAsync(index.Database, target.ChainId, Ct));
    }

    /// <summary>The demo community and pool, then <paramref name="blocks"/> blocks each holding a deposit.</summary>
    private async Task<(IndexTarget Target, EthAddress Pool)> TipWithDepositsAsync(int blocks)
    {
        var community = await DemoCommunity.CreateAsync(Devnet, Ct);
        var pool = await DemoPool.CreateAsync(Devnet, community, Ct);
        for (var i = 0; i < blocks; i++)
        {
            var donor = await EmergencyPoolService.ConnectAsync(Web3For(6 + (i % 4)), pool.Pool, Ct);
            await donor.DepositAsync(PoolAsset.Eth, new BigInteger(1_000_000_000_000_000L + i), Ct);
        }
        return (IndexRun.Target(Devnet, community.Deployment, community.Community.Address), pool.Pool);
    }

    /// <summary>Replaces the last <paramref name="depth"/> blocks with blocks holding other deposits (one every other block).</summary>
    private async Task ReorgAsync(int depth, EthAddress pool)
    {
        var replacements = Enumerable.Range(0, depth).Where(i => i % 2 == 0).Select(i => (object)new object[]
        {
            new Dictionary<string, string>
            {
                ["from"] = Accounts[5].Address,
                ["to"] = pool.Value,
                ["value"] = "0x" + (7_000_000_000_000_000L + i).ToString("x", CultureInfo.InvariantCulture),
                ["gas"] = "0x7a120",
            },
            i,
        }).ToList();
        await Devnet.RequestAsync("anvil_reorg", [depth, replacements], Ct);
    }

    private async Task<long> HeadAsync() => (long)(await Web3For(0).Eth.Blocks.GetBlockNumber.SendRequestAsync()).Value;
}
