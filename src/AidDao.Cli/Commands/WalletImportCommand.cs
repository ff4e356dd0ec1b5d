using System.CommandLine;
using AidDao.Core;
using AidDao.Core.Wallets;

namespace AidDao.Cli.Commands;

/// <summary>
/// <c>aiddao wallet import</c>: saves one account as a keystore, from a mnemonic (standard input or
/// <c>--mnemonic-file</c>) or a raw key (<c>--private-key-file</c>). Secrets are never taken as arguments.
/// </summary>
internal static class WalletImportCommand
{
    /// <summary>The most a mnemonic or key file may hold; more means a wrong file.</summary>
    private const int MaximumSecretLength = 4096;

    /// <summary>Builds the command.</summary>
    public static Command Create(ChainOptions chain)
    {
        var name = new Option<string>("--name") { Description = "Name for the wallet.", Required = true };
        var index = new Option<int?>("--account-index") { Description = "Account m/44'/60'/0'/0/I of the mnemonic to import (default 0)." };
        var mnemonicFile = new Option<string?>("--mnemonic-file") { Description = "File holding the mnemonic (default: read it from standard input)." };
        var keyFile = new Option<string?>("--private-key-file") { Description = "File holding a raw private key (64 hex digits) to import instead of a mnemonic." };
        var command = new Command("import", "Import an account from a mnemonic (standard input or --mnemonic-file) or a private key file.")
            { name, index, mnemonicFile, keyFile };
        command.SetWalletBody(async (c, ct) =>
        {
            var store = WalletAccess.Store(c, chain);
            store.RequireFreeName(c.Get(name));
            if (c.Get(mnemonicFile) is not null && c.Get(keyFile) is not null)
                throw new AidDaoInputException("Give --mnemonic-file or --private-key-file, not both.");
            if (c.Get(keyFile) is not null && c.Get(index) is not null)
                throw new AidDaoInputException("--account-index applies to mnemonics; a private key file holds one account.");
            if (c.Get(index) is < 0) throw new AidDaoInputException($"--account-index must be 0 or more, not {c.Get(index)}.");

            string key;
            string? derivationPath = null;
            if (c.Get(keyFile) is { } keyPath)
            {
                key = PrivateKeyText.Parse(ReadSecretFile(keyPath, "--private-key-file"), $"The file {keyPath}");
            }
            else
            {
                var account = HdWallet.FromMnemonic(ReadMnemonic(c, c.Get(mnemonicFile), ct)).DeriveAccount(c.Get(index) ?? 0);
                key = account.PrivateKey;
                derivationPath = account.Path;
            }
            var password = PasswordSource.ForNewKeystore(c, c.Get(chain.PasswordVariable), ct);
            var saved = store.Add(c.Get(name), key, password);
            await c.Out.WriteLineAsync(WalletCommand.Saved("Imported", saved, derivationPath)).ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static string ReadMnemonic(CliContext context, string? path, CancellationToken cancellationToken)
    {
        if (path is not null) return ReadSecretFile(path, "--mnemonic-file");
        var words = HiddenPrompt.Available
            ? HiddenPrompt.Read(context.Error, "Mnemonic (the words are not shown): ", cancellationToken)
            : Console.In.ReadToEnd();
        if (string.IsNullOrWhiteSpace(words))
            throw new AidDaoInputException("No mnemonic: pipe it to standard input, or give --mnemonic-file PATH (or --private-key-file PATH).");
        return words;
    }

    private static string ReadSecretFile(string path, string option)
    {
        try
        {
            if (new FileInfo(path).Length > MaximumSecretLength)
                throw new AidDaoInputException($"The {option} {path} is too large to hold a mnemonic or key; check the path.");
            return File.ReadAllText(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new AidDaoInputException(
                exception is FileNotFoundException ? $"The {option} {path} does not exist." : $"The {option} {path} cannot be read ({exception.GetType().Name}).", exception);
        }
    }
}
