using System.Globalization;
using NBitcoin;
using Nethereum.Signer;

namespace AidDao.Core.Wallets;

/// <summary>
/// A BIP39 mnemonic with BIP32/BIP44 derivation of Ethereum accounts (<c>m/44'/60'/0'/0/i</c>), built on NBitcoin.
/// The mnemonic and seed stay inside; nothing here prints or logs them.
/// </summary>
public sealed class HdWallet
{
    /// <summary>The BIP44 path prefix of Ethereum accounts; account i is this plus <c>/i</c>.</summary>
    public const string EthereumAccountPath = "m/44'/60'/0'/0";

    private readonly Mnemonic _mnemonic;
    private readonly ExtKey _root;

    private HdWallet(Mnemonic mnemonic, string passphrase)
    {
        _mnemonic = mnemonic;
        _root = mnemonic.DeriveExtKey(passphrase);
    }

    /// <summary>A new wallet with fresh entropy: 12 words (128 bits) or 24 words (256 bits).</summary>
    public static HdWallet Generate(int words = 12, string passphrase = "")
    {
        var count = words switch
        {
            12 => NBitcoin.WordCount.Twelve,
            24 => NBitcoin.WordCount.TwentyFour,
            _ => throw new AidDaoInputException($"A new mnemonic has 12 or 24 words, not {words}."),
        };
        return new HdWallet(new Mnemonic(Wordlist.English, count), passphrase ?? "");
    }

    /// <summary>
    /// Restores a wallet from an English BIP39 mnemonic; a wrong word count, an unknown word or a bad checksum gives an
    /// <see cref="AidDaoInputException"/> that says which, without repeating the words.
    /// </summary>
    public static HdWallet FromMnemonic(string mnemonic, string passphrase = "")
    {
        var words = (mnemonic ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (words.Length is not (12 or 15 or 18 or 21 or 24))
            throw new AidDaoInputException($"A mnemonic has 12, 15, 18, 21 or 24 words; this one has {words.Length}.");
        for (var i = 0; i < words.Length; i++)
        {
            if (!Wordlist.English.WordExists(words[i].ToLowerInvariant(), out _))
                throw new AidDaoInputException($"Word {i + 1} of the mnemonic is not in the English BIP39 word list; check its spelling.");
        }
        var normalized = string.Join(' ', words).ToLowerInvariant();
        if (!new Mnemonic(normalized, Wordlist.English).IsValidChecksum)
            throw new AidDaoInputException("The mnemonic's checksum does not match: a word is wrong or the words are out of order.");
        return new HdWallet(new Mnemonic(normalized, Wordlist.English), passphrase ?? "");
    }

    /// <summary>The number of words.</summary>
    public int WordCount => _mnemonic.Words.Length;

    /// <summary>The mnemonic, for the one moment it must be shown to its owner (to write down). Never log it.</summary>
    public string RevealMnemonic() => _mnemonic.ToString();

    /// <summary>The BIP32 root extended private key (xprv), for tests against reference vectors.</summary>
    internal string RootExtendedPrivateKey => _root.GetWif(Network.Main).ToString();

    /// <summary>The BIP39 seed (64 bytes), for tests against reference vectors.</summary>
    internal static byte[] Seed(string mnemonic, string passphrase) => new Mnemonic(mnemonic, Wordlist.English).DeriveSeed(passphrase);

    /// <summary>The account at <c>m/44'/60'/0'/0/index</c>.</summary>
    public HdAccount DeriveAccount(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        var key = _root.Derive(KeyPath.Parse(string.Create(CultureInfo.InvariantCulture, $"{EthereumAccountPath}/{index}")));
        var privateKey = Convert.ToHexStringLower(key.PrivateKey.ToBytes());
        var address = new EthECKey(privateKey).GetPublicAddress();
        return new HdAccount(index, EthAddress.FromChain(address), privateKey);
    }

    /// <inheritdoc />
    public override string ToString() => $"HD wallet ({WordCount} words)";
}
