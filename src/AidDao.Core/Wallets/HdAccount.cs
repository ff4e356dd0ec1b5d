namespace AidDao.Core.Wallets;

/// <summary>
/// One account derived from a mnemonic at <c>m/44'/60'/0'/0/index</c>. <see cref="ToString"/> shows the address only:
/// the private key is for signing and keystores, never for printing.
/// </summary>
/// <param name="Index">The BIP44 address index.</param>
/// <param name="Address">The account's address.</param>
/// <param name="PrivateKey">The private key as 64 hex digits (no 0x).</param>
public sealed record HdAccount(int Index, EthAddress Address, string PrivateKey)
{
    /// <summary>The derivation path of this account.</summary>
    public string Path => $"{HdWallet.EthereumAccountPath}/{Index}";

    /// <inheritdoc />
    public override string ToString() => $"#{Index} {Address} ({Path})";
}
