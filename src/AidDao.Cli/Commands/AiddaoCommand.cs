using System.CommandLine;

namespace AidDao.Cli.Commands;

/// <summary>The <c>aiddao</c> root command: wires the sub-commands and reports command-line mistakes in one line.</summary>
internal static class AiddaoCommand
{
    /// <summary>Builds the command tree.</summary>
    public static RootCommand Create()
    {
        var chain = new ChainOptions();
        var root = new RootCommand("AidDao: run a mutual-aid community's shared money on an Ethereum-compatible chain.");
        root.Subcommands.Add(UpCommand.Create());
        root.Subcommands.Add(DeployCommand.Create(chain));
        root.Subcommands.Add(CommunityCommand.Create(chain));
        root.Subcommands.Add(PoolCommand.Create(chain));
        root.Subcommands.Add(RoundCommand.Create(chain));
        root.Subcommands.Add(IndexCommand.Create(chain));
        root.Subcommands.Add(ServeCommand.Create(chain));
        root.Subcommands.Add(QueryCommand.Create());
        root.Subcommands.Add(BenchCommand.Create());
        root.Subcommands.Add(WalletCommand.Create(chain));
        return root;
    }

    /// <summary>Parses and runs <paramref name="args"/>; returns the process exit code.</summary>
    public static async Task<int> RunAsync(string[] args, InvocationConfiguration? configuration = null, CancellationToken cancellationToken = default)
    {
        configuration ??= new InvocationConfiguration();
        var parseResult = Create().Parse(args);
        if (parseResult.Errors.Count > 0)
        {
            var command = string.Join(' ', parseResult.CommandResult.Command.Name == "aiddao" ? [] : Path(parseResult.CommandResult));
            await configuration.Error.WriteLineAsync(
                $"error: {MostSpecific(parseResult.Errors).Message} Run 'aiddao {command}{(command.Length > 0 ? " " : "")}--help' for usage.").ConfigureAwait(false);
            return ExitCodes.BadInput;
        }
        return await parseResult.InvokeAsync(configuration, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>An error naming the offending token (e.g. a misspelt command) says more than "command missing".</summary>
    private static System.CommandLine.Parsing.ParseError MostSpecific(IReadOnlyList<System.CommandLine.Parsing.ParseError> errors) =>
        errors.FirstOrDefault(e => e.Message.Contains('\'', StringComparison.Ordinal)) ?? errors[0];

    private static Stack<string> Path(System.CommandLine.Parsing.CommandResult result)
    {
        var names = new Stack<string>();
        for (var current = result; current is not null && current.Parent is not null; current = current.Parent as System.CommandLine.Parsing.CommandResult)
            names.Push(current.Command.Name);
        return names;
    }
}
