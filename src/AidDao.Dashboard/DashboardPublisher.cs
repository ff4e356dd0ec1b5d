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
            // A change that does not follow the last one sent means the broadcaster dropped some (it keeps the newest
            // when a listener falls behind): the next update carries everything since.
            if (!change.RolledBack && change.FromBlock > sentThrough + 1) resync = true;
            try
            {
                var update = resync && !change.RolledBack
                    ? await _snapshots.UpdateAsync(change, stoppingToken, resyncAfterBlock: sentThrough).ConfigureAwait(false)
                    : await _snapshots.UpdateAsync(change, stoppingToken).ConfigureAwait(false);
                Sending?.Invoke(update);
                await _hub.Clients.All.Update(update).ConfigureAwait(false);
                sentThrough = change.ToBlock;
                resync = false;
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                // After a failed send, the next update carries every event since the last one sent, with full
                // snapshots, so open pages have no gap (they drop events they already show, by id).
                resync = true;
                LogFailed(_logger, change.ToBlock, e);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not send the dashboard update for block {Block}")]
    private static partial void LogFailed(ILogger logger, long block, Exception exception);
}
