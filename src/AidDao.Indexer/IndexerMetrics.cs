using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace AidDao.Indexer;

/// <summary>
/// The indexers' metrics (System.Diagnostics.Metrics, meter <see cref="MeterName"/>) and the latest values per chain
/// (<see cref="Snapshot"/>, for a health endpoint). Instruments, all tagged <c>chain_id</c>:
/// <list type="bullet">
/// <item><c>aiddao.indexer.events</c> (counter, {event}): logs committed; events per second is its rate.</item>
/// <item><c>aiddao.indexer.blocks</c> (counter, {block}): blocks the cursor advanced by commits.</item>
/// <item><c>aiddao.indexer.failures</c> (counter, {failure}): failed steps that were retried, tagged <c>reason</c>
/// (rpc_timeout, rpc_error, rpc_transport, database, conflict).</item>
/// <item><c>aiddao.indexer.reorgs</c> (counter, {reorg}): reorganisations rolled back.</item>
/// <item><c>aiddao.indexer.commit.duration</c> (histogram, s): time to write one batch.</item>
/// <item><c>aiddao.indexer.head</c>, <c>aiddao.indexer.cursor</c> (gauges, {block}): the chain's head as last seen, the
/// last committed block.</item>
/// <item><c>aiddao.indexer.lag</c> (gauge, {block}): head − confirmations − cursor, at least 0.</item>
/// <item><c>aiddao.indexer.lease.held</c> (gauge, {lease}): 1 while an indexer of this process holds the chain, else 0.</item>
/// </list>
/// </summary>
/// <remarks>
/// One instance per process is the intent: <see cref="Default"/> serves everything not given another (the CLI's
/// indexer, registries), with its own <see cref="Meter"/> that lives as long as the process. A host with dependency
/// injection creates one with its <see cref="IMeterFactory"/> (which owns and disposes the meter) and hands it to its
/// <see cref="IndexerRegistry"/>. The gauges report what the indexers of this instance saw last, so a chain that no
/// instance follows keeps its last values with <c>lease.held</c> 0.
/// </remarks>
public sealed class IndexerMetrics : IDisposable
{
    /// <summary>The meter's name (what <c>dotnet-counters</c> or OpenTelemetry's <c>AddMeter</c> listen to).</summary>
    public const string MeterName = "AidDao.Indexer";

    private static readonly double[] CommitBuckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    private readonly ConcurrentDictionary<long, ChainState> _chains = new();
    private readonly TimeProvider _time;
    private readonly bool _ownsMeter;
    private readonly Counter<long> _events;
    private readonly Counter<long> _blocks;
    private readonly Counter<long> _failures;
    private readonly Counter<long> _reorgs;
    private readonly Histogram<double> _commitDuration;

    /// <summary>Creates the metrics.</summary>
    /// <param name="meterFactory">Where the meter comes from (dependency injection); null for a meter of its own.</param>
    /// <param name="time">The clock of <see cref="IndexerChainSnapshot.UpdatedAt"/> and its siblings; null for the system's.</param>
    public IndexerMetrics(IMeterFactory? meterFactory = null, TimeProvider? time = null)
    {
        _time = time ?? TimeProvider.System;
        _ownsMeter = meterFactory is null;
        Meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);
        _events = Meter.CreateCounter<long>("aiddao.indexer.events", "{event}", "Logs committed to the index.");
        _blocks = Meter.CreateCounter<long>("aiddao.indexer.blocks", "{block}", "Blocks the index's cursor advanced.");
        _failures = Meter.CreateCounter<long>("aiddao.indexer.failures", "{failure}", "Failed indexer steps that were retried.");
        _reorgs = Meter.CreateCounter<long>("aiddao.indexer.reorgs", "{reorg}", "Reorganisations rolled back.");
        _commitDuration = Meter.CreateHistogram("aiddao.indexer.commit.duration", "s", "Time to write one batch.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = CommitBuckets });
        Meter.CreateObservableGauge("aiddao.indexer.head", () => Observe(s => s.Head), "{block}", "The chain's head as the indexer last saw it.");
        Meter.CreateObservableGauge("aiddao.indexer.cursor", () => Observe(s => s.Cursor), "{block}", "The last committed block.");
        Meter.CreateObservableGauge("aiddao.indexer.lag", () => Observe(s => s.Lag), "{block}", "Blocks the index is behind the head (minus confirmations).");
        Meter.CreateObservableGauge("aiddao.indexer.lease.held", () => Observe(s => s.LeaseHeld ? 1 : 0), "{lease}", "1 while this process follows the chain.");
    }

