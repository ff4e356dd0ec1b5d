using System.Text.Json;
using System.Text.Json.Nodes;
using AidDao.Core.Chain;
using AidDao.Core.Wallets;
using Xunit;

namespace AidDao.Core.Tests.Wallets;

/// <summary>Web3 Secret Storage v3: the specification's test vectors, geth's parameters and field set, and every way a file can be unusable.</summary>
public class KeystoreFileTests
{
    /// <summary>A low scrypt cost for tests that are not about the cost (geth's takes about a second).</summary>
    internal const int FastScryptN = 1 << 10;

    private const string SpecPassword = "testpassword";
    private const string SpecPrivateKey = "7a28b5ba57c53603b0b07b56bba752f7784bf506fa95edc395f5cf6c7514fe9d";

    /// <summary>The scrypt test vector of the Web3 Secret Storage Definition (it names no address).</summary>
    private const string SpecScryptVector = """
        {
          "crypto": {
            "cipher": "aes-128-ctr",
            "cipherparams": { "iv": "83dbcc02d8ccb40e466191a123791e0e" },
            "ciphertext": "d172bf743a674da9cdad04534d56926ef8358534d458fffccd4e6ad2fbde479c",
            "kdf": "scrypt",
            "kdfparams": { "dklen": 32, "n": 262144, "p": 8, "r": 1, "salt": "ab0c7876052600dd703518d6fc3fe8984592145b591fc8fb5c6d43190334ba19" },
            "mac": "2103ac29920d71da29f15d75b4a16dbe95cfd7ff8faea1056c33131d846e3097"
          },
          "id": "3198bc9c-6672-5ab3-d995-4942343ae5b6",
          "version": 3
        }
        """;

    /// <summary>The PBKDF2 test vector of the same definition.</summary>
    private const string SpecPbkdf2Vector = """
        {
          "crypto": {
            "cipher": "aes-128-ctr",
            "cipherparams": { "iv": "6087dab2f9fdbbfaddc31a909735c1e6" },
            "ciphertext": "5318b4d5bcd28de64ee5559e671353e16f075ecae9f99c7a79a38af5f869aa46",
            "kdf": "pbkdf2",
            "kdfparams": { "c": 262144, "dklen": 32, "prf": "hmac-sha256", "salt": "ae3cd4e7013836a3df6bd7241b12db061dbe2c6785853cce422d148a624ce0bd" },
            "mac": "517ead924a9d0dc3124507e3393d175ce3ff7c1e96529c6c555ce9e51205e9b2"
          },
          "id": "3198bc9c-6672-5ab3-d995-4942343ae5b6",
          "version": 3
        }
        """;

    private static DevAccount Anvil0 => AnvilDevAccounts.All[0];

    [Fact]
    public void Decrypt_SpecScryptVector_GivesTheSpecKey()
    {
        var keystore = KeystoreFile.Parse(SpecScryptVector, "spec-scrypt.json");

        Assert.Null(keystore.Address);
        var kdf = Assert.IsType<ScryptKdf>(keystore.Kdf);
        Assert.Equal((262144, 1, 8), (kdf.N, kdf.R, kdf.P));
        Assert.Equal(SpecPrivateKey, keystore.Decrypt(SpecPassword, "spec"));
    }

    [Fact]
    public void Decrypt_SpecPbkdf2Vector_GivesTheSpecKey()
    {
        var keystore = KeystoreFile.Parse(SpecPbkdf2Vector, "spec-pbkdf2.json");

        Assert.Equal(262144, Assert.IsType<Pbkdf2Kdf>(keystore.Kdf).Iterations);
        Assert.Equal(SpecPrivateKey, keystore.Decrypt(SpecPassword, "spec"));
    }

    [Fact]
    public void ToJson_NewKeystore_HasExactlyGethFieldsAndScryptParameters()
    {
        var json = JsonNode.Parse(KeystoreFile.Encrypt(Anvil0.PrivateKey, "correct horse").ToJson())!.AsObject();

        Assert.Equal(["address", "crypto", "id", "version"], json.Select(p => p.Key));
        Assert.Equal("f39fd6e51aad88f6f4ce6ab8827279cfffb92266", (string)json["address"]!);
        Assert.True(Guid.TryParse((string)json["id"]!, out _), "id is a UUID");
        Assert.Equal(3, (int)json["version"]!);
        var crypto = json["crypto"]!.AsObject();
        Assert.Equal(["cipher", "ciphertext", "cipherparams", "kdf", "kdfparams", "mac"], crypto.Select(p => p.Key));
        Assert.Equal("aes-128-ctr", (string)crypto["cipher"]!);
        Assert.Equal("scrypt", (string)crypto["kdf"]!);
        Assert.Equal(32, HexBytes(crypto["ciphertext"]));
        Assert.Equal(32, HexBytes(crypto["mac"]));
        Assert.Equal(["iv"], crypto["cipherparams"]!.AsObject().Select(p => p.Key));
        Assert.Equal(16, HexBytes(crypto["cipherparams"]!["iv"]));
        var kdf = crypto["kdfparams"]!.AsObject();
        Assert.Equal(["dklen", "n", "p", "r", "salt"], kdf.Select(p => p.Key));
        Assert.Equal((32, 262144, 1, 8), ((int)kdf["dklen"]!, (int)kdf["n"]!, (int)kdf["p"]!, (int)kdf["r"]!));
        Assert.Equal(32, HexBytes(kdf["salt"]));
    }

