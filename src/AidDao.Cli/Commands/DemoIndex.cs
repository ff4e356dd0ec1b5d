using System.Globalization;
using AidDao.Core.Chain;
using AidDao.Core.Demo;
using AidDao.Data;
using AidDao.Indexer;

namespace AidDao.Cli.Commands;

/// <summary>The demo's index for <c>aiddao up</c>: a Hangfire server whose recurring job follows the local chain.</summary>
internal sealed class DemoIndex : IAsyncDisposable
{
    private static readonly TimeSpan CatchUpPatience = TimeSpan.FromMinutes(2);

    private readonly IndexerHost _host;
    private readonly HangfireDashboardHost _dashboard;

    private DemoIndex(IndexerHost host, HangfireDashboardHost dashboard, IndexDatabase database, IndexChangeBroadcaster changes, long chainId, long block, long events)
    {
        _host = host;
        _dashboard = dashboard;
        Database = database;
        Changes = changes;
        ChainId = chainId;
        Block = block;
        Events = events;
    }

    /// <summary>Where the index lives.</summary>
    public IndexDatabase Database { get; }

    /// <summary>The index's committed changes, live.</summary>
    public IndexChangeBroadcaster Changes { get; }

    /// <summary>The chain.</summary>
    public long ChainId { get; }

    /// <summary>The block the index had reached when it first caught up.</summary>
    public long Block { get; }

    /// <summary>The events indexed by then.</summary>
    public long Events { get; }

    /// <summary>Starts the indexer job for the demo community and waits until it has caught up with the chain.</summary>
    public static async Task<DemoIndex> StartAsync(Devnet devnet, DemoCommunity demo, string path, CancellationToken ct)
    {
        var database = IndexDatabase.FromSetting(path);
        await SchemaMigrations.ApplyAsync(database, ct).ConfigureAwait(false);
        var changes = new IndexChangeBroadcaster();
        var registry = new IndexerRegistry(new IndexStore(database), new IndexerOptions(), changes);
        registry.Add(new IndexTarget(devnet.ChainId, devnet.RpcUrl, demo.Deployment.CommunityFactory, demo.Deployment.RoundFactory, [demo.Community.Address], 1));
        var head = await new Nethereum.Web3.Web3(devnet.RpcUrl.ToString()).Eth.Blocks.GetBlockNumber.SendRequestAsync().ConfigureAwait(false);
        var host = IndexerHost.Start(registry);
        try
        {
            var readModel = new SqlReadModel(database);
            using var patience = CancellationTokenSource.CreateLinkedTokenSource(ct);
            patience.CancelAfter(CatchUpPatience);
            while (true)
            {
                var cursor = await readModel.GetCursorAsync(devnet.ChainId, patience.Token).ConfigureAwait(false);
                if (cursor is not null && cursor.BlockNumber >= (long)head.Value)
                {
                    var dashboard = await HangfireDashboardHost.StartAsync(host.Storage, ct).ConfigureAwait(false);
                    return new DemoIndex(host, dashboard, database, changes, devnet.ChainId, cursor.BlockNumber, cursor.Events);
                }
                await Task.Delay(100, patience.Token).ConfigureAwait(false);
            }
        }
        catch
        {
            host.Dispose();
            throw;
        }
    }

    /// <summary>The summary line.</summary>
    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"Index           {Database.Description}: {Events:N0} events to block {Block} (Hangfire job {IndexerJob.RecurringId(ChainId)} follows new blocks){Environment.NewLine}" +
        $"Hangfire        {_dashboard.Url} (the indexer job, for operators; local requests only)");

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _dashboard.DisposeAsync().ConfigureAwait(false);
        _host.Dispose();
    }
}
