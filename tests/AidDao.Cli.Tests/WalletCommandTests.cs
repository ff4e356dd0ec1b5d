using System.Text.RegularExpressions;
using AidDao.Core;
using AidDao.Core.Chain;
using AidDao.Core.Communities;
using AidDao.Core.Wallets;
using AidDao.TestUtils;
using Xunit;

namespace AidDao.Cli.Tests;

/// <summary>
/// <c>aiddao wallet new|import|list</c> and signing with <c>--wallet</c>: each test has its own wallet directory, and no
/// mnemonic or key ever reaches the output.
/// </summary>
public sealed class WalletCommandTests(ChainFixture fixture) : ChainTest(fixture)
{
    private const string PasswordVariable = "AIDDAO_TEST_WALLET_PASSWORD";
    private const string UnsetVariable = "AIDDAO_TEST_UNSET_PASSWORD";
    private const string Password = "wallet test password";

    /// <summary>Keystores these tests write directly: a low scrypt cost (the CLI itself always writes geth's).</summary>
    private const int FastScryptN = 1 << 10;

    private readonly string _root = Directory.CreateTempSubdirectory("aiddao-cli-wallets-").FullName;

    private string WalletDir => Path.Combine(_root, "wallets");

    private string Rpc => Devnet.RpcUrl.ToString();

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        Environment.SetEnvironmentVariable(PasswordVariable, Password);
    }

    public override async ValueTask DisposeAsync()
    {
        Environment.SetEnvironmentVariable(PasswordVariable, null);
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        finally
        {
            await base.DisposeAsync();
        }
    }

    [Fact]
    public async Task New_ThenList_ListsTheFirstAccountOfTheSavedMnemonic()
    {
        var words = Path.Combine(_root, "words.txt");

        var created = await WalletAsync("wallet", "new", "--name", "alice", "--mnemonic-out", words);
        var list = await WalletAsync("wallet", "list");

        var mnemonic = File.ReadAllText(words).Trim();
        var account = HdWallet.FromMnemonic(mnemonic).DeriveAccount(0);
        Assert.Equal((0, ""), (created.ExitCode, created.Error));
        Assert.Equal(12, mnemonic.Split(' ').Length);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, ModeOf(words));
        Assert.StartsWith($"Created wallet 'alice': {account.Address} (m/44'/60'/0'/0/0), keystore {WalletDir}{Path.DirectorySeparatorChar}UTC--", created.Out, StringComparison.Ordinal);
        Assert.Contains($"Recovery words (12) written to {words}", created.Out, StringComparison.Ordinal);
        Assert.Equal(0, list.ExitCode);
        var row = Assert.Single(list.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1));
        Assert.Matches($@"^alice +{account.Address} +{Regex.Escape(WalletDir)}/UTC--[0-9T.-]+Z--{account.Address.Value[2..].ToLowerInvariant()}$", row);
        AssertNoSecrets(created, mnemonic, account.PrivateKey);
        AssertNoSecrets(list, mnemonic, account.PrivateKey);
    }

    [Fact]
    public async Task New_NoBackupAndTwoAccounts_SavesNumberedKeystoresOnly()
    {
        var run = await WalletAsync("wallet", "new", "--name", "team", "--no-backup", "--accounts", "2", "--words", "24");

        var lines = run.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(3, lines.Length);
        Assert.StartsWith("Created wallet 'team-0': 0x", lines[0], StringComparison.Ordinal);
        Assert.Contains("(m/44'/60'/0'/0/1)", lines[1], StringComparison.Ordinal);
        Assert.Equal("No recovery words were kept (--no-backup): the keystore file and its password are the only way to these accounts.", lines[2]);
        Assert.Equal(["team-0", "team-1"], new WalletStore(WalletDir).List().Select(w => w.Name));
    }

    [Fact]
    public async Task New_NeitherMnemonicOutNorNoBackup_RefusesBeforeWritingAnything()
    {
        var run = await WalletAsync("wallet", "new");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("error: A new wallet needs a backup of its recovery words: give --mnemonic-out PATH (a new file), or --no-backup to keep only the keystore.", run.ErrorLine);
        Assert.False(Directory.Exists(WalletDir));
    }

    [Fact]
    public async Task New_MnemonicOutExists_RefusesAndKeepsTheFile()
    {
        var words = Path.Combine(_root, "words.txt");
        File.WriteAllText(words, "an earlier backup");

        var run = await WalletAsync("wallet", "new", "--mnemonic-out", words);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"error: {words} already exists; AidDao never overwrites it: choose another --mnemonic-out path.", run.ErrorLine);
        Assert.Equal("an earlier backup", File.ReadAllText(words));
        Assert.False(Directory.Exists(WalletDir));
    }

    [Fact]
    public async Task Import_AnvilMnemonicFromStandardInput_GivesAccount0()
    {
        var original = Console.In;
        Console.SetIn(new StringReader(AnvilDevAccounts.Mnemonic + "\n"));
        CliRun run;
        try
        {
            run = await WalletAsync("wallet", "import", "--name", "anvil0");
        }
        finally
        {
            Console.SetIn(original);
        }

        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("Imported wallet 'anvil0': 0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266 (m/44'/60'/0'/0/0), keystore ", run.Out, StringComparison.Ordinal);
        AssertNoSecrets(run, AnvilDevAccounts.Mnemonic, AnvilDevAccounts.All[0].PrivateKey);
    }

    [Fact]
    public async Task Import_AnvilMnemonicFileIndex1_GivesAccount1()
    {
        var file = Path.Combine(_root, "mnemonic.txt");
        File.WriteAllText(file, AnvilDevAccounts.Mnemonic);

        var run = await WalletAsync("wallet", "import", "--name", "anvil1", "--mnemonic-file", file, "--account-index", "1");

        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("Imported wallet 'anvil1': 0x70997970C51812dc3A010C7d01b50e0d17dc79C8 (m/44'/60'/0'/0/1), keystore ", run.Out, StringComparison.Ordinal);
        Assert.Equal(AnvilDevAccounts.All[1].PrivateKey[2..], WalletStore.Unlock(new WalletStore(WalletDir).Find("anvil1"), Password));
        AssertNoSecrets(run, AnvilDevAccounts.Mnemonic, AnvilDevAccounts.All[1].PrivateKey);
    }

    [Fact]
    public async Task Import_PrivateKeyFile_SavesThatAccount()
    {
        var file = Path.Combine(_root, "key.txt");
        File.WriteAllText(file, AnvilDevAccounts.All[2].PrivateKey + "\n");

        var run = await WalletAsync("wallet", "import", "--name", "raw", "--private-key-file", file);

        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith($"Imported wallet 'raw': {AnvilDevAccounts.All[2].Address}, keystore ", run.Out, StringComparison.Ordinal);
        AssertNoSecrets(run, AnvilDevAccounts.Mnemonic, AnvilDevAccounts.All[2].PrivateKey);
    }

    [Fact]
    public async Task Import_NoPasswordAvailable_OneLineExitCode2()
    {
        var file = Path.Combine(_root, "mnemonic.txt");
        File.WriteAllText(file, AnvilDevAccounts.Mnemonic);

        var run = await CliRun.InvokeAsync("wallet", "import", "--name", "anvil0", "--mnemonic-file", file, "--wallet-dir", WalletDir, "--password-env", UnsetVariable);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"error: No password for the new keystore: set the environment variable {UnsetVariable}, or run in a terminal to be asked for it.", run.ErrorLine);
        Assert.False(Directory.Exists(WalletDir));
    }

    [Fact]
    public async Task Import_MnemonicWithBadChecksum_RefusesWithoutRepeatingIt()
    {
        const string wrongLastWord = "test test test test test test test test test test test test";
        var file = Path.Combine(_root, "mnemonic.txt");
        File.WriteAllText(file, wrongLastWord);

        var run = await WalletAsync("wallet", "import", "--name", "typo", "--mnemonic-file", file);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("error: The mnemonic's checksum does not match: a word is wrong or the words are out of order.", run.ErrorLine);
        Assert.DoesNotContain("test test", run.Out + run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_CorruptKeystore_WarnsNamingItAndStillSucceeds()
    {
        Directory.CreateDirectory(WalletDir);
        var corrupt = Path.Combine(WalletDir, "UTC--broken");
        File.WriteAllText(corrupt, "{\"version\": 3");

        var run = await WalletAsync("wallet", "list");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal($"warning: The wallet file {corrupt} cannot be used: it is not JSON.", run.ErrorLine);
        Assert.Equal($"No wallets in {WalletDir} yet: create one with 'aiddao wallet new' or 'aiddao wallet import'.", run.Out.Trim());
    }

    [Fact]
    public async Task Vouch_WithWalletName_SignsAsItsAccount()
    {
        var community = await CreateCommunityAsync();
        SaveFastKeystore("member", 3);

        var run = await WalletAsync("community", "vouch", Address(6), "--rpc", Rpc, "--community", community, "--wallet", "member");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("Vouch recorded: 1 of 2 vouches to admit " + Address(6) + ".", run.Out.Trim());
        var service = await CommunityService.ConnectAsync(Web3For(0), community, Ct);
        Assert.Equal(1, await service.GetVouchCountAsync(Address(6), Ct));
        AssertNoSecrets(run, AnvilDevAccounts.Mnemonic, Accounts[3].PrivateKey);
    }

    [Fact]
    public async Task Admit_WithKeystorePath_SignsAsItsAccount()
    {
        var community = await CreateCommunityAsync();
        var path = Path.Combine(_root, "steward.json");
        File.WriteAllText(path, KeystoreFile.Encrypt(Accounts[0].PrivateKey, Password, FastScryptN).ToJson());

        var run = await WalletAsync("community", "admit", Address(7), "--rpc", Rpc, "--community", community, "--wallet", path);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains($"{Address(7)} is now a member", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Vouch_WithWalletAndWrongPassword_OneLineExitCode2()
    {
        SaveFastKeystore("member", 3);
        Environment.SetEnvironmentVariable(PasswordVariable, "not the wallet password");

        var run = await WalletAsync("community", "vouch", Address(6), "--rpc", Rpc, "--community", Address(9), "--wallet", "member");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("error: The password for wallet 'member' is wrong.", run.ErrorLine);
        Assert.DoesNotContain("not the wallet password", run.Out + run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Vouch_WithWalletAndNoPassword_OneLineExitCode2()
    {
        SaveFastKeystore("member", 3);

        var run = await CliRun.InvokeAsync("community", "vouch", Address(6), "--rpc", Rpc, "--community", Address(9),
            "--wallet", "member", "--wallet-dir", WalletDir, "--password-env", UnsetVariable);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"error: No password for wallet 'member': set the environment variable {UnsetVariable}, or run in a terminal to be asked for it.", run.ErrorLine);
    }

    [Fact]
    public async Task Vouch_UnknownWallet_OneLineExitCode2()
    {
        var run = await WalletAsync("community", "vouch", Address(6), "--rpc", Rpc, "--community", Address(9), "--wallet", "nobody");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"error: There is no wallet 'nobody' in {WalletDir} and no keystore file at that path: see 'aiddao wallet list'.", run.ErrorLine);
    }

    [Fact]
    public async Task Vouch_DevAccountAndWallet_DevAccountSignsAndWalletIsNotOpened()
    {
        var community = await CreateCommunityAsync();

        var run = await WalletAsync("community", "vouch", Address(6), "--rpc", Rpc, "--community", community, "--dev-account", "3", "--wallet", "nobody");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("1 of 2 vouches", run.Out, StringComparison.Ordinal);
    }

    /// <summary>Runs aiddao with this test's wallet directory and password variable.</summary>
    private Task<CliRun> WalletAsync(params string[] args) =>
        CliRun.InvokeAsync([.. args, "--wallet-dir", WalletDir, "--password-env", PasswordVariable]);

    private void SaveFastKeystore(string name, int account) =>
        new WalletStore(WalletDir).Add(name, Accounts[account].PrivateKey, Password, FastScryptN);

    private EthAddress Address(int index) => EthAddress.FromChain(Accounts[index].Address);

    /// <summary>A community with steward 0 (one approval admits), member 3, and two vouches to admit.</summary>
    private async Task<EthAddress> CreateCommunityAsync()
    {
        var deployment = await AidDaoDeployer.DeployAsync(Web3For(0), Ct);
        var settings = new CommunitySettings { Name = "Wallet test", TokenSymbol = "WAL", Stewards = [Address(0)], VouchesRequired = 2, Members = [Address(3)] };
        return (await new CommunityFactoryService(Web3For(0), deployment.CommunityFactory).CreateCommunityAsync(settings, Ct)).Community;
    }

    private static void AssertNoSecrets(CliRun run, string mnemonic, string privateKey)
    {
        var printed = run.Out + run.Error;
        Assert.DoesNotContain(mnemonic, printed, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(string.Join(' ', mnemonic.Split(' ').Take(3)), printed, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(privateKey.StartsWith("0x", StringComparison.Ordinal) ? privateKey[2..] : privateKey, printed, StringComparison.OrdinalIgnoreCase);
    }

    private static UnixFileMode ModeOf(string path) =>
        OperatingSystem.IsWindows() ? throw new PlatformNotSupportedException("file modes are checked on Unix") : File.GetUnixFileMode(path);
}
