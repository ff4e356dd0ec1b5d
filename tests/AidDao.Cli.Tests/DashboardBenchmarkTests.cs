using AidDao.Cli.Bench;
using AidDao.Cli.Commands;
using AidDao.TestUtils;
using Xunit;

namespace AidDao.Cli.Tests;

/// <summary><c>aiddao bench dashboard</c> at toy scale: every transport (direct, through the Redis backplane, raw) delivers every update and the section is written; nonsense is refused.</summary>
public sealed class DashboardBenchmarkTests
{
    [Fact]
    public async Task BenchDashboard_FiveClientsThreeUpdates_WritesEveryTransportsRowWithEveryUpdateDelivered()
    {
        var path = Path.Combine(Path.GetTempPath(), $"aiddao-bench-dashboard-{Guid.NewGuid():N}.md");
        await File.WriteAllTextAsync(path, "# Benchmarks\n\n<!-- bench:index -->\nkeep me\n<!-- /bench:index -->\n", TestContext.Current.CancellationToken);
        try
        {
            var run = await CliRun.InvokeAsync("bench", "dashboard", "--clients", "5", "--updates", "3", "--runs", "1", "--redis", TestServices.Redis, "--out", path);

            Assert.True(run.ExitCode == ExitCodes.Ok, run.Error);
            var written = await File.ReadAllTextAsync(path, TestContext.Current.CancellationToken);
            Assert.Contains("<!-- bench:index -->\nkeep me\n<!-- /bench:index -->", written, StringComparison.Ordinal);
            Assert.Contains(DashboardBenchReport.Begin, written, StringComparison.Ordinal);
            Assert.Contains(DashboardBenchReport.End, written, StringComparison.Ordinal);
            Assert.Contains("| SignalR | 5 | 3 | 15 / 15 | 1.0000 |", written, StringComparison.Ordinal);
            Assert.Contains("| raw WebSocket | 5 | 3 | 15 / 15 | 1.0000 |", written, StringComparison.Ordinal);
            // Clients of the instance without an indexer got every update through Redis.
            Assert.Contains("| SignalR via Redis backplane | 5 | 3 | 15 / 15 | 1.0000 |", written, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task BenchDashboard_NoClients_RefusedBeforeStartingAChain()
    {
        var run = await CliRun.InvokeAsync("bench", "dashboard", "--clients", "0", "--out", Path.Combine(Path.GetTempPath(), "never-written.md"));

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains("--clients, --updates and --runs must be at least 1", run.ErrorLine, StringComparison.Ordinal);
    }
}
