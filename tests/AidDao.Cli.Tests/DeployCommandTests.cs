using System.Globalization;
using System.Text.RegularExpressions;
using AidDao.Core;
using AidDao.Core.Communities;
using AidDao.Core.Wallets;
using AidDao.TestUtils;
using Xunit;

namespace AidDao.Cli.Tests;

/// <summary>
/// <c>aiddao deploy</c> and networks on an Anvil started as chain 4242, with a keystore wallet in a fresh AIDDAO_HOME:
/// the plan and the refusals before sending, the deployment record, and the commands that read it.
/// </summary>
public sealed partial class DeployCommandTests(NetworkChainFixture network, ChainFixture local) : ChainTest(network), IClassFixture<NetworkChainFixture>
{
    private const string PasswordVariable = "AIDDAO_TEST_DEPLOY_PASSWORD";
    private const string KeyVariable = "AIDDAO_TEST_DEPLOY_KEY";
    private const string Password = "deploy test password";

    private readonly string _home = Directory.CreateTempSubdirectory("aiddao-deploy-").FullName;
    private string? _homeBefore;

    private string Rpc => Devnet.RpcUrl.ToString();

    private EthAddress Deployer => EthAddress.FromChain(Accounts[0].Address);

    private string DefaultRecord => Path.Combine(_home, "deployments", "4242.json");

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        _homeBefore = Environment.GetEnvironmentVariable(AidDaoHome.Variable);
        Environment.SetEnvironmentVariable(AidDaoHome.Variable, _home);
        Environment.SetEnvironmentVariable(PasswordVariable, Password);
        new WalletStore(Path.Combine(_home, "wallets")).Add("deployer", Accounts[0].PrivateKey, Password, 1 << 10);
    }

    public override async ValueTask DisposeAsync()
    {
        Environment.SetEnvironmentVariable(AidDaoHome.Variable, _homeBefore);
        Environment.SetEnvironmentVariable(PasswordVariable, null);
        Environment.SetEnvironmentVariable(KeyVariable, null);
        try
        {
            Directory.Delete(_home, recursive: true);
        }
        finally
        {
            await base.DisposeAsync();
        }
    }

    [Fact]
    public async Task Deploy_KeystoreWalletWithYes_RecordMatchesTheChainAndOtherCommandsUseIt()
    {
        var run = await DeployAsync("--rpc", Rpc);

        Assert.Equal((0, ""), (run.ExitCode, ErrorLines(run)));
        Assert.Contains($"Deploying AidDao to chain 4242 as {Deployer}:", run.Out, StringComparison.Ordinal);
        Assert.Matches(@"Total\s+[\d,]+\r?\n", run.Out);
        Assert.Contains("Fee per gas", run.Out, StringComparison.Ordinal);
        Assert.Contains("Balance      10000 ETH", run.Out, StringComparison.Ordinal);
        Assert.Contains("[6/6] RoundFactory: mined in block", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("(at most)", run.Out, StringComparison.Ordinal);
        foreach (var name in new[] { "Community implementation", "Token implementation", "Pool implementation", "CommunityFactory", "Round implementation", "RoundFactory" })
        {
            // Anvil takes state overrides, so even the factories are estimated exactly before anything exists.
            var estimated = Regex.Match(run.Out, $@"^{name}\s+0x[0-9a-fA-F]{{40}}\s+([\d,]+)\r?$", RegexOptions.Multiline).Groups[1].Value;
            Assert.Matches($@"\] {name}: mined in block \d+ \(gas {estimated}\)\.", run.Error);
        }
        Assert.Matches($@"Record\s+{Regex.Escape(DefaultRecord)}", run.Out);
        var record = DeploymentRecord.Load(DefaultRecord);
        Assert.Equal((null, 4242L, Deployer, 6), (record.Network, record.ChainId, record.Deployer, record.Contracts.Count));
        var web3 = new Nethereum.Web3.Web3(Rpc);
        foreach (var (contract, deployed) in record.Contracts)
        {
            var receipt = await web3.Eth.Transactions.GetTransactionReceipt.SendRequestAsync(deployed.TransactionHash);
            Assert.Equal((deployed.Address.Value, deployed.Block), (EthAddress.FromChain(receipt.ContractAddress).Value, (long)receipt.BlockNumber.Value));
            Assert.NotEqual("0x", await web3.Eth.GetCode.SendRequestAsync(deployed.Address.Value));
            Assert.Contains($"{deployed.Address}", run.Out, StringComparison.Ordinal);
        }

        var community = await CliAsync("community", "create", "--rpc", Rpc, "--name", "Record test", "--symbol", "REC", "--stewards", Deployer.Value);
        var address = CreatedCommunity().Match(community.Out).Groups[1].Value;
        var pool = await CliAsync("pool", "create", "--rpc", Rpc, "--community", address, "--name", "Fund", "--asset", "ETH:max=1:cap=2");
        var rounds = await CliAsync("round", "list", "--rpc", Rpc, "--community", address);

        Assert.Equal((0, ""), (community.ExitCode, community.Error));
        Assert.Equal((0, ""), (pool.ExitCode, pool.Error));
        Assert.Equal((0, ""), (rounds.ExitCode, rounds.Error));
        var factory = new CommunityFactoryService(web3, record.CommunityFactory);
        Assert.True(await factory.IsCommunityAsync(EthAddress.Parse(address), Ct));
    }

    [Fact]
    public async Task Deploy_Again_RefusedWithoutForceAndReplacedWithIt()
    {
        await DeployAsync("--rpc", Rpc);
        var first = DeploymentRecord.Load(DefaultRecord);
        var nonce = await NonceAsync();

        var again = await DeployAsync("--rpc", Rpc);
        var forced = await DeployAsync("--rpc", Rpc, "--force");

        Assert.Equal(2, again.ExitCode);
        Assert.Equal($"error: AidDao is already deployed on chain 4242: the record {DefaultRecord} names the CommunityFactory {first.CommunityFactory}, "
            + "which is still there. Use it, or add --force to deploy again and replace the record.", again.ErrorLine);
        Assert.Equal(0, forced.ExitCode);
        Assert.Equal(nonce + 6, await NonceAsync());
        Assert.NotEqual(first.CommunityFactory, DeploymentRecord.Load(DefaultRecord).CommunityFactory);
    }

    [Fact]
    public async Task Deploy_NodeWithoutStateOverrides_FactoriesGetABoundAndStillDeploy()
    {
        await using var proxy = await RpcFaultProxy.StartAsync(Devnet.RpcUrl, Ct);
        proxy.FailNext("eth_estimateGas", 2, RpcFault.JsonRpcError(-32602, "too many params"), parameters => parameters.GetArrayLength() == 3);

        var run = await DeployAsync("--rpc", proxy.Url.ToString());

        Assert.Equal((0, 2), (run.ExitCode, proxy.Injected));
        Assert.Matches(@"CommunityFactory\s+0x[0-9a-fA-F]{40}\s+[\d,]+ \(at most\)", run.Out);
        Assert.Matches(@"RoundFactory\s+0x[0-9a-fA-F]{40}\s+[\d,]+ \(at most\)", run.Out);
        Assert.Contains("this node cannot estimate the factories before the implementations exist", run.Out, StringComparison.Ordinal);
        Assert.Equal(6, DeploymentRecord.Load(DefaultRecord).Contracts.Count);
    }

    [Fact]
    public async Task Network_FromTheNetworksFile_FallsBackPastADeadUrlAndNamesTheRecord()
    {
        WriteNetworks($$"""{ "networks": { "coop": { "chainId": 4242, "rpcUrls": ["http://127.0.0.1:1/", "{{Rpc}}"], "confirmations": 3 } } }""");

        var run = await DeployAsync("--network", "coop");
        var community = await CliAsync("community", "create", "--network", "coop", "--name", "Coop", "--symbol", "COOP", "--stewards", Deployer.Value);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains($"Deploying AidDao to coop (chain 4242) as {Deployer}:", run.Out, StringComparison.Ordinal);
        var record = DeploymentRecord.Load(Path.Combine(_home, "deployments", "coop.json"));
        Assert.Equal(("coop", 4242L), (record.Network, record.ChainId));
        Assert.False(File.Exists(DefaultRecord));
        Assert.Equal((0, ""), (community.ExitCode, community.Error));
    }

    [Fact]
    public async Task Network_NodeOnAnotherChain_RefusedNamingBothChains()
    {
        WriteNetworks("""{ "networks": { "coop": { "chainId": 4242, "rpcUrls": ["http://127.0.0.1:1/"] } } }""");
        var localRpc = local.Devnet.RpcUrl;

        var coopOnLocal = await DeployAsync("--network", "coop", "--rpc", localRpc.ToString());
        var localOnCoop = await CliAsync("community", "create", "--network", "local", "--rpc", Rpc, "--name", "X", "--symbol", "X", "--stewards", Deployer.Value);

        Assert.Equal(2, coopOnLocal.ExitCode);
        Assert.Equal($"error: The node at {Redaction.Url(localRpc)} is on chain 31337, but network 'coop' is chain 4242: check --rpc or --network.", coopOnLocal.ErrorLine);
        Assert.Equal(2, localOnCoop.ExitCode);
        Assert.Equal($"error: The node at {Redaction.Url(Devnet.RpcUrl)} is on chain 4242, but network 'local' is chain 31337: check --rpc or --network.", localOnCoop.ErrorLine);
    }

    [Fact]
    public async Task Deploy_NoYesAndNoTerminal_RefusedAndNothingSent()
    {
        Assert.SkipUnless(Console.IsInputRedirected, "standard input is a terminal here, so the deployment would ask");
        var nonce = await NonceAsync();

        var run = await CliRun.InvokeAsync("deploy", "--rpc", Rpc, "--wallet", "deployer", "--password-env", PasswordVariable);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("error: Standard input is not a terminal, so there is no one to ask: add --yes to deploy without a prompt; nothing was sent.", run.ErrorLine);
        Assert.Contains("Total", run.Out, StringComparison.Ordinal);
        Assert.Equal(nonce, await NonceAsync());
        Assert.False(File.Exists(DefaultRecord));
    }

    [Fact]
    public async Task Deploy_BalanceBelowTheMostItMayCost_RefusedBeforeSending()
    {
        const string key = "0x7a11ce00000000000000000000000000000000000000000000000000000000a1";
        var poor = EthAddress.FromChain(new Nethereum.Web3.Accounts.Account(key).Address);
        await Devnet.RequestAsync("anvil_setBalance", [poor.Value, "0x38d7ea4c68000"], Ct);  // 0.001 ETH
        Environment.SetEnvironmentVariable(KeyVariable, key);

        var run = await CliRun.InvokeAsync("deploy", "--rpc", Rpc, "--key-env", KeyVariable, "--yes");

        Assert.Equal(1, run.ExitCode);
        Assert.Matches($@"^error: {poor} has 0\.001 ETH, but the deployment may cost up to [0-9.]+ ETH on chain 4242: fund the account and run again; nothing was sent\.$", run.ErrorLine);
        Assert.Equal(0, (int)(await new Nethereum.Web3.Web3(Rpc).Eth.Transactions.GetTransactionCount.SendRequestAsync(poor.Value)).Value);
    }

    [Fact]
    public async Task CommunityCreate_RecordMissingOrStale_SaysToDeployOrGiveTheFactory()
    {
        string[] create = ["community", "create", "--rpc", Rpc, "--name", "X", "--symbol", "X", "--stewards", Deployer.Value];
        var missing = await CliAsync(create);
        await DeployAsync("--rpc", Rpc);
        var factory = DeploymentRecord.Load(DefaultRecord).CommunityFactory;
        await Devnet.RequestAsync("anvil_setCode", [factory.Value, "0x"], Ct);

        var stale = await CliAsync(create);

        Assert.Equal(2, missing.ExitCode);
        Assert.Equal($"error: No deployment record for chain 4242 at {DefaultRecord}: run 'aiddao deploy' or give --factory.", missing.ErrorLine);
        Assert.Equal(2, stale.ExitCode);
        Assert.Equal($"error: The deployment record {DefaultRecord} is stale: chain 4242 has no CommunityFactory at {factory} (was the chain reset?). "
            + "Run 'aiddao deploy' again, or give --factory.", stale.ErrorLine);
    }

    [Fact]
    public async Task Deploy_ReceiptDoesNotComeInTime_NamesThePendingTransactionAndItsNonce()
    {
        var nonce = await NonceAsync();
        await Devnet.RequestAsync("evm_setAutomine", [false], Ct);
        CliRun run;
        try
        {
            run = await DeployAsync("--rpc", Rpc, "--receipt-timeout", "2s");
        }
        finally
        {
            await Devnet.RequestAsync("anvil_dropAllTransactions", [], Ct);
            await Devnet.RequestAsync("evm_setAutomine", [true], Ct);
        }

        Assert.Equal(1, run.ExitCode);
        var hash = Regex.Match(run.Error, @"\[1/6\] Community implementation: sent (0x[0-9a-f]{64})").Groups[1].Value;
        Assert.Equal($"error: Transaction {hash}, the Community implementation (transaction 1 of 6, nonce {nonce}), was sent but not mined within 2 s, "
            + $"and is still pending: its fee may be too low for the chain now, or an earlier transaction of {Deployer} is stuck before it. Wait until it is mined "
            + $"or dropped (look it up on a block explorer), or replace it with a transaction of nonce {nonce} and a higher fee; then deploy again (give a longer "
            + "--receipt-timeout on a slow chain). No contract was mined, so there is nothing to record.", ErrorLines(run));
        Assert.False(File.Exists(DefaultRecord));
    }

    [Fact]
    public async Task Deploy_StopsAfterTwoContractsWereMined_RecordsThemAsIncompleteAndNothingTakesItForADeployment()
    {
        await using var proxy = await RpcFaultProxy.StartAsync(Devnet.RpcUrl, Ct);
        var sends = 0;
        proxy.FailNext("eth_sendRawTransaction", 1, RpcFault.JsonRpcError(-32000, "insufficient funds for gas * price + value"), _ => ++sends == 3);
        var nonce = await NonceAsync();

        var stopped = await DeployAsync("--rpc", proxy.Url.ToString());
        var community = await CliAsync("community", "create", "--rpc", Rpc, "--name", "X", "--symbol", "X", "--stewards", Deployer.Value);
        var again = await DeployAsync("--rpc", Rpc);

        Assert.Equal(1, stopped.ExitCode);
        Assert.Equal($"error: Sending the EmergencyPool implementation (transaction 3 of 6, nonce {nonce + 2}) failed: The node refused the request: "
            + "insufficient funds for gas * price + value: eth_sendRawTransaction. Check the signer's balance, nonce and fees. The deployment is incomplete: 2 of 6 contracts were mined "
            + $"(listed above), recorded in {DefaultRecord} as incomplete (no command takes it for a deployment); 'aiddao deploy' starts over.", ErrorLines(stopped));
        Assert.Matches(@"Community implementation\s+0x[0-9a-fA-F]{40}\s+\d+\s+0x[0-9a-f]{64}\r?\nToken implementation\s+0x", stopped.Out);
        Assert.Equal(2, community.ExitCode);
        Assert.Equal($"error: The deployment record {DefaultRecord} is of a deployment that did not finish (it stopped after 2 of 6 contracts), "
            + "so it names no factory to use: run 'aiddao deploy' again, or give --factory.", community.ErrorLine);
        Assert.Equal(0, again.ExitCode);
        Assert.Contains($"The record {DefaultRecord} is of a deployment that did not finish (2 of 6 contracts mined), not of a finished one: "
            + "deploying all of them anew, and replacing it.", again.Error, StringComparison.Ordinal);
        var record = DeploymentRecord.Load(DefaultRecord);
        Assert.Equal((false, 6), (record.IsIncomplete, record.Contracts.Count));
    }

    [Fact]
    public async Task CommunityCreate_ChainIdAndNetworkRecordsNameDifferentFactories_RefusedAsAmbiguousUnlessTheyAgree()
    {
        WriteNetworks($$"""{ "networks": { "coop": { "chainId": 4242, "rpcUrls": ["{{Rpc}}"] } } }""");
        var coopRecord = Path.Combine(_home, "deployments", "coop.json");
        Record("coop", 0x10).Save(coopRecord);
        Record(null, 0x20).Save(DefaultRecord);
        string[] create = ["community", "create", "--rpc", Rpc, "--name", "X", "--symbol", "X", "--stewards", Deployer.Value];

        var ambiguous = await CliAsync(create);
        Record(null, 0x10).Save(DefaultRecord);
        var agreeing = await CliAsync(create);

        Assert.Equal(2, ambiguous.ExitCode);
        Assert.Equal($"error: There are 2 deployment records for chain 4242, and they do not name the same CommunityFactory: {DefaultRecord} and {coopRecord}. "
            + "Give the one to use with --deployment PATH (and move the other away).", ambiguous.ErrorLine);
        Assert.Equal(2, agreeing.ExitCode);
        Assert.StartsWith($"error: The deployment record {DefaultRecord} is stale: chain 4242 has no CommunityFactory at ", agreeing.ErrorLine, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Network_UrlPlaceholderNamesTheKeyVariable_RefusedBeforeReadingIt()
    {
        WriteNetworks("""{ "networks": { "coop": { "chainId": 4242, "rpcUrls": ["http://127.0.0.1:1/?k=${AIDDAO_TEST_DEPLOY_KEY}"] } } }""");
        Environment.SetEnvironmentVariable(KeyVariable, Accounts[0].PrivateKey);

        var run = await CliRun.InvokeAsync("deploy", "--network", "coop", "--key-env", KeyVariable, "--yes");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("error: Network 'coop' has an RPC URL with ${AIDDAO_TEST_DEPLOY_KEY}, which names a secret (a key, password, mnemonic or seed) "
            + "that AidDao never sends to a node: remove it from the networks file, and check who wrote that file.", run.ErrorLine);
    }

    /// <summary>A record of chain 4242 whose CommunityFactory is address <paramref name="factory"/> (no code there).</summary>
    private DeploymentRecord Record(string? network, int factory)
    {
        static EthAddress At(int n) => EthAddress.Parse("0x" + n.ToString("x40", CultureInfo.InvariantCulture));
        var deployment = new AidDaoDeployment(NetworkChainFixture.ChainId, At(factory), At(1), At(2), At(3), At(factory + 1), At(5),
            [.. Enumerable.Range(1, 6).Select(i => new Core.Transactions.TransactionOutcome($"0x0{i}", i, 1000))]);
        return DeploymentRecord.From(deployment, network, Deployer, DateTimeOffset.UnixEpoch);
    }

    private static Task<CliRun> DeployAsync(params string[] args) => CliAsync(["deploy", .. args, "--yes"]);

    private static Task<CliRun> CliAsync(params string[] args) =>
        CliRun.InvokeAsync([.. args, "--wallet", "deployer", "--password-env", PasswordVariable]);

    private async Task<long> NonceAsync() =>
        (long)(await new Nethereum.Web3.Web3(Rpc).Eth.Transactions.GetTransactionCount.SendRequestAsync(Deployer.Value)).Value;

    private void WriteNetworks(string json) => File.WriteAllText(Path.Combine(_home, "networks.json"), json);

    /// <summary>Standard error without the progress lines of a deployment.</summary>
    private static string ErrorLines(CliRun run) =>
        string.Join('\n', run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => !l.StartsWith('[')));

    [GeneratedRegex("community (0x[0-9a-fA-F]{40})")]
    private static partial Regex CreatedCommunity();
}
