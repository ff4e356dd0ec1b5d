namespace AidDao.Core.Wallets;

/// <summary>
/// The password does not open a keystore (its MAC does not match). The message names the wallet and never repeats the
/// password: "The password for wallet 'alice' is wrong."
/// </summary>
public sealed class WalletPasswordException : AidDaoException
{
    private WalletPasswordException(string message, string walletName, Exception? innerException)
        : base(message, innerException) => WalletName = walletName;

    /// <summary>Creates the exception with a generic message.</summary>
    public WalletPasswordException() : this("The wallet password is wrong.", "", null) { }

    /// <summary>Creates the exception with a user-facing message.</summary>
    public WalletPasswordException(string message) : this(message, "", null) { }

    /// <summary>Creates the exception with a user-facing message and cause.</summary>
    public WalletPasswordException(string message, Exception? innerException) : this(message, "", innerException) { }

    /// <summary>The exception for the wallet called <paramref name="walletName"/>.</summary>
    public static WalletPasswordException ForWallet(string walletName, Exception? innerException = null) =>
        new($"The password for wallet '{walletName}' is wrong.", walletName, innerException);

    /// <summary>The wallet's name, or its file name when it has none; empty when not known.</summary>
    public string WalletName { get; }
}
