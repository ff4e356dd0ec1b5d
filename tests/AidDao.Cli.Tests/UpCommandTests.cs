using System.Diagnostics;
using AidDao.Cli.Commands;
using AidDao.TestUtils;
using Xunit;

namespace AidDao.Cli.Tests;

/// <summary><c>aiddao up</c> as a user runs it: a real process, its own Anvil, stopped with Ctrl-C (SIGINT).</summary>
public sealed class UpCommandTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task Up_CtrlC_ExitsCleanlyAndLeavesNoAnvilBehind()
    {
        var ct = TestContext.Current.CancellationToken;
        using var up = CliProcess.Start("up", "--dashboard-url", "http://127.0.0.1:0");
        var output = await WaitUntilReadyAsync(up, ct);
        try
        {
            var anvils = ChildProcesses(up.Id).Where(pid => ProcessName(pid) == "anvil").ToList();
            Assert.Single(anvils);
            Assert.Contains(output, line => line.StartsWith("Community  Riverside Mutual Aid", StringComparison.Ordinal));
            Assert.Contains(output, line => System.Text.RegularExpressions.Regex.IsMatch(line, @"^Index +\S+index\.db: [\d,]+ events to block \d+"));
            var hangfire = output.Single(line => line.StartsWith("Hangfire ", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
            var dashboard = output.Single(line => line.StartsWith("Dashboard ", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
            Assert.StartsWith("http://127.0.0.1:", dashboard, StringComparison.Ordinal);
            Assert.StartsWith(dashboard, hangfire, StringComparison.Ordinal);
            using (var http = new HttpClient())
            {
                var recurring = await http.GetStringAsync(new Uri(hangfire + "/recurring"), ct);
                Assert.Contains("aiddao-index-31337", recurring, StringComparison.Ordinal);
                // The same host serves the page and the demo's live data.
                Assert.Contains("<script", await http.GetStringAsync(new Uri(dashboard), ct), StringComparison.Ordinal);
                var overview = await http.GetStringAsync(new Uri(new Uri(dashboard), "api/overview"), ct);
                Assert.Contains("\"name\":\"Riverside Mutual Aid\"", overview, StringComparison.Ordinal);
                Assert.Contains("\"name\":\"Riverside Autumn Projects\"", overview, StringComparison.Ordinal);
            }

            Signal("INT", up.Id);
            await up.WaitForExitAsync(ct).WaitAsync(Patience, ct);

            Assert.Equal(0, up.ExitCode);
            Assert.Contains(output, line => line.StartsWith("Stopping: shutting the local chain down.", StringComparison.Ordinal));
            Assert.False(IsRunningAnvil(anvils[0]), "anvil is still running after Ctrl-C");
        }
        finally
        {
            if (!up.HasExited) up.Kill(entireProcessTree: true);
        }
    }

    [Fact]
    public async Task Up_HostKilledWithSigkill_WatchdogStopsAnvil()
    {
        var ct = TestContext.Current.CancellationToken;
        using var up = CliProcess.Start("up", "--dashboard-url", "http://127.0.0.1:0");
        await WaitUntilReadyAsync(up, ct);
        try
        {
            var anvil = Assert.Single(ChildProcesses(up.Id), pid => ProcessName(pid) == "anvil");

            Signal("KILL", up.Id);
            await up.WaitForExitAsync(ct).WaitAsync(Patience, ct);

            // No handler runs on SIGKILL: the watchdog notices the dead owner within about a second.
            for (var attempt = 0; attempt < 100 && IsRunningAnvil(anvil); attempt++) await Task.Delay(100, ct);
            Assert.False(IsRunningAnvil(anvil), "anvil outlived its SIGKILLed owner");
        }
        finally
        {
            if (!up.HasExited) up.Kill(entireProcessTree: true);
        }
    }

    [Fact]
    public async Task Up_ExitAfterSetup_PrintsAddressesAndStops()
    {
        var ct = TestContext.Current.CancellationToken;
        using var up = CliProcess.Start("up", "--exit-after-setup", "--dashboard-url", "http://127.0.0.1:0");
        var stdout = up.StandardOutput.ReadToEndAsync(ct);
        var stderr = up.StandardError.ReadToEndAsync(ct);
        await up.WaitForExitAsync(ct).WaitAsync(Patience, ct);

        Assert.True(up.ExitCode == 0, await stderr);
        var text = await stdout;
        Assert.Contains("Factory         0x", text, StringComparison.Ordinal);
        Assert.Contains("Stewards   3 (threshold 2 of 3)", text, StringComparison.Ordinal);
        Assert.Contains("Waiting         proposal 1", text, StringComparison.Ordinal);
        Assert.Contains("Pool            Riverside Emergency Fund 0x", text, StringComparison.Ordinal);
        Assert.Contains("Requests        1 paid, 2 waiting (1 of 2 approvals), 3 new, 4 rejected, 5 cancelled", text, StringComparison.Ordinal);
        Assert.Contains("Round factory   0x", text, StringComparison.Ordinal);
        Assert.Contains("Round           Riverside Spring Projects 0x", text, StringComparison.Ordinal);
        Assert.Contains("Results of 'Riverside Spring Projects' (final; amounts in ETH):", text, StringComparison.Ordinal);
        Assert.Contains("Open round      Riverside Autumn Projects 0x", text, StringComparison.Ordinal);
        Assert.Matches(@"Dashboard +http://127\.0\.0\.1:\d+/", text);
        Assert.DoesNotContain("ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80", text, StringComparison.OrdinalIgnoreCase);
    }

    private static async Task<System.Collections.Concurrent.ConcurrentQueue<string>> WaitUntilReadyAsync(Process up, CancellationToken ct)
    {
        var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        up.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            output.Enqueue(e.Data);
            if (e.Data == UpCommand.ReadyLine) ready.TrySetResult();
        };
        up.ErrorDataReceived += (_, e) => { if (e.Data is not null) output.Enqueue(e.Data); };
        up.BeginOutputReadLine();
        up.BeginErrorReadLine();
        await ready.Task.WaitAsync(Patience, ct);
        return output;
    }

    /// <summary>Running (not a zombie awaiting its reaper) and still anvil.</summary>
    private static bool IsRunningAnvil(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var state = stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[0];
            return ProcessName(pid) == "anvil" && state != "Z";
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static IEnumerable<int> ChildProcesses(int pid) =>
        Directory.EnumerateDirectories($"/proc/{pid}/task")
            .SelectMany(task => File.ReadAllText(Path.Combine(task, "children")).Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Select(int.Parse);

    private static string ProcessName(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/comm").Trim();
        }
        catch (IOException)
        {
            return "";
        }
    }

    private static void Signal(string signal, int pid)
    {
        using var kill = Process.Start("kill", [$"-{signal}", pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }
}
