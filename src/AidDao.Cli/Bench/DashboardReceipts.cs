using System.Collections.Concurrent;
using System.Diagnostics;

namespace AidDao.Cli.Bench;

/// <summary>
/// Every update a phase's clients received: which client, the update's cursor block and
/// <see cref="Stopwatch.GetTimestamp"/> when the client had it deserialized. Turned into the phase's figures against the
/// commit stamps.
/// </summary>
internal sealed class DashboardReceipts(DashboardCommitStamps stamps)
{
    private readonly ConcurrentQueue<(int Client, long Block, long Timestamp)> _receipts = new();
    private long _stamped;

    /// <summary>Receipts of stamped updates so far (a phase stops waiting when every client has every one).</summary>
    public long Stamped => Interlocked.Read(ref _stamped);

    /// <summary>Client <paramref name="client"/> has the update whose cursor is at <paramref name="block"/>.</summary>
    public void Record(int client, long block)
    {
        var now = Stopwatch.GetTimestamp();
        _receipts.Enqueue((client, block, now));
        if (stamps.Commits.ContainsKey(block)) Interlocked.Increment(ref _stamped);
    }

    /// <summary>The phase's figures: each stamped update counts once per client that received it.</summary>
    public DashboardBenchRow Summarize(string transport, int clients, TimeSpan connect)
    {
        var commits = stamps.Commits;
        var first = new Dictionary<(int Client, long Block), long>();
        foreach (var (client, block, timestamp) in _receipts)
            if (commits.ContainsKey(block)) first.TryAdd((client, block), timestamp);
        var latencies = first.Select(r => Milliseconds(r.Value - commits[r.Key.Block])).Order().ToArray();
        var build = stamps.Sends.Select(s => Milliseconds(s.Value - commits[s.Key])).Order().ToArray();
        return new DashboardBenchRow(transport, clients, commits.Count, (long)clients * commits.Count, latencies.Length,
            Percentile(latencies, 0.50), Percentile(latencies, 0.99), latencies.Length == 0 ? double.NaN : latencies[^1],
            Percentile(build, 0.50), connect.TotalSeconds);
    }

    private static double Milliseconds(long ticks) => ticks * 1_000.0 / Stopwatch.Frequency;

    /// <summary>Nearest rank: the smallest value with at least <paramref name="fraction"/> of the values at or below it.</summary>
    internal static double Percentile(double[] sorted, double fraction) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(fraction * sorted.Length) - 1, 0, sorted.Length - 1)];
}
