using System.Globalization;
using System.Text;
using System.Text.Json;
using Nethereum.KeyStore;
using Nethereum.KeyStore.Crypto;
using Nethereum.KeyStore.Model;

namespace AidDao.Core.Wallets;

/// <summary>
/// One private key encrypted under a password, in the Web3 Secret Storage format version 3 that geth, Clef, ethers and
/// MetaMask's import read: aes-128-ctr, a keccak-256 MAC, and scrypt with geth's standard parameters when AidDao writes
/// it. The JSON has exactly geth's fields (<c>address</c> as 40 lowercase hex digits without 0x, <c>crypto</c>,
/// <c>id</c>, <c>version</c>); nothing in this type exposes the key except <see cref="Decrypt"/>.
/// </summary>
/// <remarks>Encryption and decryption run Nethereum.KeyStore's crypto; reading and writing the JSON is done here.</remarks>
public sealed class KeystoreFile
{
    /// <summary>The format version AidDao reads and writes.</summary>
    public const int FormatVersion = 3;

    /// <summary>The only cipher the format requires and AidDao supports.</summary>
    public const string Cipher = "aes-128-ctr";

    private const int KeyLength = 32;
    private const int IvLength = 16;
    private const int MacLength = 32;
    private const int MaximumFileLength = 64 * 1024;

    private readonly string _source;
    private readonly byte[] _iv;
    private readonly byte[] _cipherText;
    private readonly byte[] _mac;

    private KeystoreFile(string source, EthAddress? address, string id, KeystoreKdf kdf, byte[] iv, byte[] cipherText, byte[] mac)
    {
        _source = source;
        Address = address;
        Id = id;
        Kdf = kdf;
        _iv = iv;
        _cipherText = cipherText;
        _mac = mac;
    }

    /// <summary>The address the file names; null when it names none (the format makes it optional).</summary>
    public EthAddress? Address { get; }

    /// <summary>The file's UUID.</summary>
    public string Id { get; }

    /// <summary>How the encryption key is derived from the password.</summary>
    public KeystoreKdf Kdf { get; }

    /// <summary>Encrypts <paramref name="privateKey"/> (64 hex digits, 0x optional) under <paramref name="password"/> with geth's scrypt parameters.</summary>
    public static KeystoreFile Encrypt(string privateKey, string password) => Encrypt(privateKey, password, ScryptKdf.GethN);

    /// <summary>As <see cref="Encrypt(string, string)"/> with scrypt cost <paramref name="scryptN"/>: for tests that are not about the cost.</summary>
    internal static KeystoreFile Encrypt(string privateKey, string password, int scryptN)
    {
        ArgumentNullException.ThrowIfNull(password);
        var hex = PrivateKeyText.Parse(privateKey, "The key to encrypt");
        var address = PrivateKeyText.AddressOf(hex);
        var key = Convert.FromHexString(hex);
        try
        {
            var parameters = new ScryptParams { N = scryptN, R = ScryptKdf.GethR, P = ScryptKdf.GethP, Dklen = KeystoreKdf.MinimumDerivedKeyLength };
            var store = new KeyStoreScryptService().EncryptAndGenerateKeyStore(password, key, Lower(address), parameters);
            var kdf = new ScryptKdf(scryptN, ScryptKdf.GethR, ScryptKdf.GethP, parameters.Dklen, Convert.FromHexString(store.Crypto.Kdfparams.Salt));
            return new KeystoreFile("(new keystore)", address, store.Id, kdf, Convert.FromHexString(store.Crypto.CipherParams.Iv),
                Convert.FromHexString(store.Crypto.CipherText), Convert.FromHexString(store.Crypto.Mac));
        }
        finally
        {
            Array.Clear(key);
        }
    }

