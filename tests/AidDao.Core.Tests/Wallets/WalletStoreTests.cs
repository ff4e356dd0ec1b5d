using System.Text.Json;
using AidDao.Core.Chain;
using AidDao.Core.Wallets;
using Xunit;

namespace AidDao.Core.Tests.Wallets;

/// <summary>The wallet directory: geth's file names and modes, names that survive, refusals, and unreadable files.</summary>
public sealed class WalletStoreTests : IDisposable
{
    private const string Password = "correct horse";
    private static readonly DateTimeOffset Now = new DateTimeOffset(2025, 1, 31, 10, 20, 30, TimeSpan.Zero).AddTicks(1234567);

    private readonly string _root = Directory.CreateTempSubdirectory("aiddao-wallets-").FullName;
    private readonly string _directory;
    private readonly WalletStore _store;

    public WalletStoreTests()
    {
        _directory = Path.Combine(_root, "wallets");
        _store = new WalletStore(_directory, new FixedTime(Now));
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static DevAccount Anvil(int index) => AnvilDevAccounts.All[index];

    [Fact]
    public void Add_NewWallet_WritesGethNamedFileOwnerOnly()
    {
        var wallet = _store.Add("alice", Anvil(0).PrivateKey, Password, KeystoreFileTests.FastScryptN);

        Assert.Equal(Path.Combine(_directory, "UTC--2025-01-31T10-20-30.123456700Z--f39fd6e51aad88f6f4ce6ab8827279cfffb92266"), wallet.FilePath);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, ModeOf(wallet.FilePath));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, ModeOf(_directory));
        Assert.Equal([Path.GetFileName(wallet.FilePath), WalletNamesFile], Directory.GetFiles(_directory).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void FindAndUnlock_FromAFreshStore_NameSurvivesAndKeyMatches()
    {
        _store.Add("alice", Anvil(0).PrivateKey, Password, KeystoreFileTests.FastScryptN);

        var wallet = new WalletStore(_directory).Find("ALICE");

        Assert.Equal(("alice", EthAddress.Parse(Anvil(0).Address)), (wallet.Name, wallet.Address));
        Assert.Equal(Anvil(0).PrivateKey[2..], WalletStore.Unlock(wallet, Password));
        var error = Assert.Throws<WalletPasswordException>(() => WalletStore.Unlock(wallet, "wrong password"));
        Assert.Equal("The password for wallet 'alice' is wrong.", error.Message);
    }

    [Fact]
    public void List_NamedUnnamedAndCorruptFiles_ListsReadableOnesAndReportsTheRest()
    {
        _store.Add("bob", Anvil(1).PrivateKey, Password, KeystoreFileTests.FastScryptN);
        _store.Add("alice", Anvil(0).PrivateKey, Password, KeystoreFileTests.FastScryptN);
        var copied = Path.Combine(_directory, "UTC--copied-from-geth");
        File.WriteAllText(copied, KeystoreFile.Encrypt(Anvil(2).PrivateKey, Password, KeystoreFileTests.FastScryptN).ToJson());
        var corrupt = Path.Combine(_directory, "UTC--corrupt");
        File.WriteAllText(corrupt, "{ not json");
        var problems = new List<WalletFileException>();

        var wallets = _store.List(problems.Add);

        Assert.Equal(["alice", "bob", null], wallets.Select(w => w.Name));
        Assert.Equal([Anvil(0).Address, Anvil(1).Address, Anvil(2).Address], wallets.Select(w => w.Address!.Value.Value));
        Assert.Equal("UTC--copied-from-geth", wallets[2].Label);
        Assert.Equal($"The wallet file {corrupt} cannot be used: it is not JSON.", Assert.Single(problems).Message);
    }

    [Fact]
    public void Find_KeystorePathOutsideTheStore_HasNoNameAndUnlocks()
    {
        var path = Path.Combine(_root, "elsewhere.json");
        File.WriteAllText(path, KeystoreFile.Encrypt(Anvil(3).PrivateKey, Password, KeystoreFileTests.FastScryptN).ToJson());

        var wallet = _store.Find(path);

        Assert.Null(wallet.Name);
        Assert.Equal("elsewhere.json", wallet.Label);
        Assert.Equal(Anvil(3).PrivateKey[2..], WalletStore.Unlock(wallet, Password));
    }

    [Fact]
    public void Find_UnknownName_SaysWhereItLooked()
    {
        var error = Assert.Throws<AidDaoInputException>(() => _store.Find("carol"));

        Assert.Equal($"There is no wallet 'carol' in {_directory} and no keystore file at that path: see 'aiddao wallet list'.", error.Message);
    }

    [Fact]
    public void Add_TakenNameOrHeldAddressOrBadName_RefusedAndNothingWritten()
    {
        _store.Add("alice", Anvil(0).PrivateKey, Password, KeystoreFileTests.FastScryptN);

        var taken = Assert.Throws<AidDaoInputException>(() => _store.Add("Alice", Anvil(1).PrivateKey, Password, KeystoreFileTests.FastScryptN));
        var held = Assert.Throws<AidDaoInputException>(() => _store.Add("alice2", Anvil(0).PrivateKey, Password, KeystoreFileTests.FastScryptN));
        var bad = Assert.Throws<AidDaoInputException>(() => _store.Add("../alice", Anvil(1).PrivateKey, Password, KeystoreFileTests.FastScryptN));

        Assert.Equal($"There is already a wallet named 'Alice' in {_directory}; choose another name.", taken.Message);
        Assert.Equal($"Wallet 'alice' already holds {Anvil(0).Address}; nothing was saved.", held.Message);
        Assert.Equal("'../alice' is not a wallet name: use 1 to 40 letters, digits, '.', '_' or '-', starting with a letter or digit.", bad.Message);
        Assert.Single(_store.List());
    }

    [Fact]
    public void FreeName_SomeTaken_GivesTheFirstFree()
    {
        _store.Add("wallet-1", Anvil(0).PrivateKey, Password, KeystoreFileTests.FastScryptN);

        Assert.Equal("wallet-2", _store.FreeName("wallet"));
    }

    [Fact]
    public void List_CorruptNamesIndex_OneLineNamingIt()
    {
        Directory.CreateDirectory(_directory);
        var index = Path.Combine(_directory, WalletNamesFile);
        File.WriteAllText(index, JsonSerializer.Serialize(new Dictionary<string, string> { ["alice"] = "../../etc/passwd" }));

        var error = Assert.Throws<WalletFileException>(() => _store.List());

        Assert.Equal($"The wallet file {index} cannot be used: its entry 'alice' is not a wallet name with a keystore file name.", error.Message);
    }

    [Fact]
    public void DefaultDirectory_FollowsAidDaoHome()
    {
        var before = Environment.GetEnvironmentVariable(WalletStore.HomeVariable);
        try
        {
            Environment.SetEnvironmentVariable(WalletStore.HomeVariable, "/srv/aiddao");
            Assert.Equal("/srv/aiddao/wallets", WalletStore.DefaultDirectory());
            Environment.SetEnvironmentVariable(WalletStore.HomeVariable, null);
            Assert.Equal(Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".aiddao", "wallets"), WalletStore.DefaultDirectory());
        }
        finally
        {
            Environment.SetEnvironmentVariable(WalletStore.HomeVariable, before);
        }
    }

    [Fact]
    public void PrivateFileCreate_ExistingFile_RefusedAndKeptAndNoTemporaryLeft()
    {
        Directory.CreateDirectory(_directory);
        var path = Path.Combine(_directory, "words.txt");
        PrivateFile.Create(path, "first");

        var error = Assert.Throws<AidDaoInputException>(() => PrivateFile.Create(path, "second"));

        Assert.Equal($"{path} already exists; AidDao never overwrites it: choose another path or move that file away.", error.Message);
        Assert.Equal("first", File.ReadAllText(path));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, ModeOf(path));
        Assert.Equal(["words.txt"], Directory.GetFiles(_directory).Select(Path.GetFileName));
    }

    private const string WalletNamesFile = "names.json";

    private static UnixFileMode ModeOf(string path) =>
        OperatingSystem.IsWindows() ? throw new PlatformNotSupportedException("file modes are checked on Unix") : File.GetUnixFileMode(path);

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
