using System.Numerics;
using Xunit;
using AidDao.Contracts.Testing.FeeOnTransferToken;
using AidDao.Contracts.Testing.FeeOnTransferToken.ContractDefinition;
using AidDao.Contracts.Testing.HostileRecipient;
using AidDao.Contracts.Testing.HostileRecipient.ContractDefinition;
using AidDao.Contracts.Testing.TestToken;
using AidDao.Contracts.Testing.TestToken.ContractDefinition;
using AidDao.Core;
using AidDao.Core.Communities;
using AidDao.Core.Pools;
using AidDao.TestUtils;

namespace AidDao.Cli.Tests;

/// <summary>
/// <c>aiddao pool ...</c> against the test chain: a community with stewards 0 and 1 (M = 2) and members 3 and 4, and a
/// pool that accepts ETH (1 token per ETH, at most 2 ETH a request, 5 ETH a window, 1 ETH reserve, 0.5 ETH fast path)
/// and may mint the community's RIVER tokens.
/// </summary>
public sealed class PoolCommandTests(ChainFixture fixture) : ChainTest(fixture)
{
    private const string EthRules = "ETH:rate=1:max=2:cap=5:reserve=1:fast=0.5";
    private static readonly BigInteger Ether = BigInteger.Pow(10, 18);

    private string Rpc => Devnet.RpcUrl.ToString();

    private EthAddress Address(int index) => EthAddress.FromChain(Accounts[index].Address);

    private async Task<(AidDaoDeployment Deployment, EthAddress Community)> CreateCommunityAsync()
    {
        var web3 = Web3For(0);
        var deployment = await AidDaoDeployer.DeployAsync(web3, Ct);
        var created = await new CommunityFactoryService(web3, deployment.CommunityFactory).CreateCommunityAsync(new CommunitySettings
        {
            Name = "Pool CLI test",
            TokenSymbol = "RIVER",
            Stewards = [Address(0), Address(1)],
            Threshold = 2,
            Members = [Address(3), Address(4)],
        }, Ct);
        return (deployment, created.Community);
    }

    /// <summary>
    /// The community and its pool, made a minter and put in service by both stewards (change 1, Unpause: a new pool starts
    /// paused), so the changes a test proposes are numbered from 2.
    /// </summary>
    private async Task<EthAddress> CreatePoolAsync()
    {
        var (deployment, community) = await CreateCommunityAsync();
        var pool = await new CommunityFactoryService(Web3For(0), deployment.CommunityFactory).CreatePoolAsync(community, new PoolConfiguration
        {
            Name = "Riverside Emergency Fund",
            Assets = [new AssetRules(EthAddress.Zero, Ether, 2 * Ether, 5 * Ether, Ether, Ether / 2)],
        }, Ct);
        var proposal = await (await CommunityService.ConnectAsync(Web3For(0), community, Ct)).ProposeMinterAsync(pool.Pool, true, Ct);
        await (await CommunityService.ConnectAsync(Web3For(1), community, Ct)).ApproveAsync(proposal.ProposalId, Ct);
        // A new pool starts paused until M stewards accept its rules.
        var unpause = await (await EmergencyPoolService.ConnectAsync(Web3For(0), pool.Pool, Ct)).ProposeUnpauseAsync(Ct);
        await (await EmergencyPoolService.ConnectAsync(Web3For(1), pool.Pool, Ct)).ApproveChangeAsync(unpause.ChangeId, Ct);
        return pool.Pool;
    }

    /// <summary>A pool holding <paramref name="ether"/> ETH from donor account 6.</summary>
    private async Task<EthAddress> CreateFundedPoolAsync(int ether = 4)
    {
        var pool = await CreatePoolAsync();
        await (await PoolAs(6, pool)).DepositAsync(PoolAsset.Eth, ether * Ether, Ct);
        return pool;
    }

    private async Task<EmergencyPoolService> PoolAs(int account, EthAddress pool) => await EmergencyPoolService.ConnectAsync(Web3For(account), pool, Ct);

    /// <summary>Runs <c>aiddao pool ARGS --pool POOL --rpc RPC</c>, signing as dev account <paramref name="account"/> when given.</summary>
    private Task<CliRun> Pool(EthAddress pool, int? account, params string[] args) =>
        CliRun.InvokeAsync([
            "pool", .. args, "--pool", pool, "--rpc", Rpc, .. account is { } a ? new[] { "--dev-account", a.ToString(System.Globalization.CultureInfo.InvariantCulture) } : []]);