    /// <summary>The process-wide instance, used by indexers and registries not given another.</summary>
    public static IndexerMetrics Default { get; } = new();

    /// <summary>The meter the instruments belong to.</summary>
    internal Meter Meter { get; }

    /// <summary>The latest values for <paramref name="chainId"/>; null when no indexer of this instance reported on it.</summary>
    public IndexerChainSnapshot? Snapshot(long chainId) => _chains.TryGetValue(chainId, out var state) ? state.Snapshot() : null;

    /// <summary>The latest values of every chain an indexer of this instance reported on, by chain id.</summary>
    public IReadOnlyList<IndexerChainSnapshot> Snapshots() => _chains.Values.Select(s => s.Snapshot()).OrderBy(s => s.ChainId).ToList();

    /// <inheritdoc />
    public void Dispose()
    {
        if (_ownsMeter) Meter.Dispose();
    }

    internal void CursorLoaded(long chainId, long cursor) => Update(chainId, s => s.Cursor = cursor);

    internal void HeadSeen(long chainId, long head, int confirmations) => Update(chainId, s =>
    {
        s.Head = head;
        s.Confirmations = confirmations;
    });

    internal void Committed(long chainId, long fromCursor, long toCursor, int events, TimeSpan duration)
    {
        var tag = ChainTag(chainId);
        _events.Add(events, tag);
        _blocks.Add(toCursor - fromCursor, tag);
        _commitDuration.Record(duration.TotalSeconds, tag);
        var now = _time.GetUtcNow();
        Update(chainId, s =>
        {
            s.Cursor = toCursor;
            s.LastCommitAt = now;
        });
    }

    internal void RolledBack(long chainId, long ancestor)
    {
        _reorgs.Add(1, ChainTag(chainId));
        Update(chainId, s => s.Cursor = ancestor);
    }

    internal void StepFailed(long chainId, string reason)
    {
        _failures.Add(1, ChainTag(chainId), new KeyValuePair<string, object?>("reason", reason));
        Update(chainId, static _ => { });
    }

    internal void LeaseTaken(long chainId, string owner) => Update(chainId, s => s.LeaseOwner = owner);

    /// <summary>Marks the lease released, unless another indexer of this instance took it since.</summary>
    internal void LeaseReleased(long chainId, string owner) => Update(chainId, s =>
    {
        if (s.LeaseOwner == owner) s.LeaseOwner = null;
    });

    private static KeyValuePair<string, object?> ChainTag(long chainId) => new("chain_id", chainId);

    private void Update(long chainId, Action<ChainState> change)
    {
        var state = _chains.GetOrAdd(chainId, static id => new ChainState(id));
        state.Change(change, _time.GetUtcNow());
    }

    private IEnumerable<Measurement<long>> Observe(Func<IndexerChainSnapshot, long?> value)
    {
        foreach (var snapshot in Snapshots())
            if (value(snapshot) is { } measured)
                yield return new Measurement<long>(measured, ChainTag(snapshot.ChainId));
    }

    /// <summary>One chain's latest values, changed and read under one lock.</summary>
    private sealed class ChainState(long chainId)
    {
        private readonly Lock _gate = new();

        public long? Head { get; set; }

        public int Confirmations { get; set; }

        public long? Cursor { get; set; }

        public string? LeaseOwner { get; set; }

        public DateTimeOffset? LastCommitAt { get; set; }

        public DateTimeOffset UpdatedAt { get; set; }

        public void Change(Action<ChainState> change, DateTimeOffset now)
        {
            lock (_gate)
            {
                change(this);
                UpdatedAt = now;
            }
        }

        public IndexerChainSnapshot Snapshot()
        {
            lock (_gate)
            {
                long? lag = Head is { } head && Cursor is { } cursor ? Math.Max(0, head - Confirmations - cursor) : null;
                return new IndexerChainSnapshot(chainId, Head, Cursor, lag, LeaseOwner is not null, LastCommitAt, UpdatedAt);
            }
        }
    }
}
