using System.Text.Json;
using Nethereum.KeyStore.Crypto;

namespace AidDao.Core.Wallets;

/// <summary>PBKDF2 with HMAC-SHA256, which some tools write; AidDao reads it but writes <see cref="ScryptKdf"/>.</summary>
public sealed class Pbkdf2Kdf : KeystoreKdf
{
    /// <summary>The <c>kdf</c> value.</summary>
    public const string KdfName = "pbkdf2";

    /// <summary>The only pseudo-random function the format defines.</summary>
    public const string Prf = "hmac-sha256";

    private Pbkdf2Kdf(int iterations, int derivedKeyLength, ReadOnlySpan<byte> salt) : base(derivedKeyLength, salt) => Iterations = iterations;

    /// <inheritdoc />
    public override string Name => KdfName;

    /// <summary>Iteration count (<c>c</c>).</summary>
    public int Iterations { get; }

    internal override byte[] Decrypt(KeyStoreCrypto crypto, string password, byte[] mac, byte[] iv, byte[] cipherText) =>
        crypto.DecryptPbkdf2Sha256(password, mac, iv, cipherText, Iterations, SaltBytes(), DerivedKeyLength);

    internal override void WriteParameters(Utf8JsonWriter writer)
    {
        writer.WriteNumber("c", Iterations);
        writer.WriteNumber("dklen", DerivedKeyLength);
        writer.WriteString("prf", Prf);
        writer.WriteString("salt", Convert.ToHexStringLower(Salt.Span));
    }

    internal static Pbkdf2Kdf Read(JsonElement parameters, int derivedKeyLength, byte[] salt, string source)
    {
        var iterations = KeystoreJson.Integer(parameters, "c", 1, 100_000_000, source);
        var prf = KeystoreJson.String(parameters, "prf", source);
        if (!string.Equals(prf, Prf, StringComparison.OrdinalIgnoreCase))
            throw WalletFileException.For(source, $"its pbkdf2 function '{prf}' is not supported (only {Prf})");
        return new Pbkdf2Kdf(iterations, derivedKeyLength, salt);
    }
}
