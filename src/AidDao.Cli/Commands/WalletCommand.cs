using System.CommandLine;
using AidDao.Core.Wallets;

namespace AidDao.Cli.Commands;

/// <summary>
/// <c>aiddao wallet new|import|list</c>: keystores (Web3 Secret Storage v3, geth's layout) in the wallet directory.
/// Mnemonics, keys and passwords are never printed and never taken as arguments.
/// </summary>
internal static class WalletCommand
{
    /// <summary>Builds the command group; it shares <c>--wallet-dir</c> and <c>--password-env</c> with the chain commands.</summary>
    public static Command Create(ChainOptions chain)
    {
        var group = new Command("wallet", "Create, import and list encrypted wallets (keystores) that chain commands sign with via --wallet NAME.");
        group.Options.Add(chain.WalletDirectory);
        group.Options.Add(chain.PasswordVariable);
        group.Subcommands.Add(WalletNewCommand.Create(chain));
        group.Subcommands.Add(WalletImportCommand.Create(chain));

        var list = new Command("list", "Show each wallet's name, address and keystore file (no secrets).");
        list.SetWalletBody(async (c, ct) =>
        {
            var store = WalletAccess.Store(c, chain);
            var problems = new List<WalletFileException>();
            var wallets = store.List(problems.Add);
            foreach (var problem in problems) await c.Error.WriteLineAsync($"warning: {problem.Message}").ConfigureAwait(false);
            if (wallets.Count == 0)
            {
                await c.Out.WriteLineAsync($"No wallets in {store.Directory} yet: create one with 'aiddao wallet new' or 'aiddao wallet import'.").ConfigureAwait(false);
                return ExitCodes.Ok;
            }
            var width = Math.Max("NAME".Length, wallets.Max(w => (w.Name ?? Unnamed).Length));
            await c.Out.WriteLineAsync($"{"NAME".PadRight(width)}  {"ADDRESS",-42}  FILE").ConfigureAwait(false);
            foreach (var wallet in wallets)
            {
                var address = wallet.Address?.Value ?? "(not stated in the file)";
                await c.Out.WriteLineAsync($"{(wallet.Name ?? Unnamed).PadRight(width)}  {address,-42}  {wallet.FilePath}").ConfigureAwait(false);
            }
            return ExitCodes.Ok;
        });
        group.Subcommands.Add(list);
        return group;
    }

    /// <summary>One line about a keystore just written, e.g. "Imported wallet 'alice': 0x… (m/44'/60'/0'/0/0), keystore /…".</summary>
    internal static string Saved(string verb, WalletEntry wallet, string? derivationPath) =>
        $"{verb} wallet '{wallet.Label}': {wallet.Address}{(derivationPath is null ? "" : $" ({derivationPath})")}, keystore {wallet.FilePath}";

    private const string Unnamed = "(no name)";
}
