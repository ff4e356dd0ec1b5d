using System.Globalization;
using System.Numerics;
using AidDao.Core;
using AidDao.Core.Communities;
using AidDao.Core.Pools;
using AidDao.Core.Rounds;
using AidDao.TestUtils;
using Xunit;

namespace AidDao.Cli.Tests;

/// <summary>
/// <c>aiddao round ...</c> against the test chain: a community with stewards 0 and 1 (M = 2) and members 3 and 4, its ETH
/// emergency pool, and rounds created through the RoundFactory (applications 1 day from now, voting 7 days, review period
/// 1 day, 1 RIVER contribution token per ETH, the round a minter).
/// </summary>
public sealed class RoundCommandTests(ChainFixture fixture) : ChainTest(fixture)
{
    private static readonly BigInteger Ether = BigInteger.Pow(10, 18);

    private string Rpc => Devnet.RpcUrl.ToString();

    private EthAddress Address(int index) => EthAddress.FromChain(Accounts[index].Address);

    private static BigInteger Cents(int cents) => Ether * cents / 100;

    private sealed record Setting(AidDaoDeployment Deployment, EthAddress Community, EthAddress Pool);

    private async Task<Setting> CreatePoolAsync()
    {
        var web3 = Web3For(0);
        var deployment = await AidDaoDeployer.DeployAsync(web3, Ct);
        var community = (await new CommunityFactoryService(web3, deployment.CommunityFactory).CreateCommunityAsync(new CommunitySettings
        {
            Name = "Round CLI test",
            TokenSymbol = "RIVER",
            Stewards = [Address(0), Address(1)],
            Threshold = 2,
            Members = [Address(3), Address(4)],
        }, Ct)).Community;
        var pool = await new CommunityFactoryService(web3, deployment.CommunityFactory).CreatePoolAsync(community, new PoolConfiguration
        {
            Name = "Riverside Emergency Fund",
            Assets = [new AssetRules(EthAddress.Zero, Ether, 2 * Ether, 5 * Ether, Ether, 0)],
        }, Ct);
        return new Setting(deployment, community, pool.Pool);
    }

    /// <summary>A round (QF unless <paramref name="mode"/>) made by steward 0 and made a minter by both stewards.</summary>
    private async Task<(Setting Setting, FundingRoundService Round)> CreateRoundAsync(RoundMode mode = RoundMode.QuadraticFunding)
    {
        var setting = await CreatePoolAsync();
        var created = await new RoundFactoryService(Web3For(0), setting.Deployment.RoundFactory).CreateRoundAsync(setting.Community, new RoundConfiguration
        {
            Name = "Spring Round",
            EmergencyPool = setting.Pool,
            Schedule = RoundSchedule.FromNow(await Devnet.GetBlockTimeAsync(Ct), TimeSpan.FromDays(1), TimeSpan.Zero, TimeSpan.FromDays(7), TimeSpan.FromDays(1), TimeSpan.FromDays(30)),
            MinimumContribution = Ether / 1000,
            Mode = mode,
            CreditsPerMember = mode == RoundMode.QuadraticVoting ? 100 : 0,
            TokenRate = Ether,
        }, Ct);
        var proposal = await (await CommunityService.ConnectAsync(Web3For(0), setting.Community, Ct)).ProposeMinterAsync(created.Round, true, Ct);
        await (await CommunityService.ConnectAsync(Web3For(1), setting.Community, Ct)).ApproveAsync(proposal.ProposalId, Ct);
        return (setting, await RoundAs(9, created.Round));
    }

    private async Task<FundingRoundService> RoundAs(int account, EthAddress round) => await FundingRoundService.ConnectAsync(Web3For(account), round, Ct);