    /// <summary>Member 3 asks for 0.5 ETH for account 8 with urgency 4.</summary>
    private Task<CliRun> RequestHalfEthAsync(EthAddress pool) =>
        Pool(pool, 3, "request", "0.5", "--recipient", Address(8), "--urgency", "4", "--details", "Rent due tomorrow");

    [Fact]
    public async Task Create_WithProposeMinter_PrintsPoolAddressAndFilesTheProposal()
    {
        var (deployment, community) = await CreateCommunityAsync();

        var run = await CliRun.InvokeAsync("pool", "create", "--factory", deployment.CommunityFactory, "--community", community, "--name", "Flood fund",
            "--window", "12h", "--cooldown", "90m", "--asset", EthRules, "--propose-minter", "--rpc", Rpc, "--dev-account", "0");

        Assert.Equal(0, run.ExitCode);
        var pools = await new CommunityFactoryService(Web3For(0), deployment.CommunityFactory).GetPoolsAsync(community, Ct);
        var pool = Assert.Single(pools);
        Assert.Contains($"Created pool 'Flood fund': {pool}", run.Out, StringComparison.Ordinal);
        Assert.Contains("Proposal 1 (SetMinter) has 1 of 2 approvals", run.Out, StringComparison.Ordinal);
        Assert.Contains($"The pool starts paused: it pays once M stewards accept its rules. Change 1 (Unpause) has 1 of 2 approvals; other stewards run 'aiddao pool change approve 1 --pool {pool}'.",
            run.Out, StringComparison.Ordinal);
        var status = await (await PoolAs(0, pool)).GetStatusAsync(cancellationToken: Ct);
        Assert.True(status.Paused);
        Assert.Equal(TimeSpan.FromHours(12), status.Window);
        Assert.Equal(TimeSpan.FromMinutes(90), status.Cooldown);
        Assert.Equal(new AssetRules(EthAddress.Zero, Ether, 2 * Ether, 5 * Ether, Ether, Ether / 2), Assert.Single(status.Assets).Rules);
    }

