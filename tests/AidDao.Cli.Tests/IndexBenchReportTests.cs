using AidDao.Cli.Bench;
using AidDao.Cli.Commands;
using AidDao.Core;
using AidDao.Core.Communities;
using AidDao.Indexer;
using Xunit;

namespace AidDao.Cli.Tests;

/// <summary>The indexer benchmark's report: the ratio line, the table, and docs/benchmarks.md's other sections kept.</summary>
public sealed class IndexBenchReportTests
{
    [Fact]
    public void Section_ThreeBatchSizes_HasTheRatioLineOfTheLargestAndATableRowEach()
    {
        var rows = new[] { Row(100, 10.0, 20.0), Row(500, 10.0, 16.0), Row(2_000, 10.0, 14.0) };

        var section = IndexBenchReport.Section(Chain(), rows, runs: 3, "test machine");

        Assert.Contains("ingest ratio (indexer / raw): 0.71", section, StringComparison.Ordinal);
        Assert.Contains("| 100 | 50,000 | 5,000 | 2,500 | 0.50 |", section, StringComparison.Ordinal);
        Assert.Contains("| 2,000 | 50,000 | 5,000 | 3,571 | 0.71 |", section, StringComparison.Ordinal);
        Assert.StartsWith(IndexBenchReport.Begin, section, StringComparison.Ordinal);
    }

    [Fact]
    public void Merge_ExistingFileWithOtherSections_ReplacesOnlyTheIndexerSection()
    {
        var old = IndexBenchReport.Section(Chain(), [Row(2_000, 10.0, 40.0)], 1, "old");
        var existing = $"# Benchmarks\n\n## SignalR\nkeep me\n\n{old}\n## Later\nkeep me too\n";
        var fresh = IndexBenchReport.Section(Chain(), [Row(2_000, 10.0, 12.5)], 1, "new");

        var merged = IndexBenchReport.Merge(existing, fresh);

        Assert.Contains("## SignalR\nkeep me", merged, StringComparison.Ordinal);
        Assert.Contains("## Later\nkeep me too", merged, StringComparison.Ordinal);
        Assert.Contains("ingest ratio (indexer / raw): 0.80", merged, StringComparison.Ordinal);
        Assert.DoesNotContain("ratio (indexer / raw): 0.25", merged, StringComparison.Ordinal);
        Assert.Equal(2, merged.Split(IndexBenchReport.Begin).Length);
    }

    [Fact]
    public void Section_WithPostgres_HasBothDatabasesColumnsAndTheirRatio()
    {
        var rows = new[] { Row(2_000, 10.0, 14.0) with { PostgresSeconds = 20.0, PostgresStats = new IndexerStats() } };

        var section = IndexBenchReport.Section(Chain(), rows, runs: 3, "test machine");

        Assert.Contains("| SQLite events/s | Ratio | PostgreSQL events/s | Ratio |", section, StringComparison.Ordinal);
        Assert.Contains("| 2,000 | 50,000 | 5,000 | 3,571 | 0.71 | 2,500 | 0.50 |", section, StringComparison.Ordinal);
        Assert.Contains("PostgreSQL / SQLite (batch 2,000): 0.70", section, StringComparison.Ordinal);
    }

    [Fact]
    public void Section_WithoutPostgres_SaysItWasNotMeasured()
    {
        var section = IndexBenchReport.Section(Chain(), [Row(2_000, 10.0, 14.0)], runs: 3, "test machine");

        Assert.Contains("not measured in this run (give `--postgres`", section, StringComparison.Ordinal);
        Assert.DoesNotContain("PostgreSQL events/s", section, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BenchIndex_UnreachablePostgres_RefusedBeforeStartingAChain()
    {
        var run = await CliRun.InvokeAsync("bench", "index", "--postgres", "Host=127.0.0.1;Port=1;Username=postgres;Timeout=2");

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.StartsWith("error: --postgres: cannot connect to the PostgreSQL server", run.ErrorLine, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BenchIndex_TooFewEvents_RefusedBeforeStartingAChain()
    {
        var run = await CliRun.InvokeAsync("bench", "index", "--events", "10");

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains("--events and --blocks must be at least 100", run.ErrorLine, StringComparison.Ordinal);
    }

    private static IndexBenchRow Row(int batch, double rawSeconds, double indexerSeconds) =>
        new(batch, 50_000, rawSeconds, indexerSeconds, new IndexerStats());

    private static SeededChain Chain() => new(
        new AidDaoDeployment(31337, EthAddress.Zero, EthAddress.Zero, EthAddress.Zero, EthAddress.Zero, EthAddress.Zero, EthAddress.Zero, []),
        EthAddress.Zero, EthAddress.Zero, EthAddress.Zero, [], [], 1, 10_000, 50_000, new Dictionary<EthAddress, long>(), 14_000, 150.0);
}
