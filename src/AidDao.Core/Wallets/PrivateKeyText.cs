using NBitcoin.Secp256k1;
using Nethereum.Signer;

namespace AidDao.Core.Wallets;

/// <summary>
/// Checks private keys given as text (64 hex digits, 0x optional) and derives their addresses. Error messages say what
/// is wrong with the text but never repeat it.
/// </summary>
public static class PrivateKeyText
{
    /// <summary>
    /// The key in <paramref name="text"/> as 64 lowercase hex digits without 0x; otherwise an
    /// <see cref="AidDaoInputException"/> whose message starts with <paramref name="what"/> (e.g. "The file key.txt").
    /// </summary>
    public static string Parse(string? text, string what)
    {
        var trimmed = (text ?? "").Trim();
        var hex = trimmed.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? trimmed[2..] : trimmed;
        if (hex.Length != 64 || !hex.All(Uri.IsHexDigit))
            throw new AidDaoInputException($"{what} is not a private key (64 hex digits); it was not used.");
        var bytes = Convert.FromHexString(hex);
        var valid = ECPrivKey.TryCreate(bytes, out var key);
        key?.Dispose();
        Array.Clear(bytes);
        if (!valid)
            throw new AidDaoInputException($"{what} is not a valid secp256k1 private key (it is zero or too large); it was not used.");
        return hex.ToLowerInvariant();
    }

    /// <summary>The address of a private key given as 64 hex digits (0x optional).</summary>
    public static EthAddress AddressOf(string privateKey) => EthAddress.FromChain(new EthECKey(privateKey).GetPublicAddress());
}
