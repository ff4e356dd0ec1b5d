using AidDao.Core.Chain;
using AidDao.Core.Demo;
using AidDao.Indexer.Tests.Support;
using AidDao.TestUtils;
using Xunit;

namespace AidDao.Indexer.Tests;

/// <summary>
/// Faults between the indexer and the node (a proxy injects them): errors, timeouts, dropped connections, refused ranges,
/// and the node itself stopped and restarted. Each run must end equal to a fresh index of the same chain.
/// </summary>
public sealed class FaultTests(ChainFixture fixture) : ChainTest(fixture)
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task Index_RpcErrorsTimeoutsAndResetsInjected_EqualsFreshIndex()
    {
        var target = await DemoTargetAsync(Devnet);
        await using var proxy = await RpcFaultProxy.StartAsync(Devnet.RpcUrl, Ct);
        proxy.FailNext("eth_getLogs", 2, RpcFault.JsonRpcError(-32000, "internal error"));
        proxy.FailNext("eth_getBlockByNumber", 2, RpcFault.HttpError(503, "busy"));
        proxy.FailNext("eth_blockNumber", 1, RpcFault.ConnectionReset());
        proxy.FailNext("eth_getLogs", 1, RpcFault.Hang(TimeSpan.FromSeconds(3)));
        proxy.FailNext("eth_chainId", 1, RpcFault.HttpError(502));
        proxy.FailNext("eth_getLogs", 1, RpcFault.SlowAnswer(TimeSpan.FromMilliseconds(300)));
        var options = IndexRun.FastOptions();
        options.RpcTimeout = TimeSpan.FromSeconds(1);
        options.InitialSpan = 8;
        using var index = await TempIndex.CreateAsync(Ct);

        await IndexRun.ToHeadAsync(target with { Rpc = proxy.Url }, index.Store, Ct, options);

        Assert.Equal(8, proxy.Injected);
        Assert.Equal(await IndexRun.FreshSnapshotAsync(target, Ct), await IndexSnapshot.TakeAsync(index.Database, target.ChainId, Ct));
    }

    [Theory]
    [InlineData("suggested range")]
    [InlineData("stated limit")]
    [InlineData("no hint")]
    public async Task Index_NodeRefusesLargeRanges_ShrinksAndEqualsFreshIndex(string refusal)
    {
        var target = await DemoTargetAsync(Devnet);
        await using var proxy = await RpcFaultProxy.StartAsync(Devnet.RpcUrl, Ct);
        switch (refusal)
        {
            case "suggested range": proxy.RefuseLogRangesAbove(7, LogRangeRefusal.SuggestingRange(7)); break;
            case "stated limit": proxy.RefuseLogRangesAbove(7, LogRangeRefusal.StatingLimit(7)); break;
            default: proxy.RefuseLogRangesAbove(7, "query timeout exceeded"); break;
        }
        using var index = await TempIndex.CreateAsync(Ct);
        var options = IndexRun.FastOptions();
        options.InitialSpan = 100;
        options.MaxSpan = 100;
        var steps = new List<IndexStep>();

        using (var indexer = new ChainIndexer(target with { Rpc = proxy.Url }, index.Store, options))
        {
            await indexer.RunAsync(untilCaughtUp: true, new SyncProgress<IndexStep>(steps.Add), Ct);
            // A node that names its limit is believed; one that only refuses is probed downwards.
            Assert.InRange(indexer.Span, 1, refusal == "no hint" ? 50 : 7);
        }

        Assert.Contains(steps, s => s.Kind == IndexStepKind.RangeRefused);
        Assert.True(proxy.Injected > 0);
        Assert.Equal(await IndexRun.FreshSnapshotAsync(target, Ct), await IndexSnapshot.TakeAsync(index.Database, target.ChainId, Ct));
    }

    [Fact]
    public async Task Index_NodeStoppedAndRestartedMidRun_ResumesAndEqualsFreshIndex()
    {
        await using var node = await RestartableNode.StartAsync(DevnetOptions.FromEnvironment() is { ExistingRpcUrl: null } o ? o : new DevnetOptions(), Ct);
        var target = await DemoTargetAsync(node.Devnet);
        await using var proxy = await RpcFaultProxy.StartAsync(node.Devnet.RpcUrl, Ct);
        using var index = await TempIndex.CreateAsync(Ct);
        var options = IndexRun.FastOptions();
        options.InitialSpan = options.MaxSpan = 4;
        options.RpcTimeout = TimeSpan.FromSeconds(2);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        stop.CancelAfter(Patience);
        using var indexer = new ChainIndexer(target with { Rpc = proxy.Url }, index.Store, options);

        for (var i = 0; i < 3; i++) Assert.Equal(IndexStepKind.Indexed, (await indexer.StepAsync(Ct)).Kind);
        await node.StopAsync(Ct);
        var running = indexer.RunAsync(untilCaughtUp: true, null, stop.Token);
        var forwarded = proxy.Forwarded;
        await Task.Delay(TimeSpan.FromSeconds(1), Ct);
        Assert.False(running.IsCompleted, "the indexer finished while the node was down");
        var restarted = await node.StartAgainAsync(Ct);
        proxy.Retarget(restarted.RpcUrl);
        await running;

        Assert.True(proxy.Forwarded > forwarded, "nothing reached the restarted node");
        Assert.Equal(await IndexRun.FreshSnapshotAsync(target with { Rpc = restarted.RpcUrl }, Ct), await IndexSnapshot.TakeAsync(index.Database, target.ChainId, Ct));
    }

    private static async Task<IndexTarget> DemoTargetAsync(Devnet devnet)
    {
        var community = await DemoCommunity.CreateAsync(devnet, Ct);
        var pool = await DemoPool.CreateAsync(devnet, community, Ct);
        await DemoRound.CreateAsync(devnet, community, pool, Ct);
        return IndexRun.Target(devnet, community.Deployment, community.Community.Address);
    }
}
