namespace AidDao.Core.Wallets;

/// <summary>A keystore in a wallet directory: its name (if it has one), the address it names and where it is. No secrets.</summary>
/// <param name="Name">The name given at <c>wallet new</c> or <c>wallet import</c>; null for a keystore copied in by hand.</param>
/// <param name="Address">The address the keystore names; null when the file names none.</param>
/// <param name="FilePath">The keystore file's full path.</param>
public sealed record WalletEntry(string? Name, EthAddress? Address, string FilePath)
{
    /// <summary>How messages call the wallet: its name, else its file name.</summary>
    public string Label => Name ?? Path.GetFileName(FilePath);
}
