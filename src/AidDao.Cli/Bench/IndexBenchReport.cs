using System.Globalization;
using System.Text;

namespace AidDao.Cli.Bench;

/// <summary>The indexer benchmark's section of <c>docs/benchmarks.md</c>, and the file's other sections kept as they are.</summary>
internal static class IndexBenchReport
{
    /// <summary>Marks the start of this benchmark's section in docs/benchmarks.md.</summary>
    public const string Begin = "<!-- bench:index -->";

    /// <summary>Marks its end.</summary>
    public const string End = "<!-- /bench:index -->";

    /// <summary>The batch size whose ratio is the headline.</summary>
    public const int HeadlineBatch = 2_000;

    /// <summary>The ratio line the issue asks for.</summary>
    public static string RatioLine(IReadOnlyList<IndexBenchRow> rows) => string.Create(CultureInfo.InvariantCulture,
        $"ingest ratio (indexer / raw): {Headline(rows).Ratio:0.00}");

    /// <summary>The section, in Markdown.</summary>
    public static string Section(SeededChain chain, IReadOnlyList<IndexBenchRow> rows, int runs, string machine)
    {
        var text = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        text.AppendLine(Begin);
        text.AppendLine("## Indexer ingest");
        text.AppendLine();
        text.AppendLine(c, $"`dotnet run -c Release --project src/AidDao.Cli -- bench index` on {machine}. A fresh local chain is seeded with");
        text.AppendLine(c, $"{chain.Events:N0} AidDao events over {chain.Blocks:N0} blocks ({chain.Transactions:N0} transactions: round contributions, deposits,");
        text.AppendLine(c, $"aid requests and decisions, admissions, hours; seeded in {chain.Seconds:0.0} s). Then, for each batch size, {runs} alternating runs of:");
        text.AppendLine();
        text.AppendLine("- **raw**: a bare loop of `eth_getLogs` over the seeded range for the same contracts, decoding every log with the generated Nethereum event DTOs, nothing else;");
        text.AppendLine("- **SQLite**: `ChainIndexer.RunAsync` from zero into a fresh SQLite file (WAL), same fixed batch size, to the same block: reorg and consistency checks, discovery, projection into the read model and the raw events table, one transaction per batch with the cursor;");
        var postgres = rows.All(r => r.PostgresSeconds is not null);
        text.AppendLine(postgres
            ? "- **PostgreSQL**: the same indexer into a fresh PostgreSQL database (a local server on loopback, created for the run and dropped after), same batches, same block."
            : "- **PostgreSQL**: not measured in this run (give `--postgres` an admin connection string to include it).");
        text.AppendLine();
        text.AppendLine("Medians:");
        text.AppendLine();
        text.AppendLine(postgres
            ? "| Batch (blocks) | Events | Raw events/s | SQLite events/s | Ratio | PostgreSQL events/s | Ratio | SQLite time: logs / headers / decode+project / commit | PostgreSQL commit |"
            : "| Batch (blocks) | Events | Raw events/s | SQLite events/s | Ratio | SQLite time: logs / headers / decode+project / commit |");
        text.AppendLine(postgres ? "|---:|---:|---:|---:|---:|---:|---:|---|---:|" : "|---:|---:|---:|---:|---:|---|");
        foreach (var row in rows)
        {
            var s = row.Stats;
            var total = row.IndexerSeconds;
            string Share(TimeSpan t, double of) => (t.TotalSeconds / of * 100).ToString("0", c) + " %";
            var shares = $"{Share(s.Logs, total)} / {Share(s.Headers, total)} / {Share(s.Decode, total)} / {Share(s.Commit, total)}";
            text.AppendLine(postgres
                ? string.Create(c, $"| {row.BatchSize:N0} | {row.Events:N0} | {row.RawRate:N0} | {row.IndexerRate:N0} | {row.Ratio:0.00} | {row.PostgresRate:N0} | {row.PostgresRate / row.RawRate:0.00} | {shares} | {Share(row.PostgresStats!.Commit, row.PostgresSeconds!.Value)} |")
                : string.Create(c, $"| {row.BatchSize:N0} | {row.Events:N0} | {row.RawRate:N0} | {row.IndexerRate:N0} | {row.Ratio:0.00} | {shares} |"));
        }
        text.AppendLine();
        text.AppendLine(RatioLine(rows));
        if (postgres)
        {
            var headline = Headline(rows);
            text.AppendLine();
            text.AppendLine(c, $"PostgreSQL / SQLite (batch {headline.BatchSize:N0}): {headline.PostgresRate / headline.IndexerRate:0.00}; PostgreSQL's commits took {headline.PostgresStats!.Commit.TotalSeconds:0.00} s");
            text.AppendLine(c, $"against SQLite's {headline.Stats.Commit.TotalSeconds:0.00} s (each table's rows in one binary COPY over a loopback socket to another process, instead of");
            text.AppendLine("prepared INSERTs in-process). Commits run beside the next range's fetch and decode, so the slower commit sets the pace. The server shares the");
            text.AppendLine("same 2 cores with the node and the indexer here, so these figures are a floor for a database on its own machine, not a ceiling.");
        }
        text.AppendLine();
        var head = Headline(rows).Stats;
        text.AppendLine(c, $"What limits it (batch {HeadlineBatch:N0}): the indexer does the raw loop's whole work (fetching the logs took");
        text.AppendLine(c, $"{head.Logs.TotalSeconds:0.00} s, decoding them with the generated DTOs is most of the {head.Decode.TotalSeconds:0.00} s of decode+project) and");
        text.AppendLine(c, $"then writes them ({head.Commit.TotalSeconds:0.00} s for {head.Batches:N0} transactions, one prepared INSERT per row into tables with");
        text.AppendLine(c, $"two or three indexes) and reads block headers for its reorg and consistency checks ({head.Headers.TotalSeconds:0.00} s). A commit runs");
        text.AppendLine("on its own thread while the next range is fetched and decoded, so shares can add up to more than 100 %; with few, large");
        text.AppendLine("batches there is little to overlap, and on this 2-core machine the node, the decoder and SQLite share the same cores.");
        text.AppendLine("Decoding (Nethereum's reflection-based event decoder, in both loops) is the largest single cost.");
        text.AppendLine(End);
        return text.ToString();
    }

    /// <summary>Replaces this benchmark's section of <paramref name="existing"/> (or appends it), keeping the rest.</summary>
    public static string Merge(string? existing, string section) => BenchmarkSections.Merge(existing, section, Begin, End);

    private static IndexBenchRow Headline(IReadOnlyList<IndexBenchRow> rows) =>
        rows.FirstOrDefault(r => r.BatchSize == HeadlineBatch) ?? rows[^1];
}
