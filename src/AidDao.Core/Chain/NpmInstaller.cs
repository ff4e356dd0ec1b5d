using System.ComponentModel;
using System.Diagnostics;

namespace AidDao.Core.Chain;

/// <summary>
/// Runs <c>npm ci --no-audit --no-fund</c> in the repository root to install Anvil, at most once
/// per root and process, serialised between threads (a semaphore) and between processes, e.g.
/// parallel test assemblies (an exclusive lock on <c>.aiddao/npm-ci.lock</c> in the root).
/// </summary>
internal static class NpmInstaller
{
    private const int ErrorHeadLines = 8;
    private static readonly TimeSpan InstallTimeLimit = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan LockRetryDelay = TimeSpan.FromMilliseconds(250);
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static readonly HashSet<string> AttemptedRoots = new(StringComparer.Ordinal);

    /// <summary>
    /// Runs <c>npm ci</c> in <paramref name="repositoryRoot"/> unless this process already tried,
    /// or <paramref name="expectedBinary"/> appeared meanwhile (another process installed it).
    /// </summary>
    /// <exception cref="DevnetException">npm could not be started, failed, or took too long.</exception>
    public static async Task InstallOnceAsync(string repositoryRoot, string expectedBinary, CancellationToken cancellationToken)
    {
        await Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (AttemptedRoots.Contains(repositoryRoot) || File.Exists(expectedBinary))
            {
                return;
            }

            using var timeLimit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeLimit.CancelAfter(InstallTimeLimit);
            try
            {
                FileStream fileLock = await AcquireFileLockAsync(repositoryRoot, timeLimit.Token).ConfigureAwait(false);
                await using (fileLock.ConfigureAwait(false))
                {
                    // Another process may have installed while we waited for the lock.
                    if (!File.Exists(expectedBinary))
                    {
                        await RunNpmCiAsync(repositoryRoot, timeLimit.Token).ConfigureAwait(false);
                    }
                }
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                AttemptedRoots.Add(repositoryRoot);
                throw new DevnetException(
                    $"`npm ci` in '{repositoryRoot}' did not finish within {InstallTimeLimit.TotalMinutes:0} minutes. Run `npm ci` in the repository root yourself, or set {AnvilLocator.PathEnvironmentVariable}.");
            }

            AttemptedRoots.Add(repositoryRoot);
        }
        catch (DevnetException)
        {
            AttemptedRoots.Add(repositoryRoot);
            throw;
        }
        finally
        {
            Gate.Release();
        }
    }

    private static async Task<FileStream> AcquireFileLockAsync(string repositoryRoot, CancellationToken cancellationToken)
    {
        string lockDirectory = Path.Combine(repositoryRoot, ".aiddao");
        Directory.CreateDirectory(lockDirectory);
        string lockPath = Path.Combine(lockDirectory, "npm-ci.lock");

        while (true)
        {
            try
            {
                // FileShare.None takes an exclusive advisory lock (flock) on Unix; held until disposed.
                return new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException)
            {
                await Task.Delay(LockRetryDelay, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static async Task RunNpmCiAsync(string repositoryRoot, CancellationToken cancellationToken)
    {
        var startInfo = new ProcessStartInfo(OperatingSystem.IsWindows() ? "npm.cmd" : "npm")
        {
            WorkingDirectory = repositoryRoot,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            CreateNoWindow = true,
        };
        foreach (string argument in (string[])["ci", "--no-audit", "--no-fund"])
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = new Process { StartInfo = startInfo };
        try
        {
            process.Start();
        }
        catch (Win32Exception ex)
        {
            throw new DevnetException(
                $"Anvil is missing and `npm ci` could not be started in '{repositoryRoot}' ({ex.Message}; is Node.js installed?). Run `npm ci` in the repository root, or set {AnvilLocator.PathEnvironmentVariable}.",
                ex);
        }

        // npm states the cause first and may then print usage text: keep its first error lines as well as the tail.
        var standardOutput = new OutputTail(20);
        var standardErrorHead = new List<string>();
        var standardError = new OutputTail(10);
        Task pumps = Task.WhenAll(
            OutputTail.PumpAsync(process.StandardOutput, standardOutput),
            OutputTail.PumpAsync(process.StandardError, standardError, line =>
            {
                if (standardErrorHead.Count < ErrorHeadLines && line.Contains("err", StringComparison.OrdinalIgnoreCase))
                {
                    standardErrorHead.Add(line);
                }
            }));

        try
        {
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        try
        {
            await pumps.WaitAsync(TimeSpan.FromSeconds(5), CancellationToken.None).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // Report what arrived so far.
        }

        if (process.ExitCode != 0)
        {
            throw new DevnetException(
                $"`npm ci` in '{repositoryRoot}' failed with exit code {process.ExitCode}; fix it and run `npm ci` in the repository root yourself, or set {AnvilLocator.PathEnvironmentVariable}."
                + (standardErrorHead.Count == 0 ? "" : $"{Environment.NewLine}First error lines of npm:{Environment.NewLine}  {string.Join(Environment.NewLine + "  ", standardErrorHead)}")
                + $"{Environment.NewLine}{standardError.Format("npm's standard error")}");
        }
    }
}
