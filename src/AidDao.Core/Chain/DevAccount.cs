namespace AidDao.Core.Chain;

/// <summary>
/// A funded development account of a <see cref="Devnet"/>: its position in the node's account
/// list, its checksummed address and its private key.
/// </summary>
/// <remarks>
/// The keys of <see cref="AnvilDevAccounts.All"/> are public knowledge. Never send real funds to
/// these addresses, on any chain.
/// </remarks>
/// <param name="Index">Zero-based position in the node's account list (derivation index of the dev mnemonic).</param>
/// <param name="Address">EIP-55 checksummed address, <c>0x</c>-prefixed.</param>
/// <param name="PrivateKey">Hex private key, <c>0x</c>-prefixed.</param>
public sealed record DevAccount(int Index, string Address, string PrivateKey)
{
    /// <summary>Returns the index and address; the private key is left out so it does not end up in logs.</summary>
    /// <returns>For example <c>DevAccount #0 0xf39F…2266</c>.</returns>
    public override string ToString() => $"DevAccount #{Index} {Address}";
}