    /// <summary>Reads the keystore at <paramref name="path"/>; a missing, unreadable or malformed file gives a <see cref="WalletFileException"/>.</summary>
    public static KeystoreFile Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string json;
        try
        {
            if (new FileInfo(path).Length > MaximumFileLength) throw WalletFileException.For(path, "it is too large to be a keystore");
            json = File.ReadAllText(path, Encoding.UTF8);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw WalletFileException.For(path, exception is FileNotFoundException ? "it does not exist" : $"it cannot be read ({exception.GetType().Name})", exception);
        }
        return Parse(json, path);
    }

    /// <summary>Reads keystore JSON; <paramref name="source"/> names where it came from in error messages.</summary>
    public static KeystoreFile Parse(string json, string source)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException exception)
        {
            throw WalletFileException.For(source, "it is not JSON", exception);
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw WalletFileException.For(source, "it is not a JSON object");
            var version = KeystoreJson.Integer(root, "version", int.MinValue, int.MaxValue, source);
            if (version != FormatVersion)
                throw WalletFileException.For(source, string.Create(CultureInfo.InvariantCulture, $"it is a version {version} keystore; AidDao reads version {FormatVersion}"));
            var crypto = KeystoreJson.Object(root, "crypto", source);
            var cipher = KeystoreJson.String(crypto, "cipher", source);
            if (!string.Equals(cipher, Cipher, StringComparison.OrdinalIgnoreCase))
                throw WalletFileException.For(source, $"its cipher '{cipher}' is not supported (only {Cipher})");
            var iv = KeystoreJson.Hex(KeystoreJson.Object(crypto, "cipherparams", source), "iv", source, IvLength);
            var cipherText = KeystoreJson.Hex(crypto, "ciphertext", source, KeyLength);
            var mac = KeystoreJson.Hex(crypto, "mac", source, MacLength);
            var kdf = KeystoreKdf.Read(crypto, source);
            return new KeystoreFile(source, ReadAddress(root, source), KeystoreJson.String(root, "id", source), kdf, iv, cipherText, mac);
        }
    }

    /// <summary>
    /// The private key as 64 lowercase hex digits. A wrong password gives <see cref="WalletPasswordException"/> naming
    /// <paramref name="walletName"/>; a key that is not the file's address gives <see cref="WalletFileException"/>.
    /// </summary>
    public string Decrypt(string password, string walletName)
    {
        ArgumentNullException.ThrowIfNull(password);
        byte[] key;
        try
        {
            key = Kdf.Decrypt(new KeyStoreCrypto(), password, _mac, _iv, _cipherText);
        }
        catch (DecryptionException exception)
        {
            throw WalletPasswordException.ForWallet(walletName, exception);
        }
        var hex = Convert.ToHexStringLower(key);
        Array.Clear(key);
        if (Address is { } expected && PrivateKeyText.AddressOf(hex) != expected)
            throw WalletFileException.For(_source, $"it names {expected} but holds the key of another address");
        return hex;
    }

    /// <summary>The JSON as geth writes it: fields in alphabetical order, address in lowercase without 0x.</summary>
    public string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            if (Address is { } address) writer.WriteString("address", Lower(address));
            writer.WriteStartObject("crypto");
            writer.WriteString("cipher", Cipher);
            writer.WriteString("ciphertext", Convert.ToHexStringLower(_cipherText));
            writer.WriteStartObject("cipherparams");
            writer.WriteString("iv", Convert.ToHexStringLower(_iv));
            writer.WriteEndObject();
            writer.WriteString("kdf", Kdf.Name);
            writer.WriteStartObject("kdfparams");
            Kdf.WriteParameters(writer);
            writer.WriteEndObject();
            writer.WriteString("mac", Convert.ToHexStringLower(_mac));
            writer.WriteEndObject();
            writer.WriteString("id", Id);
            writer.WriteNumber("version", FormatVersion);
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <inheritdoc />
    public override string ToString() => $"keystore {Id} ({Address?.Value ?? "no address"}, {Kdf.Name})";

    /// <summary>An address as geth writes it in keystores and file names: 40 lowercase hex digits, no 0x.</summary>
    internal static string Lower(EthAddress address) => address.Value[2..].ToLowerInvariant();

    private static EthAddress? ReadAddress(JsonElement root, string source)
    {
        if (KeystoreJson.Find(root, "address") is not { } element) return null;
        var text = element.ValueKind == JsonValueKind.String ? element.GetString()! : "";
        var prefixed = text.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? text : "0x" + text;
        return EthAddress.TryParse(prefixed, out var address) ? address : throw WalletFileException.For(source, "its 'address' is not an address");
    }
}
