using AidDao.Core;
using AidDao.Core.Indexing;
using AidDao.Data;
using AidDao.Indexer.Rpc;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AidDao.Indexer;

/// <summary>
/// Follows the AidDao contracts of some communities on one chain into an <see cref="IndexStore"/>, one committed batch per
/// step: check that the last indexed block is still on the chain (else walk back to the common ancestor and undo the
/// orphaned blocks), fetch the logs of the next range with <c>eth_getLogs</c> (ranges adapt to the node), discover new
/// pools and rounds from the factories' events, decode, project, and commit the facts with the cursor in one transaction.
/// One instance per chain and database at a time (a lease); the cursor's compare-and-set makes even two at once safe.
/// </summary>
public sealed partial class ChainIndexer : IDisposable
{
    /// <summary>How often "caught up" is logged while the index stays at the head.</summary>
    private static readonly TimeSpan CaughtUpReportInterval = TimeSpan.FromMinutes(1);

    private static readonly string[] RefusalWords = ["range", "limit", "too many", "exceed", "more than", "too large", "response size", "timeout", "timed out"];

    private readonly IndexTarget _target;
    private readonly IndexStore _store;
    private readonly IndexerOptions _options;
    private readonly IIndexChangeSink? _changes;
    private readonly EthLogClient _rpc;
    private readonly HttpClient? _http;
    private readonly EventCatalog _catalog = EventCatalog.AidDao;
    private readonly LogProjector _projector;
    private readonly LogRangePlanner _planner;
    private readonly HashSet<string> _factories;
    private Dictionary<string, WatchedContract>? _watched;
    private readonly ILogger _log;
    private readonly string _rpcShown;
    private readonly IndexerMetrics _metrics;
    private BlockRef? _cursor;
    private long _head = -1;
    private bool _started;
    private long _lastCaughtUpReport;
    private long _eventsSinceReport;

    /// <summary>Creates an indexer.</summary>
    /// <param name="target">What to follow.</param>
    /// <param name="store">Where the index lives (migrated).</param>
    /// <param name="options">How to follow; null for defaults.</param>
    /// <param name="changes">Where to report committed changes; null for nowhere.</param>
    /// <param name="http">The HTTP client for JSON-RPC (for example with fault-injecting handlers); null to create one.</param>
    /// <param name="logger">Where to log; null for nowhere.</param>
    /// <param name="metrics">Where to count; null for <see cref="IndexerMetrics.Default"/>.</param>
    public ChainIndexer(IndexTarget target, IndexStore store, IndexerOptions? options = null, IIndexChangeSink? changes = null, HttpClient? http = null,
        ILogger? logger = null, IndexerMetrics? metrics = null)
    {
        _target = target ?? throw new ArgumentNullException(nameof(target));
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _options = options ?? new IndexerOptions();
        _changes = changes;
        _http = http;
        _log = logger ?? NullLogger.Instance;
        _rpcShown = Redaction.Url(target.Rpc);
        _metrics = metrics ?? IndexerMetrics.Default;
        _rpc = new EthLogClient(target.Rpc, _options.RpcTimeout, http);
        _projector = new LogProjector(target.Communities.Select(c => c.Value));
        _planner = new LogRangePlanner(_options.InitialSpan, _options.MaxSpan);
        _factories = [target.CommunityFactory.Value.ToLowerInvariant()];
        if (target.RoundFactory is { } roundFactory) _factories.Add(roundFactory.Value.ToLowerInvariant());
        Owner = LeaseOwner.NewForThisProcess().ToString();
    }

    /// <summary>This indexer's name in the lease table (a <see cref="LeaseOwner"/>).</summary>
    public string Owner { get; }

    /// <summary>The target.</summary>
    public IndexTarget Target => _target;

    /// <summary>The blocks the next <c>eth_getLogs</c> asks for.</summary>
    public long Span => _planner.Span;

    /// <summary>Where this indexer's time went.</summary>
    public IndexerStats Stats { get; } = new();

    /// <summary>The last indexed block as this indexer knows it (null before the first step).</summary>
    public BlockRef? Cursor => _cursor;

