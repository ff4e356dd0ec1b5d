using System.Diagnostics;

namespace AidDao.TestUtils;

/// <summary>Runs the real <c>aiddao</c> (the aiddao.dll next to the test assembly) as a child process, output redirected.</summary>
public static class CliProcess
{
    /// <summary>Starts <c>aiddao</c> with <paramref name="args"/> in the repository root, without AIDDAO_RPC_URL.</summary>
    public static Process Start(params string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepositoryRoot.Path,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "aiddao.dll"));
        foreach (var arg in args) info.ArgumentList.Add(arg);
        info.Environment.Remove("AIDDAO_RPC_URL");
        return Process.Start(info) ?? throw new InvalidOperationException("could not start aiddao");
    }
}
