using System.Numerics;
using AidDao.Contracts.FundingRound.ContractDefinition;
using AidDao.Contracts.RoundFactory.ContractDefinition;
using AidDao.Contracts.Testing.TestToken;
using AidDao.Contracts.Tests.Support;
using AidDao.Core;
using AidDao.Core.Demo;
using AidDao.Core.Pools;
using AidDao.Core.Rounds;
using AidDao.TestUtils;
using Xunit;

namespace AidDao.Contracts.Tests.Round;

/// <summary>
/// <see cref="FundingRoundService"/> and <see cref="RoundFactoryService"/> on the test chain: the services create, read
/// and drive a round in domain terms, their projections and estimates agree with what the contract later fixes, and
/// refusals arrive as <see cref="ContractRevertedException"/> with the contract's error.
/// </summary>
public class FundingRoundServiceTests(ChainFixture fixture) : RoundTest(fixture)
{
    private static readonly BigInteger Ether = BigInteger.Pow(10, 18);
    private static readonly byte[] Garden = DetailsHash.Of("Community garden: raised beds and a tool shed");

    private Task<FundingRoundService> AsAsync(int account, TestRound round) => FundingRoundService.ConnectAsync(Web3For(account), round.Address, Ct);

    /// <summary>Hundredths of an ether.</summary>
    private static BigInteger Cents(int cents) => Ether * cents / 100;

    /// <summary>
    /// A QF round (ETH, 1 ETH matching from donor 9) where outsiders 6, 7 and 8 applied (projects 1-3, each paying its
    /// applicant) and steward 0 approved them, outsider 6's second application (project 4) was rejected by steward 1, and:
    /// member 3 gave 0.04 to project 1 and 0.01 to project 2 in one batch; member 4 gave 0.01 to project 1; member 5 gave
    /// 0.09 to project 2; outsider 8 gave 0.5 to project 2 and outsider 7 0.2 to project 3 (not matched).
    /// Tallies: project 1 roots 3e8, eligible 5e16 (raw 4e16); project 2 roots 4e8, eligible 1e17 (raw 6e16); project 3 none.
    /// </summary>
    private async Task<TestRound> ContributedRoundAsync()
    {
        var round = await NewRound().BuildAsync(Ct);
        foreach (var applicant in new[] { 6, 7, 8 })
            await (await AsAsync(applicant, round)).ApplyAsync(Address(applicant), Garden, Ct);
        await (await AsAsync(6, round)).ApplyAsync(EthAddress.FromChain(TestRound.RecipientOf(4)), Garden, Ct);
        var steward0 = await AsAsync(0, round);
        for (var id = 1; id <= 3; id++) await steward0.ReviewAsync(id, approve: true, Ct);
        await (await AsAsync(1, round)).ReviewAsync(4, approve: false, Ct);
        await round.MoveToVotingAsync();

        await (await AsAsync(9, round)).FundMatchingAsync(Ether, Ct);
        await (await AsAsync(3, round)).ContributeAsync([(1, Cents(4)), (2, Cents(1))], Ct);
        await (await AsAsync(4, round)).ContributeAsync(1, Cents(1), Ct);
        await (await AsAsync(5, round)).ContributeAsync(2, Cents(9), Ct);
        await (await AsAsync(8, round)).ContributeAsync(2, Cents(50), Ct);
        await (await AsAsync(7, round)).ContributeAsync(3, Cents(20), Ct);
        return round;
    }