    [Fact]
    public async Task Create_WithoutProposeMinter_RemindsThatTheCommunityMustMakeItAMinter()
    {
        var (deployment, community) = await CreateCommunityAsync();

        var run = await CliRun.InvokeAsync("pool", "create", "--factory", deployment.CommunityFactory, "--community", community, "--name", "Flood fund",
            "--asset", EthRules, "--rpc", Rpc, "--dev-account", "0");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("aiddao community propose set-minter --target 0x", run.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ETH:max=2", "needs at least max= and cap=")]
    [InlineData("ETH:max=2:cap=5:size=3", "'size=3' in --asset ETH is not KEY=AMOUNT")]
    [InlineData("ETH:max=2:cap=1", "per-request limit for ETH cannot exceed its window cap")]
    [InlineData("ETH:max=0.0000000000000000001:cap=5", "more than 18 decimal places")]
    [InlineData("DOGE:max=2:cap=5", "must start with ETH or a token address")]
    public async Task Create_BadAsset_ExitCode2AndNoPool(string asset, string message)
    {
        var (deployment, community) = await CreateCommunityAsync();

        var run = await CliRun.InvokeAsync("pool", "create", "--factory", deployment.CommunityFactory, "--community", community, "--name", "Flood fund",
            "--asset", asset, "--rpc", Rpc, "--dev-account", "0");

        AssertFails(run, 2, message);
        Assert.Empty(await new CommunityFactoryService(Web3For(0), deployment.CommunityFactory).GetPoolsAsync(community, Ct));
    }

    [Fact]
    public async Task Create_BadDuration_ExitCode2()
    {
        var run = await CliRun.InvokeAsync("pool", "create", "--factory", Address(0), "--community", Address(0), "--name", "Flood fund",
            "--window", "1 fortnight", "--asset", EthRules, "--rpc", Rpc, "--dev-account", "0");

        AssertFails(run, 2, "'1 fortnight' is not a duration for --window");
    }

    [Fact]
    public async Task Deposit_Eth_PrintsAmountAndContributionTokens()
    {
        var pool = await CreatePoolAsync();

        var run = await Pool(pool, 6, "deposit", "0.5");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("Deposited 0.5 ETH (deposit 1); you received 0.5 RIVER contribution tokens.", run.Out.Trim());
    }

    [Fact]
    public async Task Tokens_CreateAndDeposit_UseEachTokensDecimalsAndSayWhatArrived()
    {
        var (deployment, community) = await CreateCommunityAsync();
        var usdc = await TestTokenService.DeployContractAndGetServiceAsync(Web3For(0), new TestTokenDeployment { Name = "USD Coin", Symbol = "USDC", Decimals = 6 });
        var fee = await FeeOnTransferTokenService.DeployContractAndGetServiceAsync(Web3For(0), new FeeOnTransferTokenDeployment { Feebasispoints = 100 });
        await usdc.MintRequestAndWaitForReceiptAsync(Accounts[6].Address, 1_000_000_000);
        await fee.MintRequestAndWaitForReceiptAsync(Accounts[6].Address, 100 * Ether);

        var create = await CliRun.InvokeAsync("pool", "create", "--factory", deployment.CommunityFactory, "--community", community, "--name", "Tokens",
            "--asset", EthRules, "--asset", $"{usdc.ContractAddress}:rate=0.5:max=100:cap=500:reserve=0.25", "--asset", $"{fee.ContractAddress}:rate=1:max=10:cap=50",
            "--propose-minter", "--rpc", Rpc, "--dev-account", "0");
        var pool = Assert.Single(await new CommunityFactoryService(Web3For(0), deployment.CommunityFactory).GetPoolsAsync(community, Ct));
        await (await CommunityService.ConnectAsync(Web3For(1), community, Ct)).ApproveAsync(1, Ct);
        var usdcDeposit = await Pool(pool, 6, "deposit", "12.5", "--asset", "usdc");
        var feeDeposit = await Pool(pool, 6, "deposit", "10", "--asset", fee.ContractAddress);
        var tooPrecise = await Pool(pool, 6, "deposit", "1.0000001", "--asset", "USDC");

        Assert.Equal(0, create.ExitCode);
        var rules = (await (await PoolAs(0, pool)).GetStatusAsync(cancellationToken: Ct)).Assets.Single(a => a.Asset.Symbol == "USDC").Rules;
        Assert.Equal(new AssetRules(EthAddress.Parse(usdc.ContractAddress), Ether / 2 * Ether / 1_000_000, 100_000_000, 500_000_000, 250_000, 0), rules);
        Assert.Equal("Deposited 12.5 USDC (deposit 1); you received 6.25 RIVER contribution tokens.", usdcDeposit.Out.Trim());
        Assert.Equal("Deposited 9.9 FEE (deposit 2; you sent 10 FEE, the token kept 0.1 FEE as a transfer fee); you received 9.9 RIVER contribution tokens.",
            feeDeposit.Out.Trim());
        AssertFails(tooPrecise, 2, "'1.0000001' has more than 6 decimal places, the most USDC allows.");
    }

    [Fact]
    public async Task Approve_RecipientRefusesEth_SaysThePaymentIsKeptForThem()
    {
        var pool = await CreateFundedPoolAsync();
        var hostile = await HostileRecipientService.DeployContractAndGetServiceAsync(Web3For(0), new HostileRecipientDeployment { Pool = pool });
        await hostile.SetModeRequestAndWaitForReceiptAsync(1, 0);
        await Pool(pool, 3, "request", "0.5", "--recipient", hostile.ContractAddress, "--urgency", "3", "--details", "Shelter deposit");
        await Pool(pool, 0, "approve", "1");

        var run = await Pool(pool, 1, "approve", "1");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal($"Request 1 approved and paid: 0.5 ETH for {EthAddress.Parse(hostile.ContractAddress)}, but the recipient could not take the payment; "
            + "it is kept for them to withdraw with 'aiddao pool withdraw'.", run.Out.Trim());
    }

    [Fact]
    public async Task Request_ThenTwoApprovalsByDifferentStewards_PaysTheRecipient()
    {
        var pool = await CreateFundedPoolAsync();
        var before = (await Web3For(0).Eth.GetBalance.SendRequestAsync(Address(8))).Value;

        var request = await RequestHalfEthAsync(pool);
        var first = await Pool(pool, 0, "approve", "1");
        var second = await Pool(pool, 1, "approve", "1");

        Assert.Equal(0, request.ExitCode);
        Assert.Contains($"Request 1 filed: 0.5 ETH for {Address(8)}, urgency 4; stewards can approve it until ", request.Out, StringComparison.Ordinal);
        Assert.Contains($"Only the hash of the details (0x{Convert.ToHexStringLower(DetailsHash.Of("Rent due tomorrow"))}) was sent", request.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("Rent due tomorrow", request.Out, StringComparison.Ordinal);
        Assert.Equal("Request 1 approved (1 of 2 approvals).", first.Out.Trim());
        Assert.Equal($"Request 1 approved and paid: 0.5 ETH sent to {Address(8)}.", second.Out.Trim());
        var after = (await Web3For(0).Eth.GetBalance.SendRequestAsync(Address(8))).Value;
        Assert.Equal(Ether / 2, after - before);
    }

    [Fact]
    public async Task Approve_Twice_SecondFailsWithAlreadyHasYourApproval()
    {
        var pool = await CreateFundedPoolAsync();
        await RequestHalfEthAsync(pool);

        await Pool(pool, 0, "approve", "1");
        var again = await Pool(pool, 0, "approve", "1");

        AssertFails(again, 1, "already has your approval");
    }

    [Fact]
    public async Task Request_OverPerRequestLimit_FailsNamingTheLimitInEth()
    {
        var pool = await CreateFundedPoolAsync();

        var run = await Pool(pool, 3, "request", "2.5", "--recipient", Address(8), "--urgency", "5", "--details", "Roof");

        AssertFails(run, 1, "exceeds the pool's per-request limit of 2 ETH");
    }

    [Fact]
    public async Task Status_ShowsTheAssetRowAndThePendingRequestWithItsApprovals()
    {
        var pool = await CreateFundedPoolAsync();
        await RequestHalfEthAsync(pool);
        await Pool(pool, 0, "approve", "1");

        var run = await Pool(pool, null, "status");

        Assert.Equal(0, run.ExitCode);
        var lines = run.Out.Split(Environment.NewLine);
        Assert.Contains(lines, l => l.StartsWith("Pool", StringComparison.Ordinal) && l.EndsWith("Riverside Emergency Fund", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("Emergency", StringComparison.Ordinal) && l.EndsWith("none", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("Payments", StringComparison.Ordinal) && l.EndsWith("running", StringComparison.Ordinal));
        // ASSET DEPOSITED PAID-OUT OWED AVAILABLE WINDOW-USED / CAP PER-REQUEST RESERVE FAST-PATH RATE
        Assert.Equal(["ETH", "4", "0", "0", "4", "0", "/", "5", "2", "1", "0.5", "1"], Cells(Assert.Single(lines, l => l.StartsWith("ETH ", StringComparison.Ordinal))));
        // ID URGENCY AMOUNT RECIPIENT APPROVALS EXPIRES
        var pending = Cells(Assert.Single(lines, l => l.Contains(Address(8), StringComparison.Ordinal)));
        Assert.Equal(["1", "4/5", "0.5", "ETH", Address(8), "1/2"], pending[..6]);
        Assert.DoesNotContain("\u001b", run.Out, StringComparison.Ordinal);
    }

    private static void AssertFails(CliRun run, int exitCode, string message)
    {
        Assert.Equal(exitCode, run.ExitCode);
        Assert.Contains(message, run.ErrorLine, StringComparison.Ordinal);
        Assert.Empty(run.Out);
    }

    private static string[] Cells(string line) => line.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    [Fact]
    public async Task Show_Request_PrintsItInFull()
    {
        var pool = await CreateFundedPoolAsync();
        await RequestHalfEthAsync(pool);

        var run = await Pool(pool, null, "show", "1");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("pending: waiting for steward decisions", run.Out, StringComparison.Ordinal);
        Assert.Contains($"Requester     {Address(3)}", run.Out, StringComparison.Ordinal);
        Assert.Contains("0 of 2 needed", run.Out, StringComparison.Ordinal);
        Assert.Contains(Convert.ToHexStringLower(DetailsHash.Of("Rent due tomorrow")), run.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1.2.3|--urgency|4|--details|Rent", "'1.2.3' is not an amount")]
    [InlineData("0.0000000000000000001|--urgency|4|--details|Rent", "more than 18 decimal places")]
    [InlineData("0.5|--urgency|4|--details|Rent|--asset|DOGE", "This pool does not accept 'DOGE'; it accepts ETH.")]
    [InlineData("0.5|--urgency|0|--details|Rent", "--urgency 0 is not valid")]
    [InlineData("0.5|--urgency|4|--details|  ", "A request needs details")]
    [InlineData("0.5|--urgency|4", "A request needs its details: give --details TEXT or --details-file PATH")]
    [InlineData("0.5|--urgency|4|--details-file|/nonexistent/letter.txt", "does not exist")]
    [InlineData("0.5|--urgency|4|--details|Rent|--recipient|0x1234", "'0x1234' is not a valid --recipient address")]
    public async Task Request_BadInput_ExitCode2AndNothingSent(string args, string message)
    {
        var pool = await CreateFundedPoolAsync();
        var given = args.Split('|');
        string[] recipient = given.Contains("--recipient") ? [] : ["--recipient", Address(8)];

        var run = await Pool(pool, 3, ["request", .. given, .. recipient]);

        AssertFails(run, 2, message);
        Assert.Equal(0, (await (await PoolAs(0, pool)).GetStatusAsync(cancellationToken: Ct)).RequestCount);
    }

    [Fact]
    public async Task Request_DetailsFromFile_SendsOnlyTheFilesHash()
    {
        var pool = await CreateFundedPoolAsync();
        var path = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(path, "Landlord's letter: rent due on the 1st.", Ct);

            var run = await Pool(pool, 3, "request", "1", "--recipient", Address(8), "--urgency", "2", "--details-file", path);

            Assert.Equal(0, run.ExitCode);
            var request = await (await PoolAs(0, pool)).GetRequestAsync(1, Ct);
            Assert.Equal("0x" + Convert.ToHexStringLower(DetailsHash.OfBytes(await File.ReadAllBytesAsync(path, Ct))), request.DetailsHash);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Pause_ThenApprove_FailsSayingPaymentsArePaused()
    {
        var pool = await CreateFundedPoolAsync();
        await RequestHalfEthAsync(pool);
        await Pool(pool, 0, "approve", "1");

        var pause = await Pool(pool, 1, "pause");
        var approve = await Pool(pool, 1, "approve", "1");
        var status = await Pool(pool, null, "status");

        Assert.Equal(0, pause.ExitCode);
        Assert.StartsWith("Payments from the pool are paused", pause.Out, StringComparison.Ordinal);
        AssertFails(approve, 1, "error: Payments from this pool are paused; M stewards must approve an Unpause change first.");
        Assert.Contains("PAUSED: resuming needs an Unpause change approved by 2 steward(s)", status.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unpause_ProposedAndApproved_ThenExecutePays()
    {
        var pool = await CreateFundedPoolAsync();
        await RequestHalfEthAsync(pool);
        await Pool(pool, 0, "approve", "1");
        await Pool(pool, 1, "pause");

        var propose = await Pool(pool, 0, "unpause");
        var approveChange = await Pool(pool, 1, "change", "approve", "2");
        var secondApproval = await Pool(pool, 1, "approve", "1");

        Assert.Contains("Change 2 (resume payments) has 1 of 2 approvals; other stewards approve it with 'aiddao pool change approve 2 --pool", propose.Out, StringComparison.Ordinal);
        Assert.Equal("Change 2 passed with 2 of 2 approvals; it is in effect now.", approveChange.Out.Trim());
        Assert.Equal($"Request 1 approved and paid: 0.5 ETH sent to {Address(8)}.", secondApproval.Out.Trim());
    }

    [Fact]
    public async Task EmergencyDeclare_WithMApprovals_StatusShowsTheEmergency()
    {
        var pool = await CreateFundedPoolAsync();

        var declare = await Pool(pool, 0, "emergency", "declare", "--duration", "48h", "--statement", "River flooded the lower town");
        var approve = await Pool(pool, 1, "change", "approve", "2");
        var status = await Pool(pool, null, "status");

        Assert.Equal(0, declare.ExitCode);
        Assert.Contains("Change 2 (declare an emergency for 2 days) has 1 of 2 approvals", declare.Out, StringComparison.Ordinal);
        Assert.Contains("Only the statement's hash is recorded", declare.Out, StringComparison.Ordinal);
        Assert.Equal(0, approve.ExitCode);
        Assert.Contains("passed with 2 of 2 approvals", approve.Out, StringComparison.Ordinal);
        Assert.Contains(status.Out.Split(Environment.NewLine), l => l.StartsWith("Emergency", StringComparison.Ordinal) && l.Contains("in force until ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task EmergencyEnd_WithoutEmergency_FailsWithTheContractsSentence()
    {
        var pool = await CreateFundedPoolAsync();

        var run = await Pool(pool, 0, "emergency", "end");

        AssertFails(run, 1, "error: No emergency is in force, so there is none to end.");
    }

    [Fact]
    public async Task ChangeCancel_ByItsProposer_Cancels()
    {
        var pool = await CreateFundedPoolAsync();
        await Pool(pool, 0, "limits", "--asset", "ETH", "--reserve", "0");

        var cancel = await Pool(pool, 0, "change", "cancel", "2");
        var approve = await Pool(pool, 1, "change", "approve", "2");

        Assert.Equal("Change 2 cancelled.", cancel.Out.Trim());
        AssertFails(approve, 1, "error: Change 2 is already cancelled; nothing more can be done with it.");
    }

    [Fact]
    public async Task Limits_OnlyMaxGiven_KeepsTheOtherLimits()
    {
        var pool = await CreateFundedPoolAsync();

        var propose = await Pool(pool, 0, "limits", "--asset", "eth", "--max", "1.5");
        var approve = await Pool(pool, 1, "change", "approve", "2");

        Assert.Equal(0, propose.ExitCode);
        Assert.Contains("(limits of ETH: rate 1, max 1.5 ETH, cap 5 ETH, reserve 1 ETH, fast 0.5 ETH) has 1 of 2 approvals", propose.Out, StringComparison.Ordinal);
        Assert.Equal(0, approve.ExitCode);
        var rules = Assert.Single((await (await PoolAs(0, pool)).GetStatusAsync(cancellationToken: Ct)).Assets).Rules;
        Assert.Equal(new AssetRules(EthAddress.Zero, Ether, 3 * Ether / 2, 5 * Ether, Ether, Ether / 2), rules);
    }

    [Fact]
    public async Task Limits_NothingGiven_ExitCode2()
    {
        var pool = await CreateFundedPoolAsync();

        var run = await Pool(pool, 0, "limits", "--asset", "ETH");

        AssertFails(run, 2, "Give at least one of --rate, --max, --cap, --reserve, --fast.");
    }

    [Fact]
    public async Task Reject_ByBothStewards_ClosesTheRequest()
    {
        var pool = await CreateFundedPoolAsync();
        await RequestHalfEthAsync(pool);

        var first = await Pool(pool, 0, "reject", "1");
        var second = await Pool(pool, 1, "reject", "1");

        Assert.Equal("Request 1 rejected (1 of 2 rejections).", first.Out.Trim());
        Assert.Equal("Request 1 rejected and closed (2 of 2 rejections).", second.Out.Trim());
    }

    [Fact]
    public async Task Cancel_ByTheRequester_Cancels()
    {
        var pool = await CreateFundedPoolAsync();
        await RequestHalfEthAsync(pool);

        var run = await Pool(pool, 3, "cancel", "1");

        Assert.Equal("Request 1 cancelled.", run.Out.Trim());
    }

    [Fact]
    public async Task Withdraw_NothingKept_FailsWithTheContractsSentence()
    {
        var pool = await CreateFundedPoolAsync();

        var run = await Pool(pool, 8, "withdraw", "--asset", "ETH");

        AssertFails(run, 1, $"error: The pool keeps nothing in ETH for {Address(8)}.");
    }

    [Fact]
    public async Task AnyCommand_MalformedPoolOrId_ExitCode2()
    {
        var badPool = await CliRun.InvokeAsync("pool", "status", "--pool", "0x1234", "--rpc", Rpc);
        var badId = await CliRun.InvokeAsync("pool", "approve", "seven", "--pool", Address(0), "--rpc", Rpc, "--dev-account", "0");

        AssertFails(badPool, 2, "'0x1234' is not a valid --pool address");
        AssertFails(badId, 2, "'seven' is not a valid request id");
    }
}
