using System.Globalization;
using Nethereum.Signer;

namespace AidDao.Core.SignIn;

/// <summary>Recovers who signed a text with EIP-191 <c>personal_sign</c> (as wallets do for Sign-In with Ethereum).</summary>
internal static class PersonalSign
{
    /// <summary>
    /// The address whose key made <paramref name="signature"/> (65 bytes as 0x-prefixed hex: r, s, v with v one of 0,
    /// 1, 27, 28) over the UTF-8 bytes of <paramref name="message"/>; null when the signature is malformed or no key
    /// can have made it.
    /// </summary>
    public static EthAddress? RecoverSigner(string message, string? signature)
    {
        if (signature is null || signature.Length != 132 || !signature.StartsWith("0x", StringComparison.OrdinalIgnoreCase)) return null;
        if (!signature.Skip(2).All(char.IsAsciiHexDigit)) return null;
        var v = byte.Parse(signature.AsSpan(130), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
        if (v is not (0 or 1 or 27 or 28)) return null;
        try
        {
            var recovered = new EthereumMessageSigner().EncodeUTF8AndEcRecover(message, signature);
            return EthAddress.TryParse(recovered, out var signer) ? signer : null;
        }
        catch (Exception malformed) when (malformed is not OutOfMemoryException)
        {
            return null; // r or s out of range, or no point on the curve: no key made this signature
        }
    }
}
