using AidDao.Core;
using AidDao.Core.ReadModel;
using AidDao.Dashboard.Tests.Support;
using AidDao.Data;
using Xunit;

namespace AidDao.Dashboard.Tests;

/// <summary>How often the snapshots read the index.</summary>
public sealed class SnapshotTests(DemoDashboardFixture demo)
{
    [Fact]
    public async Task CatchUp_ManyPagesAtOnce_ReadThePoolsOncePerCursor()
    {
        var ct = TestContext.Current.CancellationToken;
        await demo.WaitForIndexAsync(ct);
        var counting = new CountingReadModel(new SqlReadModel(demo.Database));
        var time = new SteppedTime();
        var options = new DashboardOptions { ChainId = demo.Devnet.ChainId, RpcUrl = demo.Devnet.RpcUrl, Community = demo.Demo.Community.Address, Time = time };
        using var snapshots = new DashboardSnapshots(counting, new RequestDetailsStore(demo.Database), new ProjectTextStore(demo.Database), new DashboardChain(options.RpcUrl), options);
        await snapshots.OverviewAsync(ct); // names of pools and rounds are read once and kept
        time.Advance(TimeSpan.FromSeconds(2));
        counting.PoolReads = 0;

        // Pages reconnecting together after a restart share one read.
        var updates = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => snapshots.CatchUpAsync(-1, -1, ct)));

        Assert.Equal(1, counting.PoolReads);
        Assert.All(updates, u => Assert.Same(updates[0].Pools, u.Pools));
        Assert.Equal(demo.Pool.Pool.Value, Assert.Single(updates[0].Pools).Address);

        // A second later the pools are read again (window use and expiries move with the clock).
        time.Advance(TimeSpan.FromSeconds(1));
        await snapshots.CatchUpAsync(-1, -1, ct);
        Assert.Equal(2, counting.PoolReads);
    }

    /// <summary>A clock that moves only when told.</summary>
    private sealed class SteppedTime : TimeProvider
    {
        private long _ticks = DateTimeOffset.UtcNow.UtcTicks;

        public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);

        public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);

        public override long GetTimestamp() => Interlocked.Read(ref _ticks);

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;
    }

    /// <summary>The index's read model, counting pool reads.</summary>
    private sealed class CountingReadModel(IAidDaoReadModel inner) : IAidDaoReadModel
    {
        private int _poolReads;

        public int PoolReads
        {
            get => Volatile.Read(ref _poolReads);
            set => Volatile.Write(ref _poolReads, value);
        }

        public Task<IndexedPool?> GetPoolAsync(long chainId, EthAddress pool, long now, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _poolReads);
            return inner.GetPoolAsync(chainId, pool, now, cancellationToken);
        }

        public Task<IndexedCursor?> GetCursorAsync(long chainId, CancellationToken cancellationToken) => inner.GetCursorAsync(chainId, cancellationToken);

        public Task<IndexedCommunity?> GetCommunityAsync(long chainId, EthAddress community, CancellationToken cancellationToken) => inner.GetCommunityAsync(chainId, community, cancellationToken);

        public Task<IndexedRound?> GetRoundAsync(long chainId, EthAddress round, CancellationToken cancellationToken) => inner.GetRoundAsync(chainId, round, cancellationToken);

        public Task<IReadOnlyList<IndexedProjectTally>> GetRoundTalliesAsync(long chainId, EthAddress round, CancellationToken cancellationToken) => inner.GetRoundTalliesAsync(chainId, round, cancellationToken);

        public Task<IReadOnlyList<BalancePoint>> GetPoolBalanceHistoryAsync(long chainId, EthAddress pool, CancellationToken cancellationToken) => inner.GetPoolBalanceHistoryAsync(chainId, pool, cancellationToken);

        public Task<IReadOnlyList<IndexedEvent>> GetEventsAsync(long chainId, long afterBlock, long afterLogIndex, int limit, CancellationToken cancellationToken, IReadOnlyCollection<EthAddress>? contracts = null) =>
            inner.GetEventsAsync(chainId, afterBlock, afterLogIndex, limit, cancellationToken, contracts);

        public Task<IReadOnlyList<IndexedEvent>> GetRecentEventsAsync(long chainId, int limit, CancellationToken cancellationToken, IReadOnlyCollection<EthAddress>? contracts = null) =>
            inner.GetRecentEventsAsync(chainId, limit, cancellationToken, contracts);

        public Task<MemberHistory> GetMemberHistoryAsync(long chainId, EthAddress community, EthAddress account, CancellationToken cancellationToken) => inner.GetMemberHistoryAsync(chainId, community, account, cancellationToken);

        public Task<IReadOnlyList<IndexedPoolChange>> GetPoolChangesAsync(long chainId, EthAddress pool, long now, CancellationToken cancellationToken) => inner.GetPoolChangesAsync(chainId, pool, now, cancellationToken);
    }
}