    [Fact]
    public async Task CreateRoundAsync_AsSteward_ListsTheRoundAndReadsItsConfigurationBack()
    {
        var pool = await new PoolBuilder(Devnet).BuildAsync(Ct);
        var now = await Devnet.GetBlockTimeAsync(Ct);
        var configuration = new RoundConfiguration
        {
            Name = "Spring Round",
            EmergencyPool = pool.Address,
            Schedule = RoundSchedule.FromNow(now, TimeSpan.FromDays(1), TimeSpan.FromHours(2), TimeSpan.FromDays(7), TimeSpan.FromDays(1), TimeSpan.FromDays(30)),
            MinimumContribution = Ether / 1000,
            CapBasisPoints = 2_500,
            MaxProjects = 10,
            SpreadWholePool = false,
            TokenRate = Ether,
        };
        var factory = new RoundFactoryService(Web3For(0), pool.Community.Deployment.RoundFactory);

        var created = await factory.CreateRoundAsync(pool.Community.Address, configuration, Ct);

        Assert.Equal((pool.Community.Address, 0), (created.Community, created.Index));
        Assert.Equal([created.Round], await factory.GetRoundsAsync(pool.Community.Address, Ct));
        Assert.True(await factory.IsRoundAsync(created.Round, Ct));
        var round = await FundingRoundService.ConnectAsync(Web3For(9), created.Round, Ct);
        Assert.Equal(configuration, round.Configuration);
        Assert.Equal(PoolAsset.Eth, round.Asset);
        var info = await round.GetInfoAsync(Ct);
        Assert.Equal((RoundStatus.Active, RoundPhase.Applications, BigInteger.Zero, 0, 0, 0, 2),
            (info.Status, info.Phase, info.MatchingPool, info.ProjectCount, info.ApprovedCount, info.CancelApprovals, info.Threshold));
        Assert.Null(info.Outcome);
    }

    [Fact]
    public async Task CreateRoundAsync_ByAMember_SurfacesRoundFactoryNotSteward()
    {
        var pool = await new PoolBuilder(Devnet).BuildAsync(Ct);
        var configuration = new RoundConfiguration
        {
            Name = "Spring Round",
            EmergencyPool = pool.Address,
            Schedule = RoundSchedule.FromNow(await Devnet.GetBlockTimeAsync(Ct), TimeSpan.FromDays(1), TimeSpan.Zero, TimeSpan.FromDays(7), TimeSpan.Zero, TimeSpan.FromDays(30)),
            MinimumContribution = 1,
        };

        var error = await AssertRevertsAsync<RoundFactoryNotStewardError>(() =>
            new RoundFactoryService(Web3For(3), pool.Community.Deployment.RoundFactory).CreateRoundAsync(pool.Community.Address, configuration, Ct));

        Assert.Equal(pool.Community.Address, EthAddress.FromChain(error.Argument<string>("community")));
        Assert.Equal(Address(3), EthAddress.FromChain(error.Argument<string>("account")));
    }

    [Fact]
    public async Task CreateRoundAsync_VotingAlreadyOver_RefusedBeforeSending()
    {
        var pool = await new PoolBuilder(Devnet).BuildAsync(Ct);
        var past = (await Devnet.GetBlockTimeAsync(Ct)).AddDays(-10);
        var configuration = new RoundConfiguration
        {
            Name = "Last year's round",
            EmergencyPool = pool.Address,
            Schedule = RoundSchedule.FromNow(past, TimeSpan.FromDays(1), TimeSpan.Zero, TimeSpan.FromDays(7), TimeSpan.Zero, TimeSpan.FromDays(30)),
            MinimumContribution = 1,
        };

        var error = await Assert.ThrowsAsync<AidDaoInputException>(() =>
            new RoundFactoryService(Web3For(0), pool.Community.Deployment.RoundFactory).CreateRoundAsync(pool.Community.Address, configuration, Ct));

        Assert.StartsWith("Voting would already be over", error.Message, StringComparison.Ordinal);
        Assert.Empty(await new RoundFactoryService(Web3For(0), pool.Community.Deployment.RoundFactory).GetRoundsAsync(pool.Community.Address, Ct));
    }

    [Fact]
    public async Task ConnectAsync_ToThePoolInsteadOfARound_SaysItIsNotARound()
    {
        var round = await NewRound().BuildAsync(Ct);

        var error = await Assert.ThrowsAsync<AidDaoInputException>(() => FundingRoundService.ConnectAsync(Web3For(0), round.Pool.Address, Ct));

        Assert.Equal($"The contract at {round.Pool.Address} is not an AidDao funding round: check the round address.", error.Message);
    }

