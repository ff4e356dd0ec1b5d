using System.Globalization;
using System.Text;

namespace AidDao.Cli.Bench;

/// <summary>The dashboard benchmark's section of <c>docs/benchmarks.md</c>, and the file's other sections kept as they are.</summary>
internal static class DashboardBenchReport
{
    /// <summary>Marks the start of this benchmark's section in docs/benchmarks.md.</summary>
    public const string Begin = "<!-- bench:dashboard -->";

    /// <summary>Marks its end.</summary>
    public const string End = "<!-- /bench:dashboard -->";

    private const string Header = "| Transport | Clients | Updates | Delivered | Fraction | p50 ms | p99 ms | Max ms | Commit → send p50 ms | Connect s |";

    /// <summary>The medians of each transport over <paramref name="phases"/>, in <see cref="DashboardBenchmark.Transports"/> order.</summary>
    public static IReadOnlyList<DashboardBenchRow> Medians(IReadOnlyList<DashboardBenchRow> phases) =>
        [.. phases.GroupBy(p => p.Transport).Select(g => DashboardBenchRow.Median([.. g]))];

    /// <summary>A plain table of <paramref name="rows"/> (Markdown, which reads well in a terminal too).</summary>
    public static string Table(IReadOnlyList<DashboardBenchRow> rows)
    {
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine(Header);
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in rows)
            text.AppendLine(c, $"| {r.Transport} | {r.Clients:N0} | {r.Updates:N0} | {r.Delivered:N0} / {r.Expected:N0} | {r.Fraction:0.0000} | {r.P50:0} | {r.P99:0} | {r.Max:0} | {r.BuildP50:0} | {r.ConnectSeconds:0.0} |");
        return text.ToString();
    }

    /// <summary>The section, in Markdown.</summary>
    /// <param name="shape">What was run.</param>
    /// <param name="phases">Every measured phase, in order.</param>
    /// <param name="meanMessageBytes">The mean size of an update's JSON.</param>
    /// <param name="machine">Cores, runtime and system.</param>
    /// <param name="load">The 1-minute load average before and after the run, when the system tells it.</param>
    public static string Section(DashboardBenchShape shape, IReadOnlyList<DashboardBenchRow> phases, double meanMessageBytes, string machine, (double Before, double After)? load)
    {
        var c = CultureInfo.InvariantCulture;
        var medians = Medians(phases);
        var text = new StringBuilder();
        text.AppendLine(Begin);
        text.AppendLine("## Dashboard live updates");
        text.AppendLine();
        text.AppendLine(c, $"`{Command(shape)}` on {machine}.");
        text.AppendLine("Everything runs in one process beside Anvil: the clients, the dashboard's host (indexer job, publisher, SignalR hub) and the");
        text.AppendLine(c, $"baseline endpoint, so clients and server share the same {Environment.ProcessorCount} cores, and other work on the machine shares them too");
        text.AppendLine(load is { } l
            ? string.Create(c, $"(1-minute load average {l.Before:0.0} before the run, {l.After:0.0} after it, its own work included); figures move from run to run with it.")
            : "(figures move from run to run with it).");
        text.AppendLine();
        text.AppendLine(c, $"A fresh local chain holds the demo community and its open round; the indexer follows it into a temporary SQLite index");
        text.AppendLine(c, $"(polling every 50 ms). Each phase connects {shape.Clients:N0} clients ({DashboardBenchShape.ConnectBatch} at a time), then sends round contributions at");
        text.AppendLine(c, $"{shape.Rate.ToString("0.##", c)} a second until the indexer has committed {shape.Updates:N0} steps; each step becomes one `DashboardUpdate`");
        text.AppendLine(c, $"(events, the round's snapshot with its projected matches; {meanMessageBytes / 1024:0.0} KB of JSON on average), built once by `DashboardPublisher`.");
        var kinds = shape.Backplane ? "a SignalR phase, a backplane phase, then a raw one" : "a SignalR phase, then a raw one";
        var runs = shape.Runs == 1 ? $"One run: {kinds}" : $"{shape.Runs} runs, each {kinds}";
        text.AppendLine(c, $"After the last commit the phase waits up to {DashboardBenchShape.Grace.TotalSeconds:0} s for stragglers. An unmeasured warm-up phase of each");
        text.AppendLine(c, $"transport ({DashboardBenchmark.WarmUpClients} clients, {DashboardBenchmark.WarmUpUpdates} updates) goes first. {runs}:");
        text.AppendLine();
        text.AppendLine("- **SignalR**: .NET `HubConnection` clients of the dashboard's hub (`/hubs/dashboard`; WebSockets without negotiation, JSON protocol), each handling `Update`;");
        if (shape.Backplane)
        {
            text.AppendLine("- **SignalR via Redis backplane**: the same clients, connected to a second dashboard instance that indexes nothing; a third instance");
            text.AppendLine("  publishes the same updates through Redis (Microsoft.AspNetCore.SignalR.StackExchangeRedis, a local redis-server on loopback),");
            text.AppendLine("  so every message crosses Redis before the listening instance fans it out. Both extra instances run through every phase;");
        }
        text.AppendLine("- **raw WebSocket**: `ClientWebSocket` clients of a bare Kestrel endpoint in the same process, fed from the publisher's `Sending` hook with the");
        text.AppendLine("  same update serialized once to camelCase JSON and queued to every connection; no hub protocol. No SignalR client is connected meanwhile.");
        text.AppendLine();
        text.AppendLine("Latency runs from the moment the indexer publishes its step (just after the SQLite commit) to a client having the update");
        text.AppendLine("deserialized into a `DashboardUpdate` (both kinds of client do that work); *commit → send* is the server's share before either");
        text.AppendLine("transport starts (reading the index and building the update). Delivered counts each (client, update) pair once.");
        text.AppendLine();
        text.AppendLine(shape.Runs == 1 ? "Results:" : "Medians of the runs (each figure on its own):");
        text.AppendLine();
        text.Append(Table(medians));
        if (medians.Count == 3)
        {
            text.AppendLine();
            text.AppendLine(c, $"Through the backplane / direct: p50 {Ratio(medians[1].P50, medians[0].P50)}, p99 {Ratio(medians[1].P99, medians[0].P99)}; delivered {medians[1].Fraction:P2} vs {medians[0].Fraction:P2}.");
            text.AppendLine(c, $"SignalR / raw: p50 {Ratio(medians[0].P50, medians[2].P50)}, p99 {Ratio(medians[0].P99, medians[2].P99)}. The backplane adds a publish to Redis and a");
            text.AppendLine("subscription read per update (one per update, not per client), then the same fan-out on the listening instance.");
        }
        if (medians.Count == 2)
        {
            text.AppendLine();
            text.AppendLine(c, $"SignalR / raw: p50 {Ratio(medians[0].P50, medians[1].P50)}, p99 {Ratio(medians[0].P99, medians[1].P99)}; delivered {medians[0].Fraction:P2} vs {medians[1].Fraction:P2}.");
            text.AppendLine(c, $"Of the SignalR p50, {medians[0].BuildP50:0} ms is commit → send; the rest is the fan-out to {shape.Clients:N0} connections and the clients'");
            text.AppendLine("reading and parsing, all on the same cores, which is also why a burst of deliveries queues behind itself (p99, max).");
        }
        if (phases.Count > medians.Count)
        {
            text.AppendLine();
            text.AppendLine("Every phase, in order:");
            text.AppendLine();
            text.Append(Table(phases));
        }
        text.AppendLine(End);
        return text.ToString();
    }

    /// <summary>The command that reproduces the run.</summary>
    public static string Command(DashboardBenchShape shape) => string.Create(CultureInfo.InvariantCulture,
        $"dotnet run -c Release --project src/AidDao.Cli -- bench dashboard --clients {shape.Clients} --updates {shape.Updates} --rate {shape.Rate:0.##} --runs {shape.Runs}{(shape.Backplane ? " --redis HOST:PORT" : "")}");

    /// <summary>Replaces this benchmark's section of <paramref name="existing"/> (or appends it), keeping the rest.</summary>
    public static string Merge(string? existing, string section) => BenchmarkSections.Merge(existing, section, Begin, End);

    /// <summary>The 1-minute load average from /proc/loadavg; null where there is none.</summary>
    public static double? LoadAverage()
    {
        try
        {
            var text = File.ReadAllText("/proc/loadavg");
            var end = text.IndexOf(' ', StringComparison.Ordinal);
            return end > 0 && double.TryParse(text.AsSpan(0, end), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static string Ratio(double a, double b) => b > 0 ? (a / b).ToString("0.00", CultureInfo.InvariantCulture) + "×" : "n/a";
}
