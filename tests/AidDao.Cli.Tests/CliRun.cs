using Xunit;
using System.CommandLine;
using AidDao.Cli.Commands;

namespace AidDao.Cli.Tests;

/// <summary>The outcome of one in-process <c>aiddao</c> invocation.</summary>
internal sealed record CliRun(int ExitCode, string Out, string Error)
{
    /// <summary>Runs <c>aiddao</c> with <paramref name="args"/> in this process, capturing its output.</summary>
    public static async Task<CliRun> InvokeAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await AiddaoCommand.RunAsync(args, new InvocationConfiguration { Output = output, Error = error }, TestContext.Current.CancellationToken);
        return new CliRun(code, output.ToString(), error.ToString());
    }

    /// <summary>The error output, which must be one line.</summary>
    public string ErrorLine
    {
        get
        {
            var lines = Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.True(lines.Length == 1, $"expected one error line, got:\n{Error}");
            Assert.DoesNotContain("   at ", Error, StringComparison.Ordinal);
            return lines[0];
        }
    }
}