    [Fact]
    public async Task GetResultsAsync_BeforeFinalisation_ProjectsMatchesAndCountsContributorsFromEvents()
    {
        var round = await ContributedRoundAsync();
        var reader = await AsAsync(9, round);

        var projects = await reader.GetProjectsAsync(Ct);
        var results = await reader.GetResultsAsync(Ct);

        Assert.Equal([RoundProjectStatus.Approved, RoundProjectStatus.Approved, RoundProjectStatus.Approved, RoundProjectStatus.Rejected], projects.Select(p => p.Status));
        Assert.Equal([Address(6), Address(7), Address(8), EthAddress.FromChain(TestRound.RecipientOf(4))], projects.Select(p => p.Recipient));
        Assert.Equal([Address(6), Address(7), Address(8), Address(6)], projects.Select(p => p.Applicant));
        Assert.Equal("0x" + Convert.ToHexStringLower(Garden), projects[0].Metadata);
        Assert.False(results.Final);
        Assert.Equal((RoundPhase.Voting, Ether, 4, 3), (results.Round.Phase, results.Round.MatchingPool, results.Round.ProjectCount, results.Round.ApprovedCount));
        Assert.Equal([BigInteger.One, 2, 3], results.Projects.Select(p => p.Id));
        Assert.Equal([Cents(5), Cents(60), Cents(20)], results.Projects.Select(p => p.Raised));
        Assert.Equal([2, 3, 1], results.Projects.Select(p => p.Contributors));
        Assert.Equal([new BigInteger(300_000_000), 400_000_000, 0], results.Projects.Select(p => p.Roots));
        Assert.Equal([Cents(5), Cents(10), 0], results.Projects.Select(p => p.Eligible));
        Assert.Equal([Cents(4), Cents(6), 0], results.Projects.Select(p => p.RawMatch));
        // Σ raw = 0.1 ETH < pool: the whole pool is spread pro rata.
        Assert.Equal([Cents(40), Cents(60), 0], results.Projects.Select(p => p.Match));
        Assert.All(results.Projects, p => Assert.False(p.MatchIsFinal));
        Assert.Equal(Cents(60) + Cents(60), results.Projects[1].Total);
    }

    [Fact]
    public async Task EstimateAsync_MemberToppingUpAStake_AgreesWithTheProjectionAfterContributing()
    {
        var round = await ContributedRoundAsync();
        var member3 = await AsAsync(3, round);

        // Member 3's stake in project 2 grows from 0.01 to 0.09 ETH: its root is replaced (1e8 → 3e8), not added.
        var estimate = await member3.EstimateAsync(2, Cents(8), cancellationToken: Ct);
        await member3.ContributeAsync(2, Cents(8), Ct);
        var after = await member3.GetProjectAsync(2, Ct);

        // Project 2: roots 6e8, eligible 0.18 ETH, raw 0.18 ETH; project 1 raw 0.04 ETH; 1 ETH spread over 0.22 ETH of raw.
        var expected = Ether * 18 / 22;
        Assert.Equal((true, true, RoundMode.QuadraticFunding, Cents(60), expected, Ether), (estimate.Counts, estimate.IsMember, estimate.Mode, estimate.CurrentMatch, estimate.EstimatedMatch, estimate.MatchingPool));
        Assert.Equal(expected - Cents(60), estimate.Change);
        Assert.Equal((Address(3), Cents(8), BigInteger.One * 2), (estimate.Contributor, estimate.Amount, estimate.ProjectId));
        Assert.Equal(expected, after.Match);
    }

    [Fact]
    public async Task EstimateAsync_NonMember_DoesNotCountAndChangesNothing()
    {
        var round = await ContributedRoundAsync();

        var estimate = await (await AsAsync(9, round)).EstimateAsync(1, Cents(10), Address(8), Ct);

        Assert.Equal((false, false, Cents(40), Cents(40), BigInteger.Zero), (estimate.Counts, estimate.IsMember, estimate.CurrentMatch, estimate.EstimatedMatch, estimate.Change));
    }

    [Fact]
    public async Task EstimateAsync_RejectedProject_RefusedNamingItsStatus()
    {
        var round = await ContributedRoundAsync();
        var member = await AsAsync(3, round);

        var error = await Assert.ThrowsAsync<AidDaoInputException>(() => member.EstimateAsync(4, Cents(1), cancellationToken: Ct));

        Assert.Equal("Project 4 is rejected, not approved: it takes no contributions.", error.Message);
    }

