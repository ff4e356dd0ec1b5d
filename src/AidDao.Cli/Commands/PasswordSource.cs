using System.Globalization;
using AidDao.Core;

namespace AidDao.Cli.Commands;

/// <summary>
/// Where wallet passwords come from: the environment variable that <c>--password-env</c> names (default
/// <see cref="DefaultVariable"/>), else a no-echo prompt when standard input is a terminal. Never from arguments, never
/// printed. With neither, the command stops with one line (exit code 2).
/// </summary>
internal static class PasswordSource
{
    /// <summary>The default password variable.</summary>
    public const string DefaultVariable = "AIDDAO_WALLET_PASSWORD";

    /// <summary>The shortest password a new keystore accepts.</summary>
    public const int MinimumLength = 8;

    /// <summary>The password to unlock the wallet called <paramref name="walletLabel"/>.</summary>
    public static string ForUnlock(CliContext context, string variable, string walletLabel, CancellationToken cancellationToken) =>
        FromEnvironment(variable)
        ?? (HiddenPrompt.Available
            ? HiddenPrompt.Read(context.Error, $"Password for wallet '{walletLabel}': ", cancellationToken)
            : throw Missing(variable, $"wallet '{walletLabel}'"));

    /// <summary>A password for new keystores: at least <see cref="MinimumLength"/> characters, typed twice when prompted.</summary>
    public static string ForNewKeystore(CliContext context, string variable, CancellationToken cancellationToken)
    {
        if (FromEnvironment(variable) is { } given) return RequireLength(given, $"The password in {Redaction.Input(variable)}");
        if (!HiddenPrompt.Available) throw Missing(variable, "the new keystore");
        var first = RequireLength(
            HiddenPrompt.Read(context.Error, $"New wallet password (at least {MinimumLength} characters): ", cancellationToken), "The password");
        if (HiddenPrompt.Read(context.Error, "The same password again: ", cancellationToken) != first)
            throw new AidDaoInputException("The two passwords differ; nothing was saved.");
        return first;
    }

    private static string? FromEnvironment(string variable) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value ? value : null;

    private static string RequireLength(string password, string what) =>
        password.Length >= MinimumLength
            ? password
            : throw new AidDaoInputException(string.Create(CultureInfo.InvariantCulture,
                $"{what} is shorter than {MinimumLength} characters; a new keystore needs at least {MinimumLength}."));

    private static AidDaoInputException Missing(string variable, string what) =>
        new($"No password for {what}: set the environment variable {Redaction.Input(variable)}, or run in a terminal to be asked for it.");
}
