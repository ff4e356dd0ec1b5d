using System.ComponentModel;
using System.Diagnostics;

namespace AidDao.Core.Chain;

/// <summary>
/// A running Anvil child process: drains its standard output and error (keeping the last lines
/// for error messages), reports the port it listens on, and kills its whole process tree when
/// disposed. Tracked by <see cref="LiveAnvilProcesses"/> while alive so a dying host still kills it.
/// </summary>
internal sealed class AnvilProcess : IAsyncDisposable
{
    /// <summary>How long disposal waits for the killed process to be reaped.</summary>
    private static readonly TimeSpan ExitWaitLimit = TimeSpan.FromSeconds(30);

    /// <summary>How long disposal waits for the output pumps to reach end of stream after the exit.</summary>
    private static readonly TimeSpan PumpDrainLimit = TimeSpan.FromSeconds(5);

    private readonly Process _process;
    private readonly Process? _watchdog;
    private readonly string? _home;
    private readonly Task _standardOutputPump;
    private readonly Task _standardErrorPump;
    private readonly TaskCompletionSource<int?> _listeningPort = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _disposed;

    private AnvilProcess(Process process, string commandLine, string? home)
    {
        _process = process;
        _home = home;
        _watchdog = StartWatchdog(process.Id, home);
        CommandLine = commandLine;
        Id = process.Id;
        LiveAnvilProcesses.Track(this);

        _standardErrorPump = OutputTail.PumpAsync(process.StandardError, StandardError);
        _standardOutputPump = PumpStandardOutputAsync();
    }

    /// <summary>Operating-system process id.</summary>
    public int Id { get; }

    /// <summary>The command line, for error messages.</summary>
    public string CommandLine { get; }

    /// <summary>Last lines Anvil wrote to standard output.</summary>
    public OutputTail StandardOutput { get; } = new();

    /// <summary>Last lines Anvil wrote to standard error.</summary>
    public OutputTail StandardError { get; } = new();

    /// <summary>
    /// Completes with the port from Anvil's <c>Listening on 127.0.0.1:PORT</c> line, or with
    /// <see langword="null"/> when standard output ended without one (Anvil exited).
    /// </summary>
    public Task<int?> ListeningPort => _listeningPort.Task;

    /// <summary>Whether the process has exited.</summary>
    public bool HasExited
    {
        get
        {
            try
            {
                return _process.HasExited;
            }
            catch (InvalidOperationException)
            {
                return true;
            }
        }
    }

    /// <summary>The exit code, once exited.</summary>
    public int? ExitCode => HasExited ? TryGetExitCode() : null;

    /// <summary>Starts <paramref name="anvilPath"/> with <paramref name="arguments"/>, output redirected.</summary>
    /// <exception cref="DevnetException">The operating system could not start the binary.</exception>
    public static AnvilProcess Start(string anvilPath, IReadOnlyList<string> arguments)
    {
        var startInfo = new ProcessStartInfo(anvilPath)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            CreateNoWindow = true,
        };
        foreach (string argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        // Plain output: no ANSI colour codes in the lines we parse and quote.
        startInfo.Environment["NO_COLOR"] = "1";

        // A private home: Anvil spills old states to ~/.foundry/anvil/tmp and removes them only on a graceful exit, and
        // a killed chain would leave them (hundreds of MB each) in the user's home for good. This folder goes with it.
        string? home = null;
        try
        {
            home = Directory.CreateTempSubdirectory("aiddao-anvil-home-").FullName;
            startInfo.Environment["HOME"] = home;
        }
        catch (IOException)
        {
            home = null; // Anvil then uses the real home, as before.
        }

        string commandLine = string.Join(' ', [anvilPath, .. arguments]);
        var process = new Process { StartInfo = startInfo };
        try
        {
            process.Start();
        }
        catch (Win32Exception ex)
        {
            process.Dispose();
            DeleteHome(home);
            throw new DevnetException(
                $"Could not start Anvil ({commandLine}): {ex.Message}. Run `npm ci` in the repository root or set {AnvilLocator.PathEnvironmentVariable} to a working anvil binary.",
                ex);
        }

        return new AnvilProcess(process, commandLine, home);
    }

    /// <summary>Waits for the process to exit.</summary>
    public Task WaitForExitAsync(CancellationToken cancellationToken) => _process.WaitForExitAsync(cancellationToken);