    /// <summary>Outsiders 6 and 7 apply (projects 1 and 2, paying themselves) and steward 0 approves both; the chain moves to voting.</summary>
    private async Task<FundingRoundService> RoundInVotingAsync(RoundMode mode = RoundMode.QuadraticFunding)
    {
        var (_, round) = await CreateRoundAsync(mode);
        foreach (var applicant in new[] { 6, 7 })
            await (await RoundAs(applicant, round.Address)).ApplyAsync(Address(applicant), DetailsHash.Of("Bike repair cafe"), Ct);
        var steward = await RoundAs(0, round.Address);
        await steward.ReviewAsync(1, true, Ct);
        await steward.ReviewAsync(2, true, Ct);
        await MoveToAsync(round.Configuration.Schedule.VotingStart);
        return round;
    }

    /// <summary>
    /// <see cref="RoundInVotingAsync"/> plus 1 ETH matching from donor 9; member 3 gives 0.04 to project 1 and 0.01 to
    /// project 2, member 4 0.01 and 0.09, outsider 8 0.5 to project 2: raw matches 0.04 and 0.06, so the pool splits 0.4 : 0.6.
    /// </summary>
    private async Task<FundingRoundService> ContributedRoundAsync()
    {
        var round = await RoundInVotingAsync();
        await (await RoundAs(9, round.Address)).FundMatchingAsync(Ether, Ct);
        await (await RoundAs(3, round.Address)).ContributeAsync([(1, Cents(4)), (2, Cents(1))], Ct);
        await (await RoundAs(4, round.Address)).ContributeAsync([(1, Cents(1)), (2, Cents(9))], Ct);
        await (await RoundAs(8, round.Address)).ContributeAsync(2, Cents(50), Ct);
        return round;
    }

    private async Task MoveToAsync(DateTimeOffset time)
    {
        var now = await Devnet.GetBlockTimeAsync(Ct);
        if (time > now) await Devnet.IncreaseTimeAsync(time - now, Ct);
    }

    /// <summary>Runs <c>aiddao round ARGS --round ROUND --rpc RPC</c>, signing as dev account <paramref name="account"/> when given.</summary>
    private Task<CliRun> Round(EthAddress round, int? account, params string[] args) =>
        CliRun.InvokeAsync(["round", .. args, "--round", round, "--rpc", Rpc, .. account is { } a ? new[] { "--dev-account", a.ToString(CultureInfo.InvariantCulture) } : []]);

    private Task<CliRun> Create(Setting setting, params string[] args) =>
        CliRun.InvokeAsync(["round", "create", "--factory", setting.Deployment.RoundFactory, "--community", setting.Community, "--pool", setting.Pool,
            "--name", "Spring Round", .. args, "--rpc", Rpc, "--dev-account", "0"]);

    [Fact]
    public async Task Create_WithScheduleAndRules_PrintsTheRoundAndStoresTheSetUp()
    {
        var setting = await CreatePoolAsync();

        var run = await Create(setting, "--applications", "2d", "--vetting", "12h", "--voting", "7d", "--review", "1d", "--claim", "30d", "--cap", "12.5%",
            "--min", "0.01", "--max-projects", "5", "--raw-only", "--token-rate", "2", "--propose-minter");

        Assert.Equal(0, run.ExitCode);
        var factory = new RoundFactoryService(Web3For(0), setting.Deployment.RoundFactory);
        var address = Assert.Single(await factory.GetRoundsAsync(setting.Community, Ct));
        var lines = run.Out.Trim().Split(Environment.NewLine);
        Assert.StartsWith($"Created round 'Spring Round': {address} (community {setting.Community}, round #1 of the community, gas ", lines[0], StringComparison.Ordinal);
        Assert.Contains("recipients then claim for 30 days.", lines[1], StringComparison.Ordinal);
        Assert.Equal($"Next: projects apply with 'aiddao round apply --round {address} --details TEXT'; donors add matching funds with 'aiddao round fund AMOUNT --round {address}'.", lines[2]);
        Assert.StartsWith("Proposal 1 (SetMinter) has 1 of 2 approvals", lines[3], StringComparison.Ordinal);
        var configuration = (await RoundAs(9, address)).Configuration;
        var schedule = configuration.Schedule;
        Assert.Equal((TimeSpan.FromDays(2), TimeSpan.FromHours(12), TimeSpan.FromDays(7), TimeSpan.FromDays(1), TimeSpan.FromDays(30)),
            (schedule.ApplicationsEnd - schedule.ApplicationsStart, schedule.VotingStart - schedule.ApplicationsEnd, schedule.VotingEnd - schedule.VotingStart,
                schedule.ReviewPeriod, schedule.ClaimPeriod));
        Assert.Equal((setting.Pool, EthAddress.Zero, Cents(1), 1_250, 5, false, RoundMode.QuadraticFunding, 2 * Ether),
            (configuration.EmergencyPool, configuration.Asset, configuration.MinimumContribution, configuration.CapBasisPoints, configuration.MaxProjects,
                configuration.SpreadWholePool, configuration.Mode, configuration.TokenRate));
    }