    /// <summary>
    /// Runs steps until the index reaches the head (when <paramref name="untilCaughtUp"/>) or until cancelled, holding
    /// the chain's lease. Failed steps (node unreachable, timeouts, errors, another writer) are retried with backoff;
    /// a reorganisation deeper than <see cref="IndexerOptions.MaxReorgDepth"/> stops it.
    /// </summary>
    /// <exception cref="IndexLeaseHeldException">Another indexer holds the chain.</exception>
    /// <exception cref="IndexReorgTooDeepException">The chain was reorganised deeper than the index can repair.</exception>
    public async Task RunAsync(bool untilCaughtUp, IProgress<IndexStep>? progress, CancellationToken cancellationToken)
    {
        await TakeLeaseAsync(cancellationToken).ConfigureAwait(false);
        var renewed = DateTimeOffset.UtcNow;
        var backoff = _options.InitialBackoff;
        var failures = 0;
        var gaveUp = false;
        // Pipelined: the next range is fetched, decoded and projected while the last batch commits (each batch still
        // commits alone, in order, with the cursor's compare-and-set; a failed commit throws away what was prepared).
        Task<IndexStep>? inFlight = null;
        async Task DrainAsync()
        {
            if (inFlight is null) return;
            var committing = inFlight;
            inFlight = null;
            // Awaited on its own line: in "progress?.Report(await x)" a null progress would skip the await.
            var committed = await committing.ConfigureAwait(false);
            progress?.Report(committed);
        }
        try
        {
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                IndexStep step;
                try
                {
                    if (DateTimeOffset.UtcNow - renewed > _options.LeaseDuration / 3)
                    {
                        if (!await _store.TryLeaseAsync(_target.ChainId, Owner, _options.LeaseDuration, cancellationToken).ConfigureAwait(false))
                        {
                            LogLeaseLost(_log, _target.ChainId, Owner);
                            throw new IndexLeaseHeldException($"This indexer lost chain {_target.ChainId} to another indexer (its lease ran out); stopping.");
                        }
                        renewed = DateTimeOffset.UtcNow;
                    }
                    var prepared = await PrepareAsync(cancellationToken).ConfigureAwait(false);
                    await DrainAsync().ConfigureAwait(false);
                    if (prepared.Batch is not null)
                    {
                        // On the thread pool: SQLite's "async" calls run synchronously on the caller.
                        inFlight = Task.Run(() => CommitAsync(prepared, cancellationToken), cancellationToken);
                        failures = 0;
                        backoff = _options.InitialBackoff;
                        continue;
                    }
                    step = prepared.Rollback is { } cursor ? await RollBackAsync(cursor, cancellationToken).ConfigureAwait(false) : prepared.Step;
                    failures = 0;
                    backoff = _options.InitialBackoff;
                }
                catch (Exception e) when (IsTransient(e) && !cancellationToken.IsCancellationRequested)
                {
                    await AbandonAsync(inFlight).ConfigureAwait(false);
                    inFlight = null;
                    Stats.AddFailure(e);
                    _metrics.StepFailed(_target.ChainId, FailureReason(e));
                    failures++;
                    if (_options.MaxConsecutiveFailures > 0 && failures >= _options.MaxConsecutiveFailures)
                    {
                        LogGaveUp(_log, _target.ChainId, failures, e.Message);
                        gaveUp = true;
                        throw;
                    }
                    LogStepFailed(_log, _target.ChainId, failures, backoff.TotalSeconds, e.Message);
                    _cursor = null;
                    _watched = null;
                    await Task.Delay(backoff, cancellationToken).ConfigureAwait(false);
                    backoff = TimeSpan.FromTicks(Math.Min(_options.MaxBackoff.Ticks, backoff.Ticks * 2));
                    continue;
                }
                progress?.Report(step);
                if (step.Kind == IndexStepKind.Retry)
                    await Task.Delay(_options.InitialBackoff, cancellationToken).ConfigureAwait(false);
                if (step.Kind == IndexStepKind.CaughtUp)
                {
                    ReportCaughtUp(step);
                    if (untilCaughtUp) return;
                    await Task.Delay(_options.PollInterval, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch (Exception e) when (e is not OperationCanceledException && !gaveUp)
        {
            LogStop(e);
            throw;
        }
        finally
        {
            await AbandonAsync(inFlight).ConfigureAwait(false);
            _metrics.LeaseReleased(_target.ChainId, Owner);
            await _store.ReleaseLeaseAsync(_target.ChainId, Owner, CancellationToken.None).ConfigureAwait(false);
            LogStopped(_log, _target.ChainId, _cursor?.Number);
        }
    }

    /// <summary>Takes the chain's lease (or takes it over from a dead process of this machine).</summary>
    /// <exception cref="IndexLeaseHeldException">Another indexer holds it.</exception>
    private async Task TakeLeaseAsync(CancellationToken cancellationToken)
    {
        if (await _store.TryLeaseAsync(_target.ChainId, Owner, _options.LeaseDuration, cancellationToken).ConfigureAwait(false))
        {
            LogLeaseTaken(_log, _target.ChainId, Owner);
        }
        else if (await _store.GetLeaseAsync(_target.ChainId, cancellationToken).ConfigureAwait(false) is not { } lease)
        {
            // Released between the two reads: try once more (a race lost again means another indexer took it).
            if (!await _store.TryLeaseAsync(_target.ChainId, Owner, _options.LeaseDuration, cancellationToken).ConfigureAwait(false))
                throw LeaseHeld();
            LogLeaseTaken(_log, _target.ChainId, Owner);
        }
        else if (await TakeOverFromDeadProcessAsync(lease.Owner, cancellationToken).ConfigureAwait(false))
        {
            LogLeaseTakenOver(_log, _target.ChainId, lease.Owner, Owner);
        }
        else
        {
            LogLeaseHeld(_log, _target.ChainId, lease.Owner, lease.ExpiresAt, Owner);
            throw LeaseHeld();
        }
        _metrics.LeaseTaken(_target.ChainId, Owner);
    }

    private IndexLeaseHeldException LeaseHeld() =>
        new($"Another indexer is already indexing chain {_target.ChainId} into {_store.Database.Description}; stop it first, or wait {_options.LeaseDuration.TotalSeconds:0} s after it stopped.");

    /// <summary>Logs why <see cref="RunAsync"/> ends by an error (a lost lease was logged where it was lost).</summary>
    private void LogStop(Exception e)
    {
        switch (e)
        {
            case IndexLeaseHeldException:
                break;
            case IndexReorgTooDeepException:
                LogReorgTooDeep(_log, _target.ChainId, e.Message);
                break;
            default:
                LogFailed(_log, _target.ChainId, e.Message, e);
                break;
        }
    }

    /// <summary>Logs "caught up" on the first time and then at most once per <see cref="CaughtUpReportInterval"/>.</summary>
    private void ReportCaughtUp(IndexStep step)
    {
        var now = System.Diagnostics.Stopwatch.GetTimestamp();
        if (_lastCaughtUpReport != 0 && System.Diagnostics.Stopwatch.GetElapsedTime(_lastCaughtUpReport, now) < CaughtUpReportInterval) return;
        _lastCaughtUpReport = now;
        var events = Interlocked.Exchange(ref _eventsSinceReport, 0);
        LogCaughtUp(_log, _target.ChainId, step.Cursor, step.Head + _options.Confirmations, events);
    }

    /// <summary>Waits for a commit that is no longer wanted to end (it either landed or rolled back), ignoring its error.</summary>
    private static async Task AbandonAsync(Task<IndexStep>? inFlight)
    {
        if (inFlight is null) return;
        try
        {
            await inFlight.ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Its error was (or will be) handled by the caller's own failure path; the next step reloads the cursor.
        }
    }

    /// <summary>
    /// Takes the lease from a holder that was a process of this machine and PID namespace which no longer runs (killed,
    /// crashed): it cannot be writing, and waiting for its lease to expire would only delay the restart. A holder of
    /// another namespace (a container sharing the host name), or one that does not name its namespace while this process
    /// has one, may be alive: its lease is left to expire.
    /// </summary>
    private async Task<bool> TakeOverFromDeadProcessAsync(string holder, CancellationToken cancellationToken)
    {
        if (!LeaseOwner.TryParse(holder, out var owner) || !owner.SharesProcessSpace) return false;
        if (owner.ProcessId == Environment.ProcessId || IsRunning(owner.ProcessId)) return false;
        return await _store.TakeOverLeaseAsync(_target.ChainId, holder, Owner, _options.LeaseDuration, cancellationToken).ConfigureAwait(false);
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>One step: start the index if needed, check for a reorganisation, and index the next range.</summary>
    public async Task<IndexStep> StepAsync(CancellationToken cancellationToken)
    {
        var prepared = await PrepareAsync(cancellationToken).ConfigureAwait(false);
        if (prepared.Rollback is { } cursor) return await RollBackAsync(cursor, cancellationToken).ConfigureAwait(false);
        return prepared.Batch is null ? prepared.Step : await CommitAsync(prepared, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public void Dispose() => _rpc.Dispose();

    /// <summary>The <c>reason</c> tag of a retried failure.</summary>
    private static string FailureReason(Exception e) => e switch
    {
        RpcCallException { TimedOut: true } or Nethereum.JsonRpc.Client.RpcClientTimeoutException => "rpc_timeout",
        RpcCallException { Code: not null } or Nethereum.JsonRpc.Client.RpcResponseException => "rpc_error",
        RpcCallException or HttpRequestException or Nethereum.JsonRpc.Client.RpcClientUnknownException => "rpc_transport",
        IndexConflictException => "conflict",
        _ => "database",
    };

    private static bool IsTransient(Exception e) =>
        e is RpcCallException or IndexConflictException or HttpRequestException or System.Data.Common.DbException or Nethereum.JsonRpc.Client.RpcClientUnknownException
            or Nethereum.JsonRpc.Client.RpcClientTimeoutException or Nethereum.JsonRpc.Client.RpcResponseException
            || (e is AidDaoException && e.InnerException is System.Data.Common.DbException);
}