    [Fact]
    public async Task FinalizeThenClaimDistributeTokensAndSweep_PayWhatTheProjectionSaid()
    {
        var round = await ContributedRoundAsync();
        await (await AsAsync(3, round)).ContributeAsync(2, Cents(8), Ct);
        var projected = (await (await AsAsync(9, round)).GetResultsAsync(Ct)).Projects.Select(p => p.Match).ToList();
        var anyone = await AsAsync(5, round);
        var token = Web3For(0).Eth.ERC20.GetContractService(round.Community.Token.Value);
        var tokensBefore = await token.BalanceOfQueryAsync(Address(3).Value);
        await round.MoveToAsync(round.Setup.VotingEnd);
        Assert.Equal(RoundPhase.ReviewPeriod, (await anyone.GetInfoAsync(Ct)).Phase);
        await round.MoveToFinalizeAsync();
        Assert.Equal(RoundPhase.ReadyToFinalize, (await anyone.GetInfoAsync(Ct)).Phase);
        var before7 = await round.BalanceAsync(Address(7));
        var before8 = await round.BalanceAsync(Address(8));

        var finalized = await anyone.FinalizeAsync(Ct);
        var results = await anyone.GetResultsAsync(Ct);
        var claim = await (await AsAsync(6, round)).ClaimAsync(1, cancellationToken: Ct);
        var distribution = await (await AsAsync(9, round)).DistributeAsync(Ct);
        var again = await (await AsAsync(9, round)).DistributeAsync(Ct);
        var tokens = await (await AsAsync(3, round)).ClaimTokensAsync(Ct);
        var sweep = await anyone.SweepAsync(Ct);

        BigInteger[] matches = [Ether * 4 / 22, Ether * 18 / 22, 0];
        Assert.Equal(projected, matches);
        Assert.Equal(matches, results.Projects.Select(p => p.Match));
        Assert.True(results.Final);
        Assert.All(results.Projects, p => Assert.True(p.MatchIsFinal));
        Assert.Equal((Ether, matches.Aggregate(BigInteger.Add), BigInteger.One, Cents(93)), (finalized.MatchingPool, finalized.Matched, finalized.Remainder, finalized.TotalRaised));
        var outcome = results.Round.Outcome!;
        Assert.Equal(finalized.ClaimDeadline, outcome.ClaimDeadline);
        Assert.Equal((RoundStatus.Finalized, RoundPhase.Claims), (results.Round.Status, results.Round.Phase));
        Assert.Equal(new ProjectPayout(1, Address(6), Cents(5) + matches[0], true), Assert.Single(claim.Payouts));
        Assert.Equal([new ProjectPayout(2, Address(7), Cents(68) + matches[1], true), new ProjectPayout(3, Address(8), Cents(20), true)], distribution.Payouts);
        Assert.Empty(again.Transactions);
        Assert.Equal(before7 + Cents(68) + matches[1], await round.BalanceAsync(Address(7)));
        Assert.Equal(before8 + Cents(20), await round.BalanceAsync(Address(8)));
        Assert.Equal(Cents(13), tokens.Amount);
        Assert.Equal([BigInteger.One, 2], tokens.ProjectIds);
        Assert.Equal(tokensBefore + Cents(13), await token.BalanceOfQueryAsync(Address(3).Value));
        Assert.Equal((BigInteger.One, round.Pool.Address), (sweep.Amount, sweep.To));
        await round.MoveToAsync((ulong)outcome.ClaimDeadline.ToUnixTimeSeconds());
        Assert.Equal(RoundPhase.ClaimsClosed, (await anyone.GetInfoAsync(Ct)).Phase);
    }

    [Fact]
    public async Task ClaimAsync_ByAnotherAccount_SurfacesRoundNotRecipient()
    {
        var round = await ContributedRoundAsync();
        await round.MoveToFinalizeAsync();
        await (await AsAsync(8, round)).FinalizeAsync(Ct);

        var error = await AssertRevertsAsync<RoundNotRecipientError>(async () => await (await AsAsync(7, round)).ClaimAsync(1, cancellationToken: Ct));

        Assert.Equal((BigInteger.One, Address(7)), (error.Argument<BigInteger>("projectId"), EthAddress.FromChain(error.Argument<string>("account"))));
    }

    [Fact]
    public async Task ContributeAsync_BeforeVotingOpens_SurfacesRoundOutsideWindow()
    {
        var round = await NewRound().BuildAsync(Ct);
        var member = await AsAsync(3, round);
        await member.ApplyAsync(Address(3), Garden, Ct);

        var error = await AssertRevertsAsync<RoundOutsideWindowError>(() => member.ContributeAsync(1, Cents(1), Ct));

        Assert.Equal((new BigInteger(round.Setup.VotingStart), new BigInteger(round.Setup.VotingEnd)), (error.Argument<BigInteger>("opensAt"), error.Argument<BigInteger>("closesAt")));
    }