    [Fact]
    public async Task Create_QuadraticVotingWithDefaults_GivesEachMember100CreditsAndNoTokens()
    {
        var setting = await CreatePoolAsync();

        var run = await Create(setting, "--mode", "QV");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(3, run.Out.Trim().Split(Environment.NewLine).Length);
        var round = await RoundAs(9, Assert.Single(await new RoundFactoryService(Web3For(0), setting.Deployment.RoundFactory).GetRoundsAsync(setting.Community, Ct)));
        var configuration = round.Configuration;
        Assert.Equal((RoundMode.QuadraticVoting, VoiceCreditMode.Equal, new BigInteger(100), Ether / 1000, BigInteger.Zero, 100, 0),
            (configuration.Mode, configuration.CreditMode, configuration.CreditsPerMember, configuration.MinimumContribution, configuration.TokenRate,
                configuration.MaxProjects, configuration.CapBasisPoints));
        Assert.Equal(TimeSpan.FromDays(7), configuration.Schedule.ApplicationsEnd - configuration.Schedule.ApplicationsStart);
        Assert.Equal(TimeSpan.FromDays(14), configuration.Schedule.VotingEnd - configuration.Schedule.VotingStart);
    }

    [Theory]
    [InlineData("--mode|qx", "--mode 'qx' is not a round mode: use qf (quadratic funding) or qv (quadratic voting).", 2)]
    [InlineData("--cap|150", "--cap 150 is over 100%", 2)]
    [InlineData("--cap|a quarter", "--cap 'a quarter' is not a percentage", 2)]
    [InlineData("--credits|50", "--credits and --token-votes are for quadratic-voting rounds", 2)]
    [InlineData("--mode|qv|--credits|50|--token-votes", "Give --credits N (equal credits for every member) or --token-votes, not both.", 2)]
    [InlineData("--mode|qv|--credits|1.5", "'1.5' is not a number of voice credits", 2)]
    [InlineData("--mode|qv|--raw-only", "--raw-only is for quadratic funding", 2)]
    [InlineData("--voting|2 weeks", "'2 weeks' is not a duration for --voting", 2)]
    [InlineData("--voting|9999999w", "'9999999w' is far too long for --voting.", 2)]
    [InlineData("--voting|5000000d", "Each period of a round must be between 0 and 3660 days; 5000000 days is not.", 2)]
    [InlineData("--applications|0s", "Applications must stay open for at least one second.", 2)]
    [InlineData("--claim|400d", "The claim period must be between 1 second and 366 days.", 2)]
    [InlineData("--propose-minter", "--propose-minter needs --token-rate", 2)]
    [InlineData("--min|0.0000000000000000001", "more than 18 decimal places", 2)]
    [InlineData("--min|0", "The minimum contribution must be above zero", 2)]
    [InlineData("--max-projects|251", "A round can approve 1 to 250 projects.", 2)]
    [InlineData("--asset|DOGE", "This pool does not accept 'DOGE'; it accepts ETH.", 2)]
    public async Task Create_BadInput_ExitCode2AndNoRound(string args, string message, int exitCode)
    {
        var setting = await CreatePoolAsync();

        var run = await Create(setting, args.Split('|'));

        AssertFails(run, exitCode, message);
        Assert.Empty(await new RoundFactoryService(Web3For(0), setting.Deployment.RoundFactory).GetRoundsAsync(setting.Community, Ct));
    }

