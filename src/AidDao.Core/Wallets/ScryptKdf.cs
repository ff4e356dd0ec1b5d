using System.Globalization;
using System.Text.Json;
using Nethereum.KeyStore.Crypto;

namespace AidDao.Core.Wallets;

/// <summary>
/// scrypt key derivation. AidDao writes geth's standard parameters (<see cref="GethN"/>, <see cref="GethR"/>,
/// <see cref="GethP"/>, 32-byte key, 32-byte salt): about a second and 256 MiB for each derivation, which is what makes a
/// stolen keystore slow to attack.
/// </summary>
public sealed class ScryptKdf : KeystoreKdf
{
    /// <summary>The <c>kdf</c> value.</summary>
    public const string KdfName = "scrypt";

    /// <summary>geth's standard CPU/memory cost N (2^18).</summary>
    public const int GethN = 1 << 18;

    /// <summary>geth's standard block size r.</summary>
    public const int GethR = 8;

    /// <summary>geth's standard parallelism p.</summary>
    public const int GethP = 1;

    /// <summary>The most memory (128·N·r bytes) a keystore may ask for: 1 GiB, four times geth's standard.</summary>
    private const long MaximumMemory = 1L << 30;

    internal ScryptKdf(int n, int r, int p, int derivedKeyLength, ReadOnlySpan<byte> salt) : base(derivedKeyLength, salt)
    {
        N = n;
        R = r;
        P = p;
    }

    /// <inheritdoc />
    public override string Name => KdfName;

    /// <summary>CPU/memory cost (a power of two).</summary>
    public int N { get; }

    /// <summary>Block size.</summary>
    public int R { get; }

    /// <summary>Parallelism.</summary>
    public int P { get; }

    internal override byte[] Decrypt(KeyStoreCrypto crypto, string password, byte[] mac, byte[] iv, byte[] cipherText) =>
        crypto.DecryptScrypt(password, mac, iv, cipherText, N, P, R, SaltBytes(), DerivedKeyLength);

    internal override void WriteParameters(Utf8JsonWriter writer)
    {
        writer.WriteNumber("dklen", DerivedKeyLength);
        writer.WriteNumber("n", N);
        writer.WriteNumber("p", P);
        writer.WriteNumber("r", R);
        writer.WriteString("salt", Convert.ToHexStringLower(Salt.Span));
    }

    internal static ScryptKdf Read(JsonElement parameters, int derivedKeyLength, byte[] salt, string source)
    {
        var n = KeystoreJson.Integer(parameters, "n", 2, 1 << 30, source);
        var r = KeystoreJson.Integer(parameters, "r", 1, 1 << 16, source);
        var p = KeystoreJson.Integer(parameters, "p", 1, 1 << 16, source);
        if ((n & (n - 1)) != 0)
            throw WalletFileException.For(source, string.Create(CultureInfo.InvariantCulture, $"its scrypt 'n' ({n}) is not a power of two"));
        if (128L * n * r > MaximumMemory)
            throw WalletFileException.For(source, string.Create(CultureInfo.InvariantCulture, $"its scrypt parameters (n={n}, r={r}) would need more than 1 GiB of memory"));
        return new ScryptKdf(n, r, p, derivedKeyLength, salt);
    }
}
