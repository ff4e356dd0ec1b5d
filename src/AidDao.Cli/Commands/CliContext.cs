using System.CommandLine;

namespace AidDao.Cli.Commands;

/// <summary>What one command invocation works with: its parsed arguments and the writers it prints to.</summary>
internal sealed class CliContext(ParseResult parseResult)
{
    /// <summary>The parsed command line.</summary>
    public ParseResult ParseResult { get; } = parseResult;

    /// <summary>Standard output (results).</summary>
    public TextWriter Out => ParseResult.InvocationConfiguration.Output;

    /// <summary>Standard error (errors and progress).</summary>
    public TextWriter Error => ParseResult.InvocationConfiguration.Error;

    /// <summary>The value of <paramref name="option"/>.</summary>
    public T Get<T>(Option<T> option) => ParseResult.GetValue(option)!;

    /// <summary>The value of <paramref name="argument"/>.</summary>
    public T Get<T>(Argument<T> argument) => ParseResult.GetValue(argument)!;
}
