using System.Text;
using Nethereum.Util;

namespace AidDao.Core.Pools;

/// <summary>
/// The on-chain fingerprint of a request's private details: keccak-256 of the text as UTF-8. Only the hash is sent;
/// the stewards compare it with the details they receive privately.
/// </summary>
public static class DetailsHash
{
    /// <summary>The 32-byte hash of <paramref name="details"/>.</summary>
    public static byte[] Of(string details)
    {
        ArgumentNullException.ThrowIfNull(details);
        if (string.IsNullOrWhiteSpace(details)) throw new AidDaoInputException("A request needs details (they stay off-chain; only their hash is sent).");
        return Sha3Keccack.Current.CalculateHash(Encoding.UTF8.GetBytes(details));
    }

    /// <summary>The 32-byte hash of a file's bytes.</summary>
    public static byte[] OfBytes(ReadOnlySpan<byte> details)
    {
        if (details.IsEmpty) throw new AidDaoInputException("The details file is empty.");
        return Sha3Keccack.Current.CalculateHash(details.ToArray());
    }
}
