using System.Text.Json;
using AidDao.Core.Chain;
using AidDao.Core.Wallets;
using AidDao.TestUtils;
using NBitcoin;
using Xunit;

namespace AidDao.Core.Tests.Wallets;

/// <summary>BIP39/BIP32/BIP44 derivation against the reference vectors and Anvil's well-known accounts.</summary>
public class HdWalletTests
{
    private const string VectorPassphrase = "TREZOR";

    public static TheoryData<string, string, string, string> Vectors()
    {
        var path = Path.Combine(RepositoryRoot.Path, "..", "shared", "testdata", "bip39-english-vectors.json");
        Assert.True(File.Exists(path), $"reference vectors missing: {path} (the shared/ folder sits beside the repository)");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var data = new TheoryData<string, string, string, string>();
        foreach (var row in document.RootElement.GetProperty("english").EnumerateArray())
            data.Add(row[0].GetString()!, row[1].GetString()!, row[2].GetString()!, row[3].GetString()!);
        return data;
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void ReferenceVector_EntropyMnemonicSeedAndRootKey_AllMatch(string entropyHex, string mnemonic, string seedHex, string rootXprv)
    {
        Assert.Equal(mnemonic, new Mnemonic(Wordlist.English, Convert.FromHexString(entropyHex)).ToString());
        Assert.Equal(entropyHex, Convert.ToHexStringLower(EntropyOf(mnemonic)));
        Assert.Equal(seedHex, Convert.ToHexStringLower(HdWallet.Seed(mnemonic, VectorPassphrase)));
        Assert.Equal(rootXprv, HdWallet.FromMnemonic(mnemonic, VectorPassphrase).RootExtendedPrivateKey);
    }

    /// <summary>Mnemonic → entropy: the words' 11-bit indices, concatenated, minus the checksum bits (one per 32 of entropy).</summary>
    private static byte[] EntropyOf(string mnemonic)
    {
        var bits = string.Concat(new Mnemonic(mnemonic, Wordlist.English).Indices.Select(i => Convert.ToString(i, 2).PadLeft(11, '0')));
        var entropyBits = bits.Length * 32 / 33;
        return [.. Enumerable.Range(0, entropyBits / 8).Select(b => Convert.ToByte(bits.Substring(b * 8, 8), 2))];
    }

    [Fact]
    public void DeriveAccount_AnvilTestMnemonic_GivesTheTenWellKnownAccounts()
    {
        var wallet = HdWallet.FromMnemonic(AnvilDevAccounts.Mnemonic);

        foreach (var expected in AnvilDevAccounts.All)
        {
            var account = wallet.DeriveAccount(expected.Index);
            Assert.Equal(expected.Address, account.Address.Value);
            Assert.Equal(expected.PrivateKey.Replace("0x", "", StringComparison.Ordinal).ToLowerInvariant(), account.PrivateKey);
            Assert.Equal($"m/44'/60'/0'/0/{expected.Index}", account.Path);
        }
    }

    [Fact]
    public void Generate_TwelveAndTwentyFourWords_RoundTripThroughFromMnemonic()
    {
        foreach (var words in new[] { 12, 24 })
        {
            var wallet = HdWallet.Generate(words);
            var restored = HdWallet.FromMnemonic(wallet.RevealMnemonic());

            Assert.Equal(words, wallet.WordCount);
            Assert.Equal(wallet.DeriveAccount(3).Address, restored.DeriveAccount(3).Address);
        }
        Assert.NotEqual(HdWallet.Generate().RevealMnemonic(), HdWallet.Generate().RevealMnemonic());
    }

    [Theory]
    [InlineData("abandon abandon abandon", "has 3")]
    [InlineData("abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandno", "Word 12 of the mnemonic is not in the English BIP39 word list")]
    [InlineData("abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon", "checksum does not match")]
    public void FromMnemonic_Invalid_SaysWhyWithoutRepeatingTheWords(string mnemonic, string expected)
    {
        var error = Assert.Throws<AidDaoInputException>(() => HdWallet.FromMnemonic(mnemonic));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("abandon", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToString_WalletAndAccount_NeverShowSecrets()
    {
        var wallet = HdWallet.FromMnemonic(AnvilDevAccounts.Mnemonic);
        var account = wallet.DeriveAccount(0);

        Assert.DoesNotContain("test", wallet.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(account.PrivateKey, account.ToString(), StringComparison.OrdinalIgnoreCase);
    }
}
