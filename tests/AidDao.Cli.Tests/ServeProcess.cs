using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using AidDao.Cli.Commands;
using AidDao.TestUtils;

namespace AidDao.Cli.Tests;

/// <summary>A real <c>aiddao serve</c> process: started, waited for until it says it is ready, its output kept.</summary>
internal sealed class ServeProcess : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private ServeProcess(Process process) => _process = process;

    /// <summary>The operating system's id of the process.</summary>
    public int Id => _process.Id;

    /// <summary>Everything it printed so far, standard output and error interleaved.</summary>
    public IReadOnlyCollection<string> Output => _output;

    /// <summary>The dashboard's address it printed.</summary>
    public Uri Url { get; private set; } = null!;

    /// <summary>Whether it has ended.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>Its exit code, once ended.</summary>
    public int ExitCode => _process.ExitCode;

    /// <summary>Starts <c>aiddao serve</c> with <paramref name="args"/> (after "serve") and waits for its ready line.</summary>
    public static async Task<ServeProcess> StartAsync(IReadOnlyList<string> args, TimeSpan patience, CancellationToken ct)
    {
        var serve = new ServeProcess(CliProcess.Start(["serve", .. args]));
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        serve._process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            serve._output.Enqueue(e.Data);
            if (e.Data == UpCommand.ReadyLine) ready.TrySetResult();
        };
        serve._process.ErrorDataReceived += (_, e) => { if (e.Data is not null) serve._output.Enqueue(e.Data); };
        serve._process.Exited += (_, _) => ready.TrySetException(new InvalidOperationException("aiddao serve ended before it was ready."));
        serve._process.EnableRaisingEvents = true;
        serve._process.BeginOutputReadLine();
        serve._process.BeginErrorReadLine();
        try
        {
            await ready.Task.WaitAsync(patience, ct);
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException)
        {
            serve.Dispose();
            throw new InvalidOperationException($"aiddao serve did not get ready: {string.Join(Environment.NewLine, serve._output)}", e);
        }
        serve.Url = new Uri(serve._output.Single(l => l.StartsWith("Dashboard ", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]);
        return serve;
    }

    /// <summary>Sends Ctrl-C (SIGINT), as an operator would.</summary>
    public async Task InterruptAsync(CancellationToken ct)
    {
        using var interrupt = Process.Start("kill", ["-INT", _process.Id.ToString(CultureInfo.InvariantCulture)]);
        await interrupt.WaitForExitAsync(ct);
    }

    /// <summary>Ends it at once (SIGKILL): no shutdown, no lease released, as when a server dies.</summary>
    public async Task KillAsync(CancellationToken ct)
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync(ct);
    }

    /// <summary>Waits for it to end.</summary>
    public Task WaitForExitAsync(TimeSpan patience, CancellationToken ct) => _process.WaitForExitAsync(ct).WaitAsync(patience, ct);

    /// <summary>Kills it if still running.</summary>
    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.Dispose();
    }
}
