using System.CommandLine;
using AidDao.Core;
using AidDao.Core.Wallets;

namespace AidDao.Cli.Commands;

/// <summary>
/// The CLI's way to the wallet directory. A wrong password or an unusable wallet file is the person's input to fix, so
/// it leaves as <see cref="AidDaoInputException"/> (one line, exit code 2).
/// </summary>
internal static class WalletAccess
{
    /// <summary>The store in <c>--wallet-dir</c>, else the default directory.</summary>
    public static WalletStore Store(CliContext context, ChainOptions options) =>
        new(context.Get(options.WalletDirectory) ?? WalletStore.DefaultDirectory());

    /// <summary>The private key of the wallet <paramref name="nameOrPath"/>, unlocked with the password from its variable or a prompt.</summary>
    public static string UnlockKey(CliContext context, ChainOptions options, string nameOrPath, CancellationToken cancellationToken)
    {
        try
        {
            var wallet = Store(context, options).Find(nameOrPath);
            var password = PasswordSource.ForUnlock(context, context.Get(options.PasswordVariable), wallet.Label, cancellationToken);
            return WalletStore.Unlock(wallet, password);
        }
        catch (Exception exception) when (IsWalletError(exception))
        {
            throw AsInputError(exception);
        }
    }

    /// <summary>As <see cref="CommandRunner.SetBody"/>, reporting wallet errors as input errors.</summary>
    public static void SetWalletBody(this Command command, Func<CliContext, CancellationToken, Task<int>> body) =>
        command.SetBody(async (context, cancellationToken) =>
        {
            try
            {
                return await body(context, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (IsWalletError(exception))
            {
                throw AsInputError(exception);
            }
        });

    private static bool IsWalletError(Exception exception) => exception is WalletPasswordException or WalletFileException;

    private static AidDaoInputException AsInputError(Exception exception) => new(exception.Message, exception);
}