    [Fact]
    public async Task Create_PoolOfAnotherCommunity_ExitCode2NamingItsCommunity()
    {
        var setting = await CreatePoolAsync();
        var other = await new CommunityFactoryService(Web3For(1), setting.Deployment.CommunityFactory).CreateCommunityAsync(new CommunitySettings
        {
            Name = "Hillside",
            TokenSymbol = "HILL",
            Stewards = [Address(1)],
            Threshold = 1,
        }, Ct);

        var run = await CliRun.InvokeAsync("round", "create", "--factory", setting.Deployment.RoundFactory, "--community", other.Community, "--pool", setting.Pool,
            "--name", "Spring Round", "--rpc", Rpc, "--dev-account", "1");

        AssertFails(run, 2, $"The pool {setting.Pool} belongs to the community {setting.Community}, not to {other.Community}");
    }

    [Fact]
    public async Task ApplyApproveRejectFundContribute_PrintEachStep()
    {
        var (_, round) = await CreateRoundAsync();
        var votingStart = round.Configuration.Schedule.VotingStart.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

        var apply = await Round(round.Address, 6, "apply", "--details", "Bike repair cafe");
        var applyOther = await Round(round.Address, 7, "apply", "--details", "Street library", "--recipient", Address(8));
        var approve = await Round(round.Address, 0, "approve", "1");
        var reject = await Round(round.Address, 1, "reject", "2");
        var approveAgain = await Round(round.Address, 1, "approve", "1");
        // Checked before the clock moves on: the same review must meet the same refusal.
        await AssertRefusedAsync(approveAgain, "RoundProjectNotPending", async () => await (await RoundAs(1, round.Address)).ReviewAsync(1, true, Ct));
        await MoveToAsync(round.Configuration.Schedule.VotingStart);
        var fund = await Round(round.Address, 9, "fund", "1.5");
        var member = await Round(round.Address, 3, "contribute", "0.04", "--project", "1");
        var outsider = await Round(round.Address, 8, "contribute", "--project", "1=0.5");

        Assert.Equal(0, apply.ExitCode);
        Assert.Equal([$"Project 1 applied, paying {Address(6)}; stewards can review it until voting opens at {votingStart}.",
            $"Only the hash of the details (0x{Convert.ToHexStringLower(DetailsHash.Of("Bike repair cafe"))}) was sent: share the application itself with the stewards and donors."],
            apply.Out.Trim().Split(Environment.NewLine));
        Assert.StartsWith($"Project 2 applied, paying {Address(8)};", applyOther.Out, StringComparison.Ordinal);
        Assert.Equal($"Project 1 approved: it takes contributions when voting opens at {votingStart}.", approve.Out.Trim());
        Assert.Equal("Project 2 rejected: it takes no contributions.", reject.Out.Trim());
        Assert.Equal("Added 1.5 ETH to the matching pool; it now holds 1.5 ETH.", fund.Out.Trim());
        Assert.Equal(["Contributed 0.04 ETH to project 1 (counts for matching).",
            "Contribution tokens accrue for it; claim them once the round is finalised with 'aiddao round tokens'."], member.Out.Trim().Split(Environment.NewLine));
        Assert.StartsWith("Contributed 0.5 ETH to project 1 (not matched: only members' contributions attract matching).", outsider.Out, StringComparison.Ordinal);
        var project = await round.GetProjectAsync(1, Ct);
        Assert.Equal((Cents(54), Cents(4), 2), (project.Raised, project.Eligible, project.Contributors));
    }

