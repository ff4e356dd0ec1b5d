using Hangfire;
using Microsoft.Extensions.Logging;

namespace AidDao.Indexer;

/// <summary>
/// The Hangfire job that follows one chain: it takes the chain's lease and indexes until the server shuts down. It is
/// scheduled as a recurring job (every <see cref="IndexerOptions.WatchdogInterval"/>) that acts as a watchdog: when the
/// follower is alive the new run finds the lease held and ends at once; when it died (error, node gone for good, process
/// killed) the next run takes over from the last committed cursor. Safe to run twice: the lease and the cursor's
/// compare-and-set keep writes exactly once. A failed run is logged with its reason and deleted, not kept in Hangfire's
/// failed list (the next watchdog run is the retry); a trigger while an earlier run still waits in the queue is skipped.
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

    /// <summary>The start of the recurring job ids of a chain (<see cref="RecurringId(IndexTarget)"/> adds the communities).</summary>
    public static string RecurringId(long chainId) => $"aiddao-index-{chainId}";

    /// <summary>
    /// The recurring job's id for a target: <c>aiddao-index-&lt;chain id&gt;-&lt;communities key&gt;</c>, so deployments
    /// that follow other communities of the same chain on one Hangfire storage keep their own job.
    /// </summary>
    public static string RecurringId(IndexTarget target)
    {
        ArgumentNullException.ThrowIfNull(target);
        return $"{RecurringId(target.ChainId)}-{target.CommunitiesKey}";
    }

    /// <summary>
    /// Follows chain <paramref name="chainId"/> until cancelled (Hangfire passes its shutdown token). A run for a chain
    /// or communities this server does not follow (another deployment's job) ends at once, logged, with the reason.
    /// </summary>
    /// <param name="chainId">The chain.</param>
    /// <param name="communities">The followed communities' <see cref="IndexTarget.CommunitiesKey"/>.</param>
    /// <param name="cancellationToken">Hangfire's shutdown token.</param>
    /// <returns>Why the run ended.</returns>
    [AutomaticRetry(Attempts = 0, OnAttemptsExceeded = AttemptsExceededAction.Delete)]
    [OneWaitingRun]
    [JobDisplayName("Index chain {0} (communities {1})")]
    public async Task<string> FollowAsync(long chainId, string communities, CancellationToken cancellationToken)
    {
        if (!_registry.Targets.TryGetValue(chainId, out var target) || target.CommunitiesKey != communities)
        {
            var reason = target is null
                ? $"This server does not index chain {chainId}: the job belongs to another deployment on the same Hangfire storage; nothing to do."
                : $"This server indexes other communities of chain {chainId} (key {target.CommunitiesKey}, not {communities}): the job belongs to another deployment on the same Hangfire storage; nothing to do.";
            LogNotOurs(_log, chainId, communities, reason);
            return reason;
        }
        ChainIndexer? indexer = null;
        try
        {
            indexer = _registry.CreateIndexer(chainId);
            await indexer.RunAsync(untilCaughtUp: false, progress: null, cancellationToken).ConfigureAwait(false);
            return "stopped";
        }
        catch (IndexLeaseHeldException e)
        {
            return e.Message;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return $"stopped at block {indexer?.Cursor?.Number}";
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The indexer logged the error itself; this says what happens next (and why, for errors before it ran).
            LogRestartPending(_log, chainId, _registry.Options.WatchdogInterval.TotalSeconds, e.Message);
            throw;
        }
        finally
        {
            indexer?.Dispose();
        }
    }

    [LoggerMessage(EventId = 30, Level = LogLevel.Warning, Message = "The indexer job of chain {ChainId} ended by an error; the watchdog starts it again within {WatchdogSeconds} s: {Error}")]
    private static partial void LogRestartPending(ILogger logger, long chainId, double watchdogSeconds, string error);

    [LoggerMessage(EventId = 31, Level = LogLevel.Warning, Message = "Skipped an indexer job of chain {ChainId} (communities {Communities}): {Reason}")]
    private static partial void LogNotOurs(ILogger logger, long chainId, string communities, string reason);
}
