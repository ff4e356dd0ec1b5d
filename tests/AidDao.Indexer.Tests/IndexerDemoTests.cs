using System.Numerics;
using AidDao.Core;
using AidDao.Core.Communities;
using AidDao.Core.Demo;
using AidDao.Core.Pools;
using AidDao.Core.Rounds;
using AidDao.Indexer.Tests.Support;
using AidDao.TestUtils;
using Xunit;

namespace AidDao.Indexer.Tests;

/// <summary>The demo community, pool and round, indexed, equal what the contracts say.</summary>
public sealed class IndexerDemoTests(ChainFixture fixture) : ChainTest(fixture)
{
    [Fact]
    public async Task Index_Demo_ReadModelEqualsContractState()
    {
        var community = await DemoCommunity.CreateAsync(Devnet, Ct);
        var pool = await DemoPool.CreateAsync(Devnet, community, Ct);
        var round = await DemoRound.CreateAsync(Devnet, community, pool, Ct);
        using var index = await TempIndex.CreateAsync(Ct);
        var target = IndexRun.Target(Devnet, community.Deployment, community.Community.Address);

        await IndexRun.ToHeadAsync(target, index.Store, Ct);

        var web3 = Web3For(0);
        var indexedCommunity = await index.ReadModel.GetCommunityAsync(Devnet.ChainId, community.Community.Address, Ct);
        Assert.NotNull(indexedCommunity);
        var onChain = await (await CommunityService.ConnectAsync(web3, community.Community.Address, Ct)).GetInfoAsync(Ct);
        Assert.Equal(onChain.Stewards.OrderBy(s => s.Value), indexedCommunity.Stewards.OrderBy(s => s.Value));
        Assert.Equal(onChain.Threshold, indexedCommunity.Threshold);
        Assert.Equal([pool.Pool], indexedCommunity.Pools);
        Assert.Equal([round.Round], indexedCommunity.Rounds);

        var now = (await Devnet.GetBlockTimeAsync(Ct)).ToUnixTimeSeconds();
        var indexedPool = await index.ReadModel.GetPoolAsync(Devnet.ChainId, pool.Pool, now, Ct);
        Assert.NotNull(indexedPool);
        var balance = await web3.Eth.GetBalance.SendRequestAsync(pool.Pool.Value);
        Assert.Equal(balance.Value, indexedPool.Balances[EthAddress.Zero]);
        var poolService = await EmergencyPoolService.ConnectAsync(web3, pool.Pool, Ct);
        foreach (var request in indexedPool.Requests)
        {
            var info = await poolService.GetRequestAsync(request.Id, Ct);
            Assert.Equal(info.State, request.State);
            Assert.Equal(info.Amount, request.Amount);
        }

        var indexedRound = await index.ReadModel.GetRoundAsync(Devnet.ChainId, round.Round, Ct);
        Assert.NotNull(indexedRound);
        Assert.True(indexedRound.Finalized);
        var roundBalance = await web3.Eth.GetBalance.SendRequestAsync(round.Round.Value);
        Assert.Equal(roundBalance.Value, indexedRound.Balance);
        foreach (var result in round.Results.Projects)
        {
            var project = Assert.Single(indexedRound.Projects, p => p.Id == (long)result.Id);
            Assert.Equal(result.Match, project.Match);
            Assert.Equal(result.Raised, project.Raised);
            Assert.Equal(result.Contributors, project.Contributors);
            Assert.Equal(result.Status, project.Status);
        }
    }

    [Fact]
    public async Task Run_WithoutProgress_ReturnsOnlyAfterItsLastCommit()
    {
        var community = await DemoCommunity.CreateAsync(Devnet, Ct);
        var pool = await DemoPool.CreateAsync(Devnet, community, Ct);
        var head = (long)(await Web3For(0).Eth.Blocks.GetBlockNumber.SendRequestAsync()).Value;
        using var index = await TempIndex.CreateAsync(Ct);
        var options = IndexRun.FastOptions();
        options.InitialSpan = options.MaxSpan = 3;
        var slowSink = new SlowSink();
        using var indexer = new ChainIndexer(IndexRun.Target(Devnet, community.Deployment, community.Community.Address), index.Store, options, slowSink);

        await indexer.RunAsync(untilCaughtUp: true, progress: null, Ct);

        Assert.Equal(head, slowSink.Published.LastOrDefault()?.ToBlock);
        var cursor = await index.ReadModel.GetCursorAsync(Devnet.ChainId, Ct);
        Assert.Equal(head, cursor?.BlockNumber);
        Assert.Equal(indexer.Stats.Events, cursor?.Events);
        Assert.Equal(0, indexer.Stats.Failures);
    }

    [Fact]
    public async Task Index_StartingAfterTheCommunitysCreation_StillFollowsItsTokenPoolsAndRounds()
    {
        var community = await DemoCommunity.CreateAsync(Devnet, Ct);
        var pool = await DemoPool.CreateAsync(Devnet, community, Ct);
        var round = await DemoRound.CreateAsync(Devnet, community, pool, Ct);
        var head = (long)(await Web3For(0).Eth.Blocks.GetBlockNumber.SendRequestAsync()).Value;
        var donor = await EmergencyPoolService.ConnectAsync(Web3For(8), pool.Pool, Ct);
        await donor.DepositAsync(PoolAsset.Eth, 1_000_000_000_000_000, Ct);
        using var index = await TempIndex.CreateAsync(Ct);

        await IndexRun.ToHeadAsync(IndexRun.Target(Devnet, community.Deployment, community.Community.Address, from: head + 1), index.Store, Ct);

        var indexed = await index.ReadModel.GetCommunityAsync(Devnet.ChainId, community.Community.Address, Ct);
        Assert.NotNull(indexed);
        Assert.Equal([pool.Pool], indexed.Pools);
        Assert.Equal([round.Round], indexed.Rounds);
        Assert.Equal(community.Community.Token, indexed.Token);
        var history = await index.ReadModel.GetMemberHistoryAsync(Devnet.ChainId, community.Community.Address, EthAddress.FromChain(Accounts[8].Address), Ct);
        var deposit = Assert.Single(history.Activities, a => a.Kind == "deposit");
        Assert.Equal(pool.Pool, deposit.Contract);
        Assert.True(history.Tokens > 0);
    }

    /// <summary>A change listener that takes its time: a commit is done only once its change is published.</summary>
    private sealed class SlowSink : AidDao.Core.Indexing.IIndexChangeSink
    {
        public List<AidDao.Core.Indexing.IndexChange> Published { get; } = [];

        public async ValueTask PublishAsync(AidDao.Core.Indexing.IndexChange change, CancellationToken cancellationToken)
        {
            await Task.Delay(50, cancellationToken);
            lock (Published) Published.Add(change);
        }
    }
}
