using System.Text.Json;
using Nethereum.KeyStore.Crypto;

namespace AidDao.Core.Wallets;

/// <summary>
/// The key-derivation function of a keystore and its parameters: <see cref="ScryptKdf"/> (what AidDao and geth write)
/// or <see cref="Pbkdf2Kdf"/> (read only, for keystores from other tools).
/// </summary>
public abstract class KeystoreKdf
{
    /// <summary>The smallest derived key: 16 bytes of AES-128 key, then 16 bytes for the MAC.</summary>
    public const int MinimumDerivedKeyLength = 32;

    private readonly byte[] _salt;

    private protected KeystoreKdf(int derivedKeyLength, ReadOnlySpan<byte> salt)
    {
        DerivedKeyLength = derivedKeyLength;
        _salt = salt.ToArray();
    }

    /// <summary>The name the file gives it: <c>scrypt</c> or <c>pbkdf2</c>.</summary>
    public abstract string Name { get; }

    /// <summary>Bytes derived from the password (<c>dklen</c>).</summary>
    public int DerivedKeyLength { get; }

    /// <summary>The random salt.</summary>
    public ReadOnlyMemory<byte> Salt => _salt;

    /// <summary>Checks the MAC with the key derived from <paramref name="password"/> and decrypts; a mismatch throws <see cref="DecryptionException"/>.</summary>
    internal abstract byte[] Decrypt(KeyStoreCrypto crypto, string password, byte[] mac, byte[] iv, byte[] cipherText);

    /// <summary>Writes the fields of <c>kdfparams</c> in geth's order (alphabetical).</summary>
    internal abstract void WriteParameters(Utf8JsonWriter writer);

    /// <summary>The salt as a fresh array, for the crypto calls.</summary>
    private protected byte[] SaltBytes() => (byte[])_salt.Clone();

    /// <summary>Reads <c>kdf</c> and <c>kdfparams</c> of a keystore's <c>crypto</c> object.</summary>
    internal static KeystoreKdf Read(JsonElement crypto, string source)
    {
        var name = KeystoreJson.String(crypto, "kdf", source);
        var parameters = KeystoreJson.Object(crypto, "kdfparams", source);
        var length = KeystoreJson.Integer(parameters, "dklen", MinimumDerivedKeyLength, 1024, source);
        var salt = KeystoreJson.Hex(parameters, "salt", source);
        return name.ToLowerInvariant() switch
        {
            ScryptKdf.KdfName => ScryptKdf.Read(parameters, length, salt, source),
            Pbkdf2Kdf.KdfName => Pbkdf2Kdf.Read(parameters, length, salt, source),
            _ => throw WalletFileException.For(source, $"its key derivation '{name}' is not supported (AidDao reads scrypt and pbkdf2)"),
        };
    }
}
