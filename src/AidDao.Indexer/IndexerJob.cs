using Hangfire;
using Microsoft.Extensions.Logging;

namespace AidDao.Indexer;

/// <summary>
/// The Hangfire job that follows one chain: it takes the chain's lease and indexes until the server shuts down. It is
/// scheduled as a recurring job (every <see cref="IndexerOptions.WatchdogInterval"/>) that acts as a watchdog: when the
/// follower is alive the new run finds the lease held and ends at once; when it died (error, node gone for good, process
/// killed) the next run takes over from the last committed cursor. Safe to run twice: the lease and the cursor's
/// compare-and-set keep writes exactly once.
/// </summary>
public sealed partial class IndexerJob
{
    private readonly IndexerRegistry _registry;
    private readonly ILogger _log;

    /// <summary>Creates the job over the configured chains.</summary>
    public IndexerJob(IndexerRegistry registry)
    {
        _registry = registry ?? throw new ArgumentNullException(nameof(registry));
        _log = registry.LoggerFactory.CreateLogger<IndexerJob>();
    }

    /// <summary>The recurring job's id for a chain.</summary>
    public static string RecurringId(long chainId) => $"aiddao-index-{chainId}";

    /// <summary>Follows chain <paramref name="chainId"/> until cancelled (Hangfire passes its shutdown token).</summary>
    /// <returns>Why the run ended.</returns>
    [AutomaticRetry(Attempts = 0)]
    [JobDisplayName("Index chain {0}")]
    public async Task<string> FollowAsync(long chainId, CancellationToken cancellationToken)
    {
        using var indexer = _registry.CreateIndexer(chainId);
        try
        {
            await indexer.RunAsync(untilCaughtUp: false, progress: null, cancellationToken).ConfigureAwait(false);
            return "stopped";
        }
        catch (IndexLeaseHeldException e)
        {
            return e.Message;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return $"stopped at block {indexer.Cursor?.Number}";
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The indexer logged the error itself; this says what happens next.
            LogRestartPending(_log, chainId, _registry.Options.WatchdogInterval.TotalSeconds);
            throw;
        }
    }

    [LoggerMessage(EventId = 30, Level = LogLevel.Warning, Message = "The indexer job of chain {ChainId} ended by an error; the watchdog starts it again within {WatchdogSeconds} s")]
    private static partial void LogRestartPending(ILogger logger, long chainId, double watchdogSeconds);
}