    [Fact]
    public async Task ContributeBatchEstimateAndResults_ShowTheProjectedMatches()
    {
        var round = await RoundInVotingAsync();
        await (await RoundAs(9, round.Address)).FundMatchingAsync(Ether, Ct);

        var batch3 = await Round(round.Address, 3, "contribute", "--project", "1=0.04", "--project", "2=0.01");
        await (await RoundAs(4, round.Address)).ContributeAsync([(1, Cents(1)), (2, Cents(9))], Ct);
        await (await RoundAs(8, round.Address)).ContributeAsync(2, Cents(50), Ct);
        var estimate = await Round(round.Address, 3, "estimate", "0.08", "--project", "2");
        var outsiderEstimate = await Round(round.Address, null, "estimate", "0.1", "--project", "1", "--contributor", Address(8));
        var results = await Round(round.Address, null, "results");
        var show = await Round(round.Address, null, "show");

        Assert.Equal(["Contributed 0.04 ETH to project 1 (counts for matching).", "Contributed 0.01 ETH to project 2 (counts for matching)."],
            batch3.Out.Trim().Split(Environment.NewLine)[..2]);
        Assert.Equal("If you add 0.08 ETH to project 2, its match changes by +0.218181818181818181 ETH: from 0.6 ETH to 0.818181818181818181 ETH "
            + "(if the round were finalised now, with the 1 ETH matching pool deposited so far; others' contributions change it).", estimate.Out.Trim());
        Assert.Equal($"If {Address(8)} adds 0.1 ETH to project 1, its match does not change (0.4 ETH): only members' contributions attract matching, and {Address(8)} is not a member.",
            outsiderEstimate.Out.Trim());
        var lines = results.Out.Trim().Split(Environment.NewLine);
        Assert.Equal("Projected results of 'Spring Round' if it were finalised now, with the 1 ETH matching pool deposited so far (amounts in ETH):", lines[0]);
        // PROJECT RECIPIENT CONTRIBUTIONS CONTRIBUTORS MATCH TOTAL
        Assert.Equal(["PROJECT", "RECIPIENT", "CONTRIBUTIONS", "CONTRIBUTORS", "MATCH", "TOTAL"], Cells(lines[1]));
        Assert.Equal(["1", Address(6), "0.05", "2", "0.4", "0.45"], Cells(lines[2]));
        Assert.Equal(["2", Address(7), "0.6", "3", "0.6", "1.2"], Cells(lines[3]));
        Assert.Equal(["all", "0.65", "1", "1.65"], Cells(lines[4]));
        Assert.Equal(5, lines.Length);
        Assert.Contains(show.Out.Split(Environment.NewLine), l => l.StartsWith("Now", StringComparison.Ordinal) && l.Contains("voting: contributions and matching funds open until", StringComparison.Ordinal));
        Assert.Contains(show.Out.Split(Environment.NewLine), l => Cells(l) is ["2", "approved", _, "0.6", "3", "0.6"]);
    }

    [Fact]
    public async Task FinalizeClaimDistributeTokens_PayEachProjectOnce()
    {
        var round = await ContributedRoundAsync();
        await MoveToAsync(round.Configuration.Schedule.FinalizeFrom);

        var finalize = await Round(round.Address, 5, "finalize");
        var claim = await Round(round.Address, 6, "claim", "1");
        var distribute = await Round(round.Address, 9, "distribute");
        var again = await Round(round.Address, 9, "distribute");
        var tokens = await Round(round.Address, 3, "tokens");
        var sweep = await Round(round.Address, 9, "sweep");

        Assert.Equal(0, finalize.ExitCode);
        var lines = finalize.Out.Trim().Split(Environment.NewLine);
        Assert.StartsWith("Round finalised: 1 ETH of the 1 ETH matching pool matched. Recipients can claim until ", lines[0], StringComparison.Ordinal);
        Assert.Equal("Results of 'Spring Round' (final; amounts in ETH):", lines[2]);
        Assert.Equal(["1", Address(6), "0.05", "2", "0.4", "0.45"], Cells(lines[4]));
        Assert.Equal($"Project 1 paid: 0.45 ETH sent to {Address(6)}.", claim.Out.Trim());
        Assert.Equal($"Project 2 paid: 1.2 ETH sent to {Address(7)}.", distribute.Out.Trim());
        Assert.Equal("Every approved project is already paid.", again.Out.Trim());
        Assert.Equal("Claimed 0.05 RIVER contribution tokens for your contributions to project(s) 1, 2.", tokens.Out.Trim());
        await AssertRefusedAsync(sweep, "RoundNothingToPay", () => round.SweepAsync(Ct));
    }

