using System.CommandLine;
using System.Globalization;
using AidDao.Core;
using AidDao.Core.Wallets;

namespace AidDao.Cli.Commands;

/// <summary>
/// <c>aiddao wallet new</c>: a fresh BIP39 mnemonic whose first accounts become keystores. The mnemonic is never printed:
/// it goes to the new file <c>--mnemonic-out</c> names (mode 0600), or, with <c>--no-backup</c>, nowhere.
/// </summary>
internal static class WalletNewCommand
{
    private const int MaximumAccounts = 20;

    /// <summary>Builds the command.</summary>
    public static Command Create(ChainOptions chain)
    {
        var name = new Option<string?>("--name") { Description = "Wallet name (default: wallet-N). With --accounts K > 1, the accounts are NAME-0 to NAME-(K-1)." };
        var words = new Option<int>("--words") { Description = "Mnemonic length: 12 or 24 words.", DefaultValueFactory = _ => 12 };
        var accounts = new Option<int>("--accounts") { Description = $"How many accounts (m/44'/60'/0'/0/0 onwards) to save as keystores, 1 to {MaximumAccounts}.", DefaultValueFactory = _ => 1 };
        var mnemonicOut = new Option<string?>("--mnemonic-out") { Description = "New file (mode 0600) to write the recovery words to; it is never overwritten. Keep it offline." };
        var noBackup = new Option<bool>("--no-backup") { Description = "Keep no recovery words: the keystore and its password are then the only way to the accounts." };
        var command = new Command("new", "Create a wallet from a fresh mnemonic; the words go to --mnemonic-out, never to the screen.")
            { name, words, accounts, mnemonicOut, noBackup };
        command.SetWalletBody(async (c, ct) =>
        {
            var backup = BackupPath(c.Get(mnemonicOut), c.Get(noBackup));
            var count = c.Get(accounts);
            if (count is < 1 or > MaximumAccounts)
                throw new AidDaoInputException(string.Create(CultureInfo.InvariantCulture, $"--accounts must be 1 to {MaximumAccounts}, not {count}."));
            if (c.Get(words) is not (12 or 24)) throw new AidDaoInputException($"--words must be 12 or 24, not {c.Get(words)}.");

            var store = WalletAccess.Store(c, chain);
            var baseName = c.Get(name) ?? store.FreeName("wallet");
            var names = count == 1 ? [baseName] : Enumerable.Range(0, count).Select(i => string.Create(CultureInfo.InvariantCulture, $"{baseName}-{i}")).ToArray();
            foreach (var each in names) store.RequireFreeName(each);
            var password = PasswordSource.ForNewKeystore(c, c.Get(chain.PasswordVariable), ct);

            var wallet = HdWallet.Generate(c.Get(words));
            if (backup is not null) PrivateFile.Create(backup, wallet.RevealMnemonic() + "\n");
            for (var i = 0; i < count; i++)
            {
                var account = wallet.DeriveAccount(i);
                var saved = store.Add(names[i], account.PrivateKey, password);
                await c.Out.WriteLineAsync(WalletCommand.Saved("Created", saved, account.Path)).ConfigureAwait(false);
            }
            await c.Out.WriteLineAsync(backup is null
                ? "No recovery words were kept (--no-backup): the keystore file and its password are the only way to these accounts."
                : $"Recovery words ({wallet.WordCount}) written to {Path.GetFullPath(backup)}: keep them offline; anyone who reads them controls these accounts.").ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>The mnemonic file to create, or null for --no-backup; exactly one of the two must be given.</summary>
    private static string? BackupPath(string? path, bool noBackup)
    {
        if (path is not null && noBackup) throw new AidDaoInputException("Give --mnemonic-out PATH or --no-backup, not both.");
        if (path is null && !noBackup)
            throw new AidDaoInputException("A new wallet needs a backup of its recovery words: give --mnemonic-out PATH (a new file), or --no-backup to keep only the keystore.");
        if (path is null) return null;
        if (File.Exists(path) || Directory.Exists(path))
            throw new AidDaoInputException($"{path} already exists; AidDao never overwrites it: choose another --mnemonic-out path.");
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is null || !Directory.Exists(directory))
            throw new AidDaoInputException($"The folder of --mnemonic-out {path} does not exist; create it first.");
        return path;
    }
}
