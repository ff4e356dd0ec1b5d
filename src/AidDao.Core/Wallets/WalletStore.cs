using System.Globalization;
using System.Text.RegularExpressions;

namespace AidDao.Core.Wallets;

/// <summary>
/// A directory of keystores, one account each, in geth's layout: files named <c>UTC--&lt;UTC time&gt;--&lt;address&gt;</c>
/// (40 lowercase hex digits), so geth, Clef and ethers can use the directory as it is. Names are kept apart from the
/// keystores, whose JSON stays exactly geth's: the directory's <c>names.json</c> maps each name to its file name (see
/// <see cref="WalletNames"/>); a keystore copied in by hand has no name and is found by its path. Keystores are
/// created with mode 0600 and never overwritten, the directory with mode 0700. Run one writer at a time: two
/// simultaneous <see cref="Add(string, string, string)"/> calls may lose one name (not its keystore).
/// </summary>
public sealed partial class WalletStore
{
    /// <summary>The variable naming AidDao's home folder; wallets live in its <c>wallets</c> sub-folder.</summary>
    public const string HomeVariable = "AIDDAO_HOME";

    private readonly TimeProvider _time;

    /// <summary>A store in <paramref name="directory"/> (created on the first write).</summary>
    public WalletStore(string directory, TimeProvider? time = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        Directory = Path.GetFullPath(directory);
        _time = time ?? TimeProvider.System;
    }

    /// <summary>The directory's full path.</summary>
    public string Directory { get; }

    /// <summary><c>$AIDDAO_HOME/wallets</c> when AIDDAO_HOME is set, else <c>~/.aiddao/wallets</c>.</summary>
    public static string DefaultDirectory()
    {
        var home = Environment.GetEnvironmentVariable(HomeVariable);
        return string.IsNullOrWhiteSpace(home)
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".aiddao", "wallets")
            : Path.Combine(home, "wallets");
    }

    /// <summary>Whether <paramref name="name"/> may name a wallet: 1 to 40 letters, digits, '.', '_' or '-', starting with a letter or digit.</summary>
    public static bool IsValidName(string? name) => name is not null && NamePattern().IsMatch(name);

    /// <summary>The wallets, named ones first (by name), then keystores without a name; unreadable files go to <paramref name="unreadable"/>.</summary>
    public IReadOnlyList<WalletEntry> List(Action<WalletFileException>? unreadable = null)
    {
        if (!System.IO.Directory.Exists(Directory)) return [];
        var names = WalletNames.Load(Directory);
        var wallets = new List<WalletEntry>();
        foreach (var path in System.IO.Directory.EnumerateFiles(Directory).Order(StringComparer.Ordinal))
        {
            var file = Path.GetFileName(path);
            if (file == WalletNames.FileName || file.StartsWith('.') || file.EndsWith('~')) continue;
            try
            {
                wallets.Add(new WalletEntry(names.NameOf(file), KeystoreFile.Load(path).Address, path));
            }
            catch (WalletFileException exception)
            {
                unreadable?.Invoke(exception);
            }
        }
        return [.. wallets.OrderBy(w => w.Name is null).ThenBy(w => w.Name ?? w.FilePath, StringComparer.OrdinalIgnoreCase)];
    }

    /// <summary>
    /// Encrypts <paramref name="privateKey"/> under <paramref name="password"/> (geth's scrypt parameters) into a new
    /// keystore named <paramref name="name"/>. A taken name, or an address the store already holds, is refused.
    /// </summary>
    public WalletEntry Add(string name, string privateKey, string password) => Add(name, privateKey, password, ScryptKdf.GethN);

    /// <summary>As <see cref="Add(string, string, string)"/> with scrypt cost <paramref name="scryptN"/>: for tests that are not about the cost.</summary>
    internal WalletEntry Add(string name, string privateKey, string password, int scryptN)
    {
        RequireFreeName(name);
        var address = PrivateKeyText.AddressOf(PrivateKeyText.Parse(privateKey, "The key to store"));
        if (List().FirstOrDefault(w => w.Address == address) is { } holder)
            throw new AidDaoInputException($"Wallet '{holder.Label}' already holds {address}; nothing was saved.");
        var keystore = KeystoreFile.Encrypt(privateKey, password, scryptN);
        PrivateFile.CreateDirectory(Directory);
        var path = Path.Combine(Directory, FileName(address));
        PrivateFile.Create(path, keystore.ToJson());
        WalletNames.Load(Directory).AddAndSave(Directory, name, Path.GetFileName(path));
        return new WalletEntry(name, address, path);
    }

    /// <summary>Refuses (with <see cref="AidDaoInputException"/>) a name that is not valid or already taken.</summary>
    public void RequireFreeName(string name)
    {
        if (!IsValidName(name))
            throw new AidDaoInputException($"'{Redaction.Input(name)}' is not a wallet name: use 1 to 40 letters, digits, '.', '_' or '-', starting with a letter or digit.");
        if (WalletNames.Load(Directory).Files.ContainsKey(name))
            throw new AidDaoInputException($"There is already a wallet named '{name}' in {Directory}; choose another name.");
    }

    /// <summary>The first of <c><paramref name="prefix"/>-1</c>, <c>-2</c>, … that no wallet has.</summary>
    public string FreeName(string prefix)
    {
        var taken = WalletNames.Load(Directory).Files;
        return Enumerable.Range(1, int.MaxValue - 1).Select(i => string.Create(CultureInfo.InvariantCulture, $"{prefix}-{i}")).First(n => !taken.ContainsKey(n));
    }

    /// <summary>
    /// The wallet called <paramref name="nameOrPath"/> (any letter case), else the keystore file at that path; a name wins
    /// over a file of the same name in the current folder. Neither gives an <see cref="AidDaoInputException"/>.
    /// </summary>
    public WalletEntry Find(string nameOrPath)
    {
        ArgumentNullException.ThrowIfNull(nameOrPath);
        var names = WalletNames.Load(Directory);
        if (IsValidName(nameOrPath) && names.Files.TryGetValue(nameOrPath, out var file))
        {
            var path = Path.Combine(Directory, file);
            return new WalletEntry(names.Files.Keys.First(k => string.Equals(k, nameOrPath, StringComparison.OrdinalIgnoreCase)), KeystoreFile.Load(path).Address, path);
        }
        if (File.Exists(nameOrPath))
        {
            var path = Path.GetFullPath(nameOrPath);
            var name = Path.GetDirectoryName(path) == Directory ? names.NameOf(Path.GetFileName(path)) : null;
            return new WalletEntry(name, KeystoreFile.Load(path).Address, path);
        }
        throw new AidDaoInputException($"There is no wallet '{Redaction.Input(nameOrPath)}' in {Directory} and no keystore file at that path: see 'aiddao wallet list'.");
    }

    /// <summary>The private key of <paramref name="wallet"/> (64 hex digits); a wrong password gives <see cref="WalletPasswordException"/>.</summary>
    public static string Unlock(WalletEntry wallet, string password)
    {
        ArgumentNullException.ThrowIfNull(wallet);
        return KeystoreFile.Load(wallet.FilePath).Decrypt(password, wallet.Label);
    }

    /// <summary>geth's keystore file name: <c>UTC--2025-01-31T10-00-00.123456700Z--&lt;address&gt;</c>.</summary>
    private string FileName(EthAddress address) =>
        $"UTC--{_time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH-mm-ss.fffffff", CultureInfo.InvariantCulture)}00Z--{KeystoreFile.Lower(address)}";

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$")]
    private static partial Regex NamePattern();
}
