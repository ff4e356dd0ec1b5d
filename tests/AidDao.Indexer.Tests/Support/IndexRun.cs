using AidDao.Core;
using AidDao.Core.Chain;
using AidDao.Core.Communities;
using AidDao.Data;
using AidDao.TestUtils;

namespace AidDao.Indexer.Tests.Support;

/// <summary>Builds targets and runs indexers to the head for tests.</summary>
public static class IndexRun
{
    public static IndexTarget Target(Devnet devnet, AidDaoDeployment deployment, EthAddress community, long from = 1, Uri? rpc = null) =>
        new(devnet.ChainId, rpc ?? devnet.RpcUrl, deployment.CommunityFactory, deployment.RoundFactory, [community], from);

    public static IndexerOptions FastOptions() => new()
    {
        InitialBackoff = TimeSpan.FromMilliseconds(50),
        MaxBackoff = TimeSpan.FromMilliseconds(500),
        RpcTimeout = TimeSpan.FromSeconds(10),
        PollInterval = TimeSpan.FromMilliseconds(50),
    };

    /// <summary>Indexes from the target's start block to the head into <paramref name="store"/>.</summary>
    public static async Task ToHeadAsync(IndexTarget target, IndexStore store, CancellationToken ct, IndexerOptions? options = null, HttpClient? http = null)
    {
        using var indexer = new ChainIndexer(target, store, options ?? FastOptions(), http: http);
        await indexer.RunAsync(untilCaughtUp: true, progress: null, ct);
    }

    /// <summary>Indexes the canonical chain afresh into a new database and returns its snapshot.</summary>
    public static async Task<IReadOnlyList<string>> FreshSnapshotAsync(IndexTarget target, CancellationToken ct)
    {
        using var fresh = await TempIndex.CreateAsync(ct);
        await ToHeadAsync(target, fresh.Store, ct);
        return await IndexSnapshot.TakeAsync(fresh.Database, target.ChainId, ct);
    }
}
