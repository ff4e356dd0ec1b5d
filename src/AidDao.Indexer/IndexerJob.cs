using Hangfire;

namespace AidDao.Indexer;

/// <summary>
/// The Hangfire job that follows one chain: it takes the chain's lease and indexes until the server shuts down. It is
/// scheduled as a recurring job (every minute) that acts as a watchdog: when the follower is alive the new run finds the
/// lease held and ends at once; when it died (error, node gone for good, process killed) the next run takes over from the
/// last committed cursor. Safe to run twice: the lease and the cursor's compare-and-set keep writes exactly once.
/// </summary>
public sealed class IndexerJob
{
    private readonly IndexerRegistry _registry;

    /// <summary>Creates the job over the configured chains.</summary>
    public IndexerJob(IndexerRegistry registry) => _registry = registry ?? throw new ArgumentNullException(nameof(registry));

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
    }
}
