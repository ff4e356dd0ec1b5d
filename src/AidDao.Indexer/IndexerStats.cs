using System.Diagnostics;

namespace AidDao.Indexer;

/// <summary>Where an indexer's time went, for benchmarks and operators (cumulative since it was created).</summary>
public sealed class IndexerStats
{
    /// <summary>Time in <c>eth_getLogs</c> (request, node, JSON parsing).</summary>
    public TimeSpan Logs { get; private set; }

    /// <summary>Time in other calls to the node (head, block headers, reorg checks, views).</summary>
    public TimeSpan Headers { get; private set; }

    /// <summary>Time decoding logs with the generated DTOs and projecting them into rows.</summary>
    public TimeSpan Decode { get; private set; }

    /// <summary>Time writing batches to the database (one transaction each).</summary>
    public TimeSpan Commit { get; private set; }

    /// <summary>Batches committed.</summary>
    public long Batches { get; private set; }

    /// <summary>Logs written.</summary>
    public long Events { get; private set; }

    internal void AddLogs(long startTimestamp) => Logs += Stopwatch.GetElapsedTime(startTimestamp);

    internal void AddHeaders(long startTimestamp) => Headers += Stopwatch.GetElapsedTime(startTimestamp);

    internal void AddDecode(long startTimestamp) => Decode += Stopwatch.GetElapsedTime(startTimestamp);

    internal void AddCommit(long startTimestamp, int events)
    {
        Commit += Stopwatch.GetElapsedTime(startTimestamp);
        Batches++;
        Events += events;
    }
}
