using Hangfire.Client;
using Hangfire.Common;

namespace AidDao.Indexer;

/// <summary>
/// Skips a recurring trigger of a job while an earlier trigger of it (same method and first two arguments: chain and
/// communities) still waits in its queue. A queue whose servers are all gone (a deployment stopped or re-configured on a
/// shared Hangfire storage) then holds one waiting watchdog run, not one per interval from every other server's
/// scheduler; while a server reads the queue, a run waits about a second and nothing is skipped.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class OneWaitingRunAttribute : JobFilterAttribute, IClientFilter
{
    /// <summary>How many waiting jobs of the queue are looked at (a registry's queue holds one per chain at most).</summary>
    private const int Scanned = 100;

    /// <inheritdoc />
    public void OnCreating(CreatingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        // Hangfire 1.8 keeps a recurring job's queue in its job (Job.Queue).
        if (!context.Parameters.ContainsKey("RecurringJobId") || context.Job.Queue is not { Length: > 0 } queue) return;
        var waiting = context.Storage.GetMonitoringApi().EnqueuedJobs(queue, 0, Scanned);
        if (waiting.Any(j => j.Value is { InEnqueuedState: true, Job: { } job } && SameRun(job, context.Job))) context.Canceled = true;
    }

    /// <inheritdoc />
    public void OnCreated(CreatedContext context)
    {
    }

    private static bool SameRun(Job a, Job b) =>
        a.Type == b.Type && a.Method == b.Method && a.Args.Count >= 2 && b.Args.Count >= 2 && Equals(a.Args[0], b.Args[0]) && Equals(a.Args[1], b.Args[1]);
}
