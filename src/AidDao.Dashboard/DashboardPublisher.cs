using AidDao.Dashboard.Views;
using AidDao.Indexer;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AidDao.Dashboard;

/// <summary>
/// Forwards the indexer's committed changes to every open page: each change is read from the index once, as a
/// <see cref="DashboardUpdate"/>, and sent to all connections.
/// </summary>
public sealed partial class DashboardPublisher : BackgroundService
{
    private readonly IndexChangeBroadcaster _changes;
    private readonly DashboardSnapshots _snapshots;
    private readonly IHubContext<DashboardHub, IDashboardClient> _hub;
    private readonly ILogger<DashboardPublisher> _logger;

    /// <summary>Creates the publisher.</summary>
    public DashboardPublisher(IndexChangeBroadcaster changes, DashboardSnapshots snapshots, IHubContext<DashboardHub, IDashboardClient> hub, ILogger<DashboardPublisher> logger)
    {
        _changes = changes;
        _snapshots = snapshots;
        _hub = hub;
        _logger = logger;
    }

    /// <summary>Called with each update just before it is sent (benchmarks stamp it here).</summary>
    public Action<DashboardUpdate>? Sending { get; set; }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        long? sentThrough = null;
        var resync = false;
        await foreach (var change in _changes.SubscribeAsync(stoppingToken).ConfigureAwait(false))
        {
            sentThrough ??= change.FromBlock - 1;
            try
            {
                // After a failed send, the next update carries everything since the last one sent, with full snapshots,
                // so open pages have no gap (they drop events they already show, by id).
                var update = resync && sentThrough is { } through && !change.RolledBack
                    ? await _snapshots.CatchUpAsync(through, long.MaxValue, stoppingToken).ConfigureAwait(false)
                    : await _snapshots.UpdateAsync(change, stoppingToken).ConfigureAwait(false);
                Sending?.Invoke(update);
                await _hub.Clients.All.Update(update).ConfigureAwait(false);
                sentThrough = change.ToBlock;
                resync = false;
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                resync = true;
                LogFailed(_logger, change.ToBlock, e);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not send the dashboard update for block {Block}")]
    private static partial void LogFailed(ILogger logger, long block, Exception exception);
}
