using System.Diagnostics;

namespace AidDao.Indexer;

/// <summary>
/// Where an indexer's time went, for benchmarks and operators (cumulative since it was created). Safe to read while the
/// indexer runs: preparing a range and committing the previous one happen on different threads.
/// </summary>
public sealed class IndexerStats
{
    private long _logs;
    private long _headers;
    private long _decode;
    private long _commit;
    private long _batches;
    private long _events;
    private long _failures;
    private string? _lastFailure;

    /// <summary>Time in <c>eth_getLogs</c> (request, node, JSON parsing).</summary>
    public TimeSpan Logs => TimeSpan.FromTicks(Interlocked.Read(ref _logs));

    /// <summary>Time in other calls to the node (head, block headers, reorg checks).</summary>
    public TimeSpan Headers => TimeSpan.FromTicks(Interlocked.Read(ref _headers));

    /// <summary>Time decoding logs with the generated DTOs and projecting them into rows.</summary>
    public TimeSpan Decode => TimeSpan.FromTicks(Interlocked.Read(ref _decode));

    /// <summary>Time writing batches to the database (one transaction each; overlaps the next range's preparation).</summary>
    public TimeSpan Commit => TimeSpan.FromTicks(Interlocked.Read(ref _commit));

    /// <summary>Batches committed.</summary>
    public long Batches => Interlocked.Read(ref _batches);

    /// <summary>Logs written.</summary>
    public long Events => Interlocked.Read(ref _events);

    /// <summary>Steps that failed and were retried.</summary>
    public long Failures => Interlocked.Read(ref _failures);

    /// <summary>The last retried failure's message; null when none.</summary>
    public string? LastFailure => Volatile.Read(ref _lastFailure);

    internal void AddLogs(long startTimestamp) => Interlocked.Add(ref _logs, Stopwatch.GetElapsedTime(startTimestamp).Ticks);

    internal void AddHeaders(long startTimestamp) => Interlocked.Add(ref _headers, Stopwatch.GetElapsedTime(startTimestamp).Ticks);

    internal void AddDecode(long startTimestamp) => Interlocked.Add(ref _decode, Stopwatch.GetElapsedTime(startTimestamp).Ticks);

    internal void AddCommit(long startTimestamp, int events)
    {
        Interlocked.Add(ref _commit, Stopwatch.GetElapsedTime(startTimestamp).Ticks);
        Interlocked.Increment(ref _batches);
        Interlocked.Add(ref _events, events);
    }

    internal void AddFailure(Exception failure)
    {
        Interlocked.Increment(ref _failures);
        Volatile.Write(ref _lastFailure, failure.Message);
    }
}
