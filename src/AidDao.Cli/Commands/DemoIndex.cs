using System.Globalization;
using AidDao.Core;
using AidDao.Core.Chain;
using AidDao.Core.Demo;
using AidDao.Dashboard;
using AidDao.Data;
using AidDao.Indexer;

namespace AidDao.Cli.Commands;

/// <summary>
/// The demo's index and dashboard for <c>aiddao up</c>: one web host runs the Hangfire server whose recurring job follows the
/// local chain, the dashboard page with its live SignalR updates, and the Hangfire dashboard.
/// </summary>
internal sealed class DemoIndex : IAsyncDisposable
{
    private static readonly TimeSpan CatchUpPatience = TimeSpan.FromMinutes(2);

    private readonly DashboardHost _dashboard;

    private DemoIndex(DashboardHost dashboard, IndexDatabase database, IndexChangeBroadcaster changes, long chainId, string jobId, long block, long events)
    {
        _dashboard = dashboard;
        Database = database;
        Changes = changes;
        ChainId = chainId;
        JobId = jobId;
        Block = block;
        Events = events;
    }

    /// <summary>Where the index lives.</summary>
    public IndexDatabase Database { get; }

    /// <summary>The index's committed changes, live.</summary>
    public IndexChangeBroadcaster Changes { get; }

    /// <summary>The chain.</summary>
    public long ChainId { get; }

    /// <summary>The Hangfire recurring job that follows the demo.</summary>
    public string JobId { get; }

    /// <summary>The block the index had reached when it first caught up.</summary>
    public long Block { get; }

    /// <summary>The events indexed by then.</summary>
    public long Events { get; }

    /// <summary>The dashboard's address.</summary>
    public Uri DashboardUrl => _dashboard.Url;

    /// <summary>
    /// Starts the dashboard (listening on <paramref name="dashboardUrl"/>) with the indexer job for the demo community,
    /// and waits until the index has caught up with the chain.
    /// </summary>
    public static async Task<DemoIndex> StartAsync(Devnet devnet, DemoCommunity demo, string path, string dashboardUrl, CancellationToken ct)
    {
        var database = IndexDatabase.FromSetting(path);
        await SchemaMigrations.ApplyAsync(database, ct).ConfigureAwait(false);
        var changes = new IndexChangeBroadcaster();
        var registry = new IndexerRegistry(new IndexStore(database), new IndexerOptions(), changes);
        var target = new IndexTarget(devnet.ChainId, devnet.RpcUrl, demo.Deployment.CommunityFactory, demo.Deployment.RoundFactory, [demo.Community.Address], 1);
        registry.Add(target);
        var head = await new Nethereum.Web3.Web3(devnet.RpcUrl.ToString()).Eth.Blocks.GetBlockNumber.SendRequestAsync().ConfigureAwait(false);
        var options = new DashboardOptions
        {
            ChainId = devnet.ChainId,
            RpcUrl = devnet.RpcUrl,
            ChainName = "AidDao local chain",
            Community = demo.Community.Address,
            Urls = [dashboardUrl],
        };
        var dashboard = await DashboardHost.StartAsync(options, database, changes, registry, cancellationToken: ct).ConfigureAwait(false);
        try
        {
            var readModel = new SqlReadModel(database);
            using var patience = CancellationTokenSource.CreateLinkedTokenSource(ct);
            patience.CancelAfter(CatchUpPatience);
            while (true)
            {
                var cursor = await readModel.GetCursorAsync(devnet.ChainId, patience.Token).ConfigureAwait(false);
                if (cursor is not null && cursor.BlockNumber >= (long)head.Value)
                    return new DemoIndex(dashboard, database, changes, devnet.ChainId, IndexerJob.RecurringId(target), cursor.BlockNumber, cursor.Events);
                await Task.Delay(100, patience.Token).ConfigureAwait(false);
            }
        }
        catch
        {
            await dashboard.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Sends the demo's off-chain texts as their authors would: each requester's private details (stewards who sign in
    /// see them) and each project's application (the leaderboard shows its name).
    /// </summary>
    public async Task ShareTextsAsync(EthAddress pool, IEnumerable<(EthAddress Round, IReadOnlyList<(System.Numerics.BigInteger Id, string Name)> Projects)> rounds, CancellationToken ct)
    {
        var details = new RequestDetailsStore(Database);
        for (var i = 0; i < DemoPool.RequestDetails.Count; i++)
            await details.SaveAsync(ChainId, pool, i + 1, DemoPool.RequestDetails[i], ct).ConfigureAwait(false);
        var texts = new ProjectTextStore(Database);
        foreach (var (round, projects) in rounds)
        {
            foreach (var (id, name) in projects)
                await texts.SaveAsync(ChainId, round, (long)id, name, ct).ConfigureAwait(false);
        }
    }

    /// <summary>The summary line.</summary>
    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"Index           {Database.Description}: {Events:N0} events to block {Block} (Hangfire job {JobId} follows new blocks){Environment.NewLine}" +
        $"Dashboard       {_dashboard.Url} (live pools, requests, rounds and activity; connect a browser wallet to act){Environment.NewLine}" +
        $"Hangfire        {_dashboard.HangfireUrl} (the indexer job, for operators; local requests only)");

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _dashboard.DisposeAsync();
}