    [Fact]
    public async Task Claim_ByAnotherAccount_ExitCode1AndNothingPaid()
    {
        var round = await ContributedRoundAsync();
        await MoveToAsync(round.Configuration.Schedule.FinalizeFrom);
        await round.FinalizeAsync(Ct);

        var run = await Round(round.Address, 7, "claim", "1", "--to", Address(7));

        await AssertRefusedAsync(run, "RoundNotRecipient", async () => await (await RoundAs(7, round.Address)).ClaimAsync(1, Address(7), Ct));
        Assert.False((await round.GetProjectAsync(1, Ct)).Paid);
    }

    [Fact]
    public async Task Vote_QuadraticVoting_PrintsVotesAndCreditsLeft()
    {
        var round = await RoundInVotingAsync(RoundMode.QuadraticVoting);

        var single = await Round(round.Address, 3, "vote", "9", "--project", "1");
        var batch = await Round(round.Address, 3, "vote", "--project", "1=7", "--project", "2=4");
        var contribute = await Round(round.Address, 3, "contribute", "0.01", "--project", "1");
        var overBudget = await Round(round.Address, 3, "vote", "81", "--project", "2");

        Assert.Equal(["Spent 9 credit(s) on project 1: you now have 3 vote(s) on it.", "Credits left: 91."], single.Out.Trim().Split(Environment.NewLine));
        Assert.Equal(["Spent 7 credit(s) on project 1: you now have 4 vote(s) on it.", "Spent 4 credit(s) on project 2: you now have 2 vote(s) on it.", "Credits left: 80."],
            batch.Out.Trim().Split(Environment.NewLine));
        Assert.StartsWith("Contributed 0.01 ETH to project 1 (not matched: in a quadratic-voting round members' votes are matched).", contribute.Out, StringComparison.Ordinal);
        await AssertRefusedAsync(overBudget, "RoundOverBudget", async () => await (await RoundAs(3, round.Address)).VoteAsync([(2, 81)], Ct));
    }