    /// <summary>
    /// Waits, at most <paramref name="limit"/>, for the output pumps to reach the end of both
    /// streams, so <see cref="StandardError"/> holds everything Anvil wrote before exiting.
    /// </summary>
    public async Task WaitForOutputAsync(TimeSpan limit)
    {
        try
        {
            await Task.WhenAll(_standardOutputPump, _standardErrorPump).WaitAsync(limit).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // Good enough: report what arrived so far.
        }
    }

    /// <summary>
    /// Kills the process and all its descendants and waits up to <paramref name="waitForExit"/>
    /// for it to be gone. Never throws; safe to call from process-exit handlers and concurrently
    /// with <see cref="DisposeAsync"/>.
    /// </summary>
    public void KillTree(TimeSpan waitForExit)
    {
        StopWatchdog();
        try
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(waitForExit);
        }
        catch (InvalidOperationException)
        {
            // Already exited, or the Process object was disposed.
        }
        catch (SystemException)
        {
            // Could not signal it (Win32Exception: it is exiting; NotSupportedException); this must not
            // escape a process-exit handler, and there is nothing better to do.
        }
    }

    /// <summary>Kills the process tree, waits for the exit and for the output pumps, then releases the process.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        try
        {
            KillTree(TimeSpan.Zero);
            using (var guard = new CancellationTokenSource(ExitWaitLimit))
            {
                try
                {
                    await _process.WaitForExitAsync(guard.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    // SIGKILL was sent; the kernel will reap it. Do not hang disposal forever.
                }
            }

            await WaitForOutputAsync(PumpDrainLimit).ConfigureAwait(false);
        }
        finally
        {
            LiveAnvilProcesses.Untrack(this);
            _process.Dispose();
            _watchdog?.Dispose();
            DeleteHome(_home);
        }
    }

    /// <summary>
    /// Starts a small shell loop that kills Anvil within a second of this host dying in a way no handler sees
    /// (SIGKILL, a test runner's hang timeout), so no orphaned chain outlives its owner. Unix only; elsewhere the
    /// exit handlers of <see cref="LiveAnvilProcesses"/> are the safety net.
    /// </summary>
    private static void DeleteHome(string? home)
    {
        if (home is null) return;
        try
        {
            Directory.Delete(home, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Best effort: it is under the temporary directory.
        }
    }

    private static Process? StartWatchdog(int anvilId, string? home)
    {
        if (OperatingSystem.IsWindows() || !File.Exists("/bin/sh")) return null;
        var startInfo = new ProcessStartInfo("/bin/sh") { UseShellExecute = false, CreateNoWindow = true };
        startInfo.ArgumentList.Add("-c");
        startInfo.ArgumentList.Add(
            "owner=$1; anvil=$2; while kill -0 \"$owner\" 2>/dev/null && kill -0 \"$anvil\" 2>/dev/null; do sleep 1; done; " +
            "kill -0 \"$owner\" 2>/dev/null || { kill -9 \"$anvil\" 2>/dev/null; sleep 1; [ -n \"$3\" ] && rm -rf \"$3\"; }; exit 0");
        startInfo.ArgumentList.Add("aiddao-anvil-watchdog");
        startInfo.ArgumentList.Add(Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        startInfo.ArgumentList.Add(anvilId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        startInfo.ArgumentList.Add(home ?? "");
        try
        {
            return Process.Start(startInfo);
        }
        catch (Win32Exception)
        {
            return null; // The exit handlers still cover ordinary exits.
        }
    }

    private void StopWatchdog()
    {
        try
        {
            if (_watchdog is { HasExited: false }) _watchdog.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        catch (SystemException)
        {
            // Nothing better to do in a dispose or exit path.
        }
    }

    private async Task PumpStandardOutputAsync()
    {
        await OutputTail.PumpAsync(_process.StandardOutput, StandardOutput, line =>
        {
            if (!_listeningPort.Task.IsCompleted && AnvilOutput.TryParseListeningPort(line, out int port))
            {
                _listeningPort.TrySetResult(port);
            }
        }).ConfigureAwait(false);

        _listeningPort.TrySetResult(null);
    }

    private int? TryGetExitCode()
    {
        try
        {
            return _process.ExitCode;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }
}
