using Xunit;

namespace AidDao.Cli.Tests;

/// <summary><c>aiddao bench qf</c> on a small round: it writes every step (linear, capped, pairwise, what-if) beside the baseline and refuses nonsense shapes.</summary>
public class MatchingBenchmarkTests
{
    [Fact]
    public async Task BenchQf_SmallRound_WritesEveryStepBesideTheBaselineRow()
    {
        var path = Path.Combine(Path.GetTempPath(), $"aiddao-matching-{Guid.NewGuid():N}.md");
        try
        {
            var run = await CliRun.InvokeAsync("bench", "qf", "--contributors", "50", "--projects", "4", "--contributions", "300", "--runs", "1", "--out", path);

            Assert.Equal(0, run.ExitCode);
            var report = await File.ReadAllTextAsync(path, TestContext.Current.CancellationToken);
            Assert.Contains("Round: 50 contributors, 4 projects, 300 contributions", report, StringComparison.Ordinal);
            Assert.Contains("| baseline: add every contribution to its project's total |", report, StringComparison.Ordinal);
            Assert.Contains("| linear QF: tally + matching with a 10 % cap |", report, StringComparison.Ordinal);
            Assert.Contains("| capped QF: contributions table + tally with each c_ip counted up to 10^21 + matching with a 10 % cap |", report, StringComparison.Ordinal);
            Assert.Contains("| pairwise-bounded QF (M = 25 × 10^18): contributions table + pairs, at most 2,000 contributors per project paired exactly + matching |", report, StringComparison.Ordinal);
            Assert.Contains("| pairwise-bounded QF, every pair exact (no bound) |", report, StringComparison.Ordinal);
            Assert.Contains("| what-if estimate: one contribution's effect on every project's match (per estimate; 1,000 per run) |", report, StringComparison.Ordinal);
            Assert.Contains("- Pairs evaluated: ", report, StringComparison.Ordinal);
            Assert.Contains($"Wrote {path}.", run.Out, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task BenchQf_NoProjects_ExitCode2WithOneLine()
    {
        var run = await CliRun.InvokeAsync("bench", "qf", "--projects", "0", "--out", Path.Combine(Path.GetTempPath(), "never-written.md"));

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("error: --contributors, --projects and --runs must be at least 1, --contributions at least 0.", run.Error.Trim());
    }
}