    [Fact]
    public async Task CancelRefundWithdraw_CancelAtMThenRefundOnce()
    {
        var round = await RoundInVotingAsync();
        await (await RoundAs(9, round.Address)).FundMatchingAsync(Ether, Ct);
        await (await RoundAs(3, round.Address)).ContributeAsync(1, Cents(10), Ct);

        var first = await Round(round.Address, 0, "cancel");
        var second = await Round(round.Address, 1, "cancel");
        var refund = await Round(round.Address, 8, "refund");
        var again = await Round(round.Address, 8, "refund");
        var withdraw = await Round(round.Address, 3, "withdraw");
        var show = await Round(round.Address, null, "show");

        Assert.Equal($"Cancelling approved (1 of 2 approvals); other stewards approve with 'aiddao round cancel --round {round.Address}'.", first.Out.Trim());
        Assert.Equal($"Round cancelled (2 of 2 approvals): refund contributions and matching funds with 'aiddao round refund --round {round.Address}'.", second.Out.Trim());
        Assert.Equal("Refunded 1 contribution(s) (0.1 ETH) and 1 matching fund(s) (1 ETH).", refund.Out.Trim());
        Assert.Equal("Nothing left to refund: every contribution and matching fund was already refunded.", again.Out.Trim());
        await AssertRefusedAsync(withdraw, "RoundNothingToPay", async () => await (await RoundAs(3, round.Address)).WithdrawAsync(null, Ct));
        Assert.Contains("cancelled; contributions and matching funds are refunded", show.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Contribute_BelowTheMinimum_ExitCode2SayingTheMinimumInEth()
    {
        var round = await RoundInVotingAsync();

        var run = await Round(round.Address, 3, "contribute", "0.0001", "--project", "1");

        AssertFails(run, 2, "0.0001 ETH is below this round's minimum contribution of 0.001 ETH.");
        Assert.Equal(BigInteger.Zero, (await round.GetProjectAsync(1, Ct)).Raised);
    }

    [Fact]
    public async Task AnyCommand_PoolAddressAsRound_ExitCode2SayingItIsNotARound()
    {
        var setting = await CreatePoolAsync();

        var run = await Round(setting.Pool, null, "show");

        AssertFails(run, 2, $"The contract at {setting.Pool} is not an AidDao funding round: check the round address.");
    }

    [Theory]
    [InlineData("contribute|--project|1", "How much for project 1? Give the amount once for all projects (e.g. '0.1 --project 1') or per project ('--project 1=0.1').")]
    [InlineData("contribute|0.1|--project|1=0.2", "The amount '0.1' is not used: every --project has its own amount (ID=AMOUNT).")]
    [InlineData("contribute|0.1|--project|1|--project|1", "Project 1 is named twice; name each project once.")]
    [InlineData("contribute|0.1|--project|seven", "'seven' is not a valid project id: give a whole number from 1.")]
    [InlineData("contribute|1.2.3|--project|1", "'1.2.3' is not an amount")]
    [InlineData("contribute|--project|1=-1", "'-1' is not an amount")]
    [InlineData("vote|1.5|--project|1", "'1.5' is not a number of voice credits: give a whole number from 1.")]
    [InlineData("vote|--project|1=0", "'0' is not a number of voice credits")]
    [InlineData("estimate|0.1|--project|1|--contributor|0x1234", "'0x1234' is not a valid --contributor address")]
    [InlineData("apply", "An application needs its details: give --details TEXT or --details-file PATH")]
    [InlineData("apply|--details|Bikes|--recipient|0x1234", "'0x1234' is not a valid --recipient address")]
    [InlineData("apply|--details-file|/nonexistent/plan.txt", "does not exist")]
    [InlineData("claim|0", "'0' is not a valid project id")]
    [InlineData("claim|1|--to|nowhere", "'nowhere' is not a valid --to address")]
    [InlineData("approve|first", "'first' is not a valid project id")]
    [InlineData("fund|lots", "'lots' is not an amount")]
    public async Task Command_BadInput_ExitCode2BeforeAnythingIsSent(string args, string message)
    {
        var run = await Round(Address(9), 3, args.Split('|'));

        AssertFails(run, 2, message);
    }

    [Fact]
    public async Task AnyCommand_MalformedRound_ExitCode2()
    {
        var run = await CliRun.InvokeAsync("round", "results", "--round", "0x1234", "--rpc", Rpc);

        AssertFails(run, 2, "'0x1234' is not a valid --round address");
    }

    [Fact]
    public async Task List_TwoRounds_OneLineEach()
    {
        var (setting, first) = await CreateRoundAsync();
        await Create(setting, "--mode", "qv");

        var run = await CliRun.InvokeAsync("round", "list", "--factory", setting.Deployment.RoundFactory, "--community", setting.Community, "--rpc", Rpc);

        Assert.Equal(0, run.ExitCode);
        var lines = run.Out.Trim().Split(Environment.NewLine);
        Assert.Equal(3, lines.Length);
        Assert.Equal(["1", first.Address, "Spring", "Round", "QF", "Applications", "0", "ETH", "0"], Cells(lines[1]));
        Assert.Equal(["2", "Spring", "Round", "QV", "Applications", "0", "ETH", "0"], Cells(lines[2]).Where((_, i) => i != 1));
    }

    /// <summary>
    /// The command was refused by the chain (exit code 1) with <paramref name="errorName"/>, and printed the same sentence
    /// the service gives for <paramref name="sameCall"/>, which must fail the same way.
    /// </summary>
    private static async Task AssertRefusedAsync(CliRun run, string errorName, Func<Task> sameCall)
    {
        var error = await Assert.ThrowsAsync<ContractRevertedException>(sameCall);
        Assert.Equal(errorName, error.ErrorName);
        AssertFails(run, 1, $"error: {error.Message}");
    }

    private static void AssertFails(CliRun run, int exitCode, string message)
    {
        Assert.Equal(exitCode, run.ExitCode);
        Assert.Contains(message, run.ErrorLine, StringComparison.Ordinal);
        Assert.Empty(run.Out);
    }

    private static string[] Cells(string line) => line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
