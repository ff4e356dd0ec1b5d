namespace AidDao.Core.Wallets;

/// <summary>
/// A wallet file (a keystore or the wallet directory's <c>names.json</c>) cannot be read, is corrupt or uses a format
/// AidDao does not support. The message is one line that names the file and says what is wrong, never what it holds.
/// </summary>
public sealed class WalletFileException : AidDaoException
{
    private WalletFileException(string message, string filePath, Exception? innerException)
        : base(message, innerException) => FilePath = filePath;

    /// <summary>Creates the exception with a generic message.</summary>
    public WalletFileException() : this("A wallet file cannot be used.", "", null) { }

    /// <summary>Creates the exception with a user-facing message.</summary>
    public WalletFileException(string message) : this(message, "", null) { }

    /// <summary>Creates the exception with a user-facing message and cause.</summary>
    public WalletFileException(string message, Exception? innerException) : this(message, "", innerException) { }

    /// <summary>The exception for <paramref name="filePath"/>, saying in a phrase why it cannot be used.</summary>
    public static WalletFileException For(string filePath, string reason, Exception? innerException = null) =>
        new($"The wallet file {filePath} cannot be used: {reason}.", filePath, innerException);

    /// <summary>The file, as it was given; empty when not known.</summary>
    public string FilePath { get; }
}