    [Fact]
    public async Task ContributeAsync_BelowTheMinimum_RefusedBeforeSendingInEth()
    {
        var round = await NewRound().WithProjects(1).BuildAsync(Ct);

        var error = await Assert.ThrowsAsync<AidDaoInputException>(async () => await (await AsAsync(3, round)).ContributeAsync(1, Ether / 2000, Ct));

        Assert.Equal("0.0005 ETH is below this round's minimum contribution of 0.001 ETH.", error.Message);
        Assert.Equal(BigInteger.Zero, (await round.TotalsAsync(1)).Raised);
    }

    [Fact]
    public async Task FundAndContribute_Stablecoin_ApproveTheRoundFirstAndUseTheCoinsDecimals()
    {
        var round = await NewRound().WithStablecoin().WithProjects(1).BuildAsync(Ct);
        foreach (var account in new[] { 3, 9 })
            await new TestTokenService(Web3For(account), round.Setup.Asset).MintRequestAndWaitForReceiptAsync(Address(account).Value, PoolBuilder.Coins(100));
        var member = await AsAsync(3, round);

        var funded = await (await AsAsync(9, round)).FundMatchingAsync(PoolBuilder.Coins(50), Ct);
        var contributed = await member.ContributeAsync(1, PoolBuilder.Coins(4), Ct);
        var error = await Assert.ThrowsAsync<AidDaoInputException>(() => member.ContributeAsync(1, PoolBuilder.Coins(0.5m), Ct));

        Assert.Equal(("TUSD", 6), (member.Asset.Symbol, member.Asset.Decimals));
        Assert.Equal((PoolBuilder.Coins(50), PoolBuilder.Coins(50)), (funded.Amount, funded.MatchingPool));
        Assert.Equal(new RoundContribution(1, PoolBuilder.Coins(4), true), Assert.Single(contributed.Contributions));
        Assert.Equal("0.5 TUSD is below this round's minimum contribution of 1 TUSD.", error.Message);
        Assert.Equal(PoolBuilder.Coins(96), await new TestTokenService(Web3For(0), round.Setup.Asset).BalanceOfQueryAsync(Address(3).Value));
    }

    [Fact]
    public async Task VoteAsync_QuadraticVoting_CountsVotesAsFloorRootsAndSpreadsThePoolByVotes()
    {
        var round = await NewRound().QuadraticVoting(100).WithProjects(2).WithMatching(Ether).BuildAsync(Ct);
        var member3 = await AsAsync(3, round);

        var first = await member3.VoteAsync([(1, 9), (2, 16)], Ct);
        var second = await member3.VoteAsync([(1, 7)], Ct);
        await (await AsAsync(4, round)).VoteAsync([(1, 25)], Ct);
        var results = await member3.GetResultsAsync(Ct);
        var estimate = await member3.EstimateAsync(1, Cents(1), cancellationToken: Ct);

        Assert.Equal([new RoundVote(1, 9, 3), new RoundVote(2, 16, 4)], first.Votes);
        Assert.Equal(new BigInteger(75), first.CreditsLeft);
        Assert.Equal((new RoundVote(1, 7, 4), new BigInteger(68)), (Assert.Single(second.Votes), second.CreditsLeft));
        // Project 1: member 3 has 4 votes (16 credits), member 4 has 5 (25); project 2: 4 votes. 1 ETH split 9 : 4.
        Assert.Equal([new BigInteger(9), 4], results.Projects.Select(p => p.Roots));
        Assert.Equal([new BigInteger(41), 16], results.Projects.Select(p => p.Eligible));
        Assert.Equal([Ether * 9 / 13, Ether * 4 / 13], results.Projects.Select(p => p.Match));
        Assert.Equal((false, BigInteger.Zero), (estimate.Counts, estimate.Change));
    }

