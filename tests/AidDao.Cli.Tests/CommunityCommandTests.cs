using Xunit;
using AidDao.Core;
using AidDao.Core.Communities;
using AidDao.TestUtils;

namespace AidDao.Cli.Tests;

/// <summary><c>aiddao community ...</c> against the test chain: what works, and how each mistake is reported.</summary>
public sealed class CommunityCommandTests(ChainFixture fixture) : ChainTest(fixture)
{
    private const string MalformedAddress = "0x1234";

    private string Rpc => Devnet.RpcUrl.ToString();

    private async Task<CreatedCommunity> CreateCommunityAsync()
    {
        var web3 = Web3For(0);
        var deployment = await AidDaoDeployer.DeployAsync(web3, Ct);
        return await new CommunityFactoryService(web3, deployment.CommunityFactory).CreateCommunityAsync(new CommunitySettings
        {
            Name = "CLI test",
            TokenSymbol = "CLI",
            Stewards = [Address(0), Address(1)],
            Threshold = 2,
            VouchesRequired = 2,
            Members = [Address(3), Address(4)],
        }, Ct);
    }

    private EthAddress Address(int index) => EthAddress.FromChain(Accounts[index].Address);

    [Fact]
    public async Task Info_KnownCommunity_PrintsNameStewardsAndRules()
    {
        var community = await CreateCommunityAsync();

        var run = await CliRun.InvokeAsync("community", "info", "--rpc", Rpc, "--community", community.Community);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("CLI test", run.Out, StringComparison.Ordinal);
        Assert.Contains("threshold 2 of 2", run.Out, StringComparison.Ordinal);
        Assert.Contains("or 2 member vouches", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Vouch_Twice_SecondFailsWithOneLineAndExitCode1()
    {
        var community = await CreateCommunityAsync();
        string[] vouch = ["community", "vouch", Address(6), "--rpc", Rpc, "--community", community.Community, "--dev-account", "3"];

        var first = await CliRun.InvokeAsync(vouch);
        var second = await CliRun.InvokeAsync(vouch);

        Assert.Equal(0, first.ExitCode);
        Assert.Contains("1 of 2 vouches", first.Out, StringComparison.Ordinal);
        Assert.Equal(1, second.ExitCode);
        Assert.Equal($"error: {Address(3)} has already vouched for {Address(6)}; a vouch counts once.", second.ErrorLine);
    }

    [Fact]
    public async Task Admit_ByStewardThenPropose_ReportsProgress()
    {
        var community = await CreateCommunityAsync();

        var admit = await CliRun.InvokeAsync("community", "admit", Address(7), "--rpc", Rpc, "--community", community.Community, "--dev-account", "0");
        var propose = await CliRun.InvokeAsync("community", "propose", "add-steward", "--target", Address(7), "--rpc", Rpc, "--community", community.Community, "--dev-account", "0");
        var approve = await CliRun.InvokeAsync("community", "approve", "1", "--rpc", Rpc, "--community", community.Community, "--dev-account", "1");

        Assert.Equal(0, admit.ExitCode);
        Assert.Contains("is now a member", admit.Out, StringComparison.Ordinal);
        Assert.Contains("Proposal 1 (AddSteward) has 1 of 2 approvals.", propose.Out, StringComparison.Ordinal);
        Assert.Contains("passed with 2 of 2 approvals", approve.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Admit_ByNonSteward_FailsNamingTheAccount()
    {
        var community = await CreateCommunityAsync();

        var run = await CliRun.InvokeAsync("community", "admit", Address(7), "--rpc", Rpc, "--community", community.Community, "--dev-account", "5");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal($"error: {Address(5)} is not a steward of this community; only stewards can do this.", run.ErrorLine);
    }

    [Fact]
    public async Task AnyCommand_MalformedAddress_ExitCode2BeforeTouchingTheChain()
    {
        var run = await CliRun.InvokeAsync("community", "vouch", MalformedAddress, "--rpc", Rpc, "--community", MalformedAddress, "--dev-account", "3");

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("error: '0x1234' is not a valid candidate address: it has 4 hex digits after 0x, an address has 40.", run.ErrorLine, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Info_AddressWithoutCode_SaysNoContractThere()
    {
        var nowhere = EthAddress.Parse("0x00000000000000000000000000000000000a1d00");

        var run = await CliRun.InvokeAsync("community", "info", "--rpc", Rpc, "--community", nowhere);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"There is no contract at {nowhere} on this chain", run.ErrorLine, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Info_ContractThatIsNotACommunity_SaysSo()
    {
        var community = await CreateCommunityAsync();

        var run = await CliRun.InvokeAsync("community", "info", "--rpc", Rpc, "--community", community.Token);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("is not an AidDao community", run.ErrorLine, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnyCommand_WrongChainId_Refuses()
    {
        var community = await CreateCommunityAsync();

        var run = await CliRun.InvokeAsync("community", "info", "--rpc", Rpc, "--chain-id", "1", "--community", community.Community);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("is on chain 31337, not chain 1", run.ErrorLine, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Vouch_WithoutAnyKey_AsksForTheKeyVariable()
    {
        var community = await CreateCommunityAsync();

        var run = await CliRun.InvokeAsync("community", "vouch", Address(6), "--rpc", Rpc, "--community", community.Community, "--key-env", "AIDDAO_TEST_UNSET_KEY");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("set the environment variable AIDDAO_TEST_UNSET_KEY", run.ErrorLine, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Vouch_MalformedKeyInVariable_RefusesWithoutPrintingIt()
    {
        const string secretLooking = "not-a-key-but-secret-looking-value";
        var community = await CreateCommunityAsync();

        var run = await VouchWithKeyVariableAsync(community, secretLooking);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"The value of {KeyVariable} is not a private key", run.ErrorLine, StringComparison.Ordinal);
        Assert.DoesNotContain(secretLooking, run.Error + run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Vouch_KeyFromVariable_SignsAsThatAccount()
    {
        var community = await CreateCommunityAsync();

        var run = await VouchWithKeyVariableAsync(community, Accounts[4].PrivateKey);

        Assert.Equal(0, run.ExitCode);
        var service = await CommunityService.ConnectAsync(Web3For(0), community.Community, Ct);
        Assert.Equal(1, await service.GetVouchCountAsync(Address(6), Ct));
        Assert.DoesNotContain(Accounts[4].PrivateKey.TrimStart('0', 'x'), run.Out + run.Error, StringComparison.OrdinalIgnoreCase);
    }

    private const string KeyVariable = "AIDDAO_TEST_SIGNING_KEY";

    /// <summary>Vouches for account 6 with the key in <see cref="KeyVariable"/> set to <paramref name="key"/> for this call only.</summary>
    private Task<CliRun> VouchWithKeyVariableAsync(CreatedCommunity community, string key) =>
        RunWithKeyAsync(key, "community", "vouch", Address(6), "--rpc", Rpc, "--community", community.Community);

    /// <summary>Runs aiddao with <see cref="KeyVariable"/> set to <paramref name="key"/> for this call only.</summary>
    private static async Task<CliRun> RunWithKeyAsync(string key, params string[] args)
    {
        Environment.SetEnvironmentVariable(KeyVariable, key);
        try
        {
            return await CliRun.InvokeAsync([.. args, "--key-env", KeyVariable]);
        }
        finally
        {
            Environment.SetEnvironmentVariable(KeyVariable, null);
        }
    }

    [Fact]
    public async Task AnyCommand_DevAccountOutOfRange_Refuses()
    {
        var community = await CreateCommunityAsync();

        var run = await CliRun.InvokeAsync("community", "vouch", Address(6), "--rpc", Rpc, "--community", community.Community, "--dev-account", "12");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--dev-account 12 does not exist: use 0 to 9", run.ErrorLine, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnyCommand_UnreachableRpc_SaysCannotReach()
    {
        var run = await CliRun.InvokeAsync("community", "info", "--rpc", "http://127.0.0.1:9", "--community", Address(0));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("Cannot reach a chain at http://127.0.0.1:9/", run.ErrorLine, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Propose_UnknownAction_ListsTheActions()
    {
        var community = await CreateCommunityAsync();

        var run = await CliRun.InvokeAsync("community", "propose", "make-me-king", "--rpc", Rpc, "--community", community.Community, "--dev-account", "0");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("'make-me-king' is not a proposal action: use one of add-steward", run.ErrorLine, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AttestHours_ThenVotes_ShowsOneTokenPerHour()
    {
        var community = await CreateCommunityAsync();

        var attest = await CliRun.InvokeAsync("community", "attest-hours", Address(3), "6", "--evidence", "Food bank", "--rpc", Rpc, "--community", community.Community, "--dev-account", "0");
        var votes = await CliRun.InvokeAsync("community", "votes", Address(3), "--rpc", Rpc, "--community", community.Community);

        Assert.Equal(0, attest.ExitCode);
        Assert.Contains("Attestation 1: 6 hour(s)", attest.Out, StringComparison.Ordinal);
        Assert.Contains($"{Address(3)}: 6 votes.", votes.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnyCommand_PrivateKeyPastedAsAddress_IsNotPrintedBack()
    {
        var key = Accounts[3].PrivateKey;

        var run = await CliRun.InvokeAsync("community", "info", "--rpc", Rpc, "--community", key);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("(hidden: it looks like a private key)", run.ErrorLine, StringComparison.Ordinal);
        Assert.DoesNotContain(key.Replace("0x", "", StringComparison.Ordinal), run.Out + run.Error, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Deploy_SignerWithoutFunds_RefusedInOneLineNotABug()
    {
        var run = await RunWithKeyAsync("0x" + new string('7', 63) + "1", "deploy", "--rpc", Rpc);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains(" has 0 ETH, but the deployment may cost up to ", run.ErrorLine, StringComparison.Ordinal);
        Assert.DoesNotContain("bug", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Up_MalformedRpcUrlVariable_OneLineNotABug()
    {
        Environment.SetEnvironmentVariable("AIDDAO_RPC_URL", "notaurl");
        try
        {
            var run = await CliRun.InvokeAsync("up", "--exit-after-setup");

            Assert.Equal(1, run.ExitCode);
            Assert.Contains("error: AIDDAO_RPC_URL is 'notaurl', which is not an absolute http(s) URL", run.Error, StringComparison.Ordinal);
            Assert.DoesNotContain("bug", run.Error, StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable("AIDDAO_RPC_URL", null);
        }
    }

    [Fact]
    public async Task CommandLine_MissingRequiredOption_OneLineAndExitCode2()
    {
        var run = await CliRun.InvokeAsync("community", "info");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--community", run.ErrorLine, StringComparison.Ordinal);
        Assert.Contains("Run 'aiddao community info --help' for usage.", run.ErrorLine, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CommandLine_UnknownCommand_OneLineAndExitCode2()
    {
        var run = await CliRun.InvokeAsync("comunity", "info");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("comunity", run.ErrorLine, StringComparison.Ordinal);
    }
}