    [Fact]
    public void Decrypt_AfterToJsonAndParse_GivesTheSameKeyAndAddress()
    {
        var written = KeystoreFile.Encrypt(Anvil0.PrivateKey, "correct horse", FastScryptN);

        var read = KeystoreFile.Parse(written.ToJson(), "round-trip.json");

        Assert.Equal(EthAddress.Parse(Anvil0.Address), read.Address);
        Assert.Equal(written.Id, read.Id);
        Assert.Equal(Anvil0.PrivateKey[2..], read.Decrypt("correct horse", "alice"));
    }

    [Fact]
    public void Encrypt_SameKeyTwice_UsesFreshSaltIvAndId()
    {
        var first = JsonNode.Parse(KeystoreFile.Encrypt(Anvil0.PrivateKey, "correct horse", FastScryptN).ToJson())!;
        var second = JsonNode.Parse(KeystoreFile.Encrypt(Anvil0.PrivateKey, "correct horse", FastScryptN).ToJson())!;

        Assert.NotEqual((string)first["crypto"]!["kdfparams"]!["salt"]!, (string)second["crypto"]!["kdfparams"]!["salt"]!);
        Assert.NotEqual((string)first["crypto"]!["cipherparams"]!["iv"]!, (string)second["crypto"]!["cipherparams"]!["iv"]!);
        Assert.NotEqual((string)first["id"]!, (string)second["id"]!);
    }

    [Fact]
    public void Decrypt_WrongPassword_ThrowsWalletPasswordExceptionNamingTheWallet()
    {
        var keystore = KeystoreFile.Encrypt(Anvil0.PrivateKey, "correct horse", FastScryptN);

        var error = Assert.Throws<WalletPasswordException>(() => keystore.Decrypt("correct horsf", "alice"));

        Assert.Equal("The password for wallet 'alice' is wrong.", error.Message);
        Assert.Equal("alice", error.WalletName);
    }

    [Fact]
    public void Decrypt_AddressOfAnotherAccount_ThrowsWalletFileException()
    {
        var json = JsonNode.Parse(KeystoreFile.Encrypt(Anvil0.PrivateKey, "correct horse", FastScryptN).ToJson())!;
        json["address"] = AnvilDevAccounts.All[1].Address[2..].ToLowerInvariant();
        var keystore = KeystoreFile.Parse(json.ToJsonString(), "swapped.json");

        var error = Assert.Throws<WalletFileException>(() => keystore.Decrypt("correct horse", "alice"));

        Assert.Equal($"The wallet file swapped.json cannot be used: it names {AnvilDevAccounts.All[1].Address} but holds the key of another address.", error.Message);
    }

    public static TheoryData<string, string> Corruptions() => new()
    {
        { "not json", "it is not JSON" },
        { "[1, 2]", "it is not a JSON object" },
        { """{"version": 1, "crypto": {}}""", "it is a version 1 keystore; AidDao reads version 3" },
        { Mutate(c => c.AsObject().Remove("crypto")), "it has no 'crypto' field" },
        { Mutate(c => c["crypto"]!["cipher"] = "aes-128-cbc"), "its cipher 'aes-128-cbc' is not supported (only aes-128-ctr)" },
        { Mutate(c => c["crypto"]!["kdf"] = "argon2id"), "its key derivation 'argon2id' is not supported (AidDao reads scrypt and pbkdf2)" },
        { Mutate(c => c["crypto"]!.AsObject().Remove("mac")), "it has no 'mac' field" },
        { Mutate(c => c["crypto"]!["cipherparams"]!["iv"] = "00ff"), "its 'iv' has 2 bytes, not 16" },
        { Mutate(c => c["crypto"]!["ciphertext"] = "xyz"), "its 'ciphertext' is not hex" },
        { Mutate(c => c["crypto"]!["kdfparams"]!["n"] = 1000), "its scrypt 'n' (1000) is not a power of two" },
        { Mutate(c => c["crypto"]!["kdfparams"]!["n"] = 1 << 24), "its scrypt parameters (n=16777216, r=8) would need more than 1 GiB of memory" },
        { Mutate(c => c["crypto"]!["kdfparams"]!["dklen"] = 16), "its 'dklen' is 16, outside 32 to 1024" },
        { Mutate(c => c["address"] = "not-an-address"), "its 'address' is not an address" },
    };

    [Theory]
    [MemberData(nameof(Corruptions))]
    public void Parse_UnusableFile_OneLineNamingTheFileAndTheProblem(string json, string reason)
    {
        var error = Assert.Throws<WalletFileException>(() => KeystoreFile.Parse(json, "/wallets/UTC--x"));

        Assert.Equal($"The wallet file /wallets/UTC--x cannot be used: {reason}.", error.Message);
        Assert.Equal("/wallets/UTC--x", error.FilePath);
    }

    [Fact]
    public void Load_MissingFile_SaysItDoesNotExist()
    {
        var path = Path.Combine(Path.GetTempPath(), $"aiddao-missing-{Guid.NewGuid():N}");

        var error = Assert.Throws<WalletFileException>(() => KeystoreFile.Load(path));

        Assert.Equal($"The wallet file {path} cannot be used: it does not exist.", error.Message);
    }

    [Fact]
    public void Encrypt_NotAKey_RefusesWithoutEchoingIt()
    {
        var error = Assert.Throws<AidDaoInputException>(() => KeystoreFile.Encrypt("0x" + new string('0', 64), "correct horse", FastScryptN));

        Assert.Equal("The key to encrypt is not a valid secp256k1 private key (it is zero or too large); it was not used.", error.Message);
    }

    private static int HexBytes(JsonNode? node) => Convert.FromHexString((string)node!).Length;

    private static readonly string Template = KeystoreFile.Encrypt(AnvilDevAccounts.All[0].PrivateKey, "correct horse", FastScryptN).ToJson();

    private static string Mutate(Action<JsonNode> change)
    {
        var json = JsonNode.Parse(Template)!;
        change(json);
        return json.ToJsonString();
    }
}