    [Fact]
    public async Task CancelThenRefund_PushesContributionsAndMatchingBackOnce()
    {
        var round = await NewRound().WithProjects(2).WithMatching(Ether).BuildAsync(Ct);
        await (await AsAsync(3, round)).ContributeAsync([(1, Cents(10)), (2, Cents(20))], Ct);
        await (await AsAsync(8, round)).ContributeAsync(2, Cents(5), Ct);
        var anyone = await AsAsync(6, round);
        await AssertRevertsAsync<RoundNotCancelledError>(() => anyone.RefundContributionsAsync(Ct));

        var first = await (await AsAsync(0, round)).ApproveCancelAsync(Ct);
        var second = await (await AsAsync(1, round)).ApproveCancelAsync(Ct);
        var before3 = await round.BalanceAsync(Address(3));
        var contributions = await anyone.RefundContributionsAsync(Ct);
        var matching = await anyone.RefundMatchingAsync(Ct);
        var again = await anyone.RefundContributionsAsync(Ct);
        var matchingAgain = await anyone.RefundMatchingAsync(Ct);

        Assert.Equal((1, 2, false), (first.Approvals, first.Threshold, first.Cancelled));
        Assert.Equal((2, 2, true), (second.Approvals, second.Threshold, second.Cancelled));
        Assert.Equal([new RoundRefund(Address(3), 1, Cents(10), true), new RoundRefund(Address(3), 2, Cents(20), true), new RoundRefund(Address(8), 2, Cents(5), true)],
            contributions.Refunds);
        Assert.Single(contributions.Transactions);
        Assert.Equal(new RoundRefund(Address(9), 0, Ether, true), Assert.Single(matching.Refunds));
        Assert.Equal((0, 0), (again.Refunds.Count, again.Transactions.Count));
        Assert.Empty(matchingAgain.Transactions);
        Assert.Equal(before3 + Cents(30), await round.BalanceAsync(Address(3)));
        var info = await anyone.GetInfoAsync(Ct);
        Assert.Equal((RoundStatus.Cancelled, RoundPhase.Cancelled), (info.Status, info.Phase));
        Assert.All(await anyone.GetProjectsAsync(Ct), p => Assert.Equal((RoundProjectStatus.Cancelled, BigInteger.Zero), (p.Status, p.Match)));
    }

    [Fact]
    public async Task Demo_FinalisedWithBroadSupportBeatingOneBigGiftAndThePoolsRequestsStillOpen()
    {
        var community = await DemoCommunity.CreateAsync(Devnet, Ct);
        var pool = await DemoPool.CreateAsync(Devnet, community, Ct);

        var demo = await DemoRound.CreateAsync(Devnet, community, pool, Ct);

        var results = demo.Results;
        Assert.Equal((RoundStatus.Finalized, DemoRound.Name, pool.Pool), (results.Round.Status, results.Round.Configuration.Name, results.Round.Configuration.EmergencyPool));
        Assert.Equal([BigInteger.One, 2, 3], demo.Projects.Select(p => p.Id));
        Assert.Equal(new BigInteger(4), demo.RejectedProjectId);
        Assert.Equal([Cents(12), Cents(101), Cents(60)], results.Projects.Select(p => p.Raised));
        Assert.Equal([6, 2, 3], results.Projects.Select(p => p.Contributors));
        var (garden, tools, football) = (results.Projects[0].Match, results.Projects[1].Match, results.Projects[2].Match);
        // Six members' 0.02 ETH each outweigh one member's 1 ETH: raw matches ≈ 0.6, 0.2 and 0.1 ETH, the 1 ETH pool spread pro rata.
        Assert.True(garden > 2 * tools && tools > football && football > 0, $"matches {garden}, {tools}, {football}");
        Assert.InRange(Ether - (garden + tools + football), BigInteger.Zero, new BigInteger(3));
        Assert.Equal(garden, (await (await FundingRoundService.ConnectAsync(Web3For(9), demo.Round, Ct)).GetProjectAsync(1, Ct)).Match);
        var request = await (await EmergencyPoolService.ConnectAsync(Web3For(9), pool.Pool, Ct)).GetRequestAsync(pool.HalfApprovedRequestId, Ct);
        Assert.Equal(AidRequestState.Pending, request.State);
    }

    [Fact]
    public async Task WithdrawAsync_NothingKept_SurfacesRoundNothingToPay()
    {
        var round = await NewRound().WithProjects(1).BuildAsync(Ct);
        await round.CancelAsync();

        await AssertRevertsAsync<RoundNothingToPayError>(async () => await (await AsAsync(3, round)).WithdrawAsync(cancellationToken: Ct));
    }
}
