using System.Globalization;
using System.Numerics;
using AidDao.Contracts.FundingRound.ContractDefinition;
using AidDao.Contracts.Tests.Support;
using AidDao.TestUtils;
using Nethereum.Contracts;
using Xunit;
using static AidDao.Contracts.Tests.Support.PoolBuilder;

namespace AidDao.Contracts.Tests.Round;

/// <summary>
/// finalize: its window, the quadratic-funding split worked out by hand (see <see cref="TestRound.ContributeSampleAsync"/>),
/// the cap's water-filling and the raw-only budget checked against the C# engine, the remainder, and the outcome views.
/// </summary>
public sealed class RoundFinalizeTests(ChainFixture fixture) : RoundTest(fixture)
{
    [Fact]
    public async Task Finalize_OneSecondBeforeReviewEnds_RevertsOutsideWindow_AtItSucceeds_ThenRevertsNotActive()
    {
        var round = await NewRound().WithProjects(1).BuildAsync(Ct);
        var reviewEnd = round.Setup.VotingEnd + round.Setup.ReviewPeriod;

        await round.Pool.SetNextBlockTimeAsync(reviewEnd - 1);
        var early = await AssertRevertsAsync<RoundOutsideWindowError>(() => round.FinalizeAsync());
        await round.Pool.SetNextBlockTimeAsync(reviewEnd);
        var receipt = await round.FinalizeAsync();
        var twice = await AssertRevertsAsync<RoundNotActiveError>(() => round.FinalizeAsync());

        Assert.Equal((new BigInteger(reviewEnd), new BigInteger(ulong.MaxValue), new BigInteger(reviewEnd - 1)),
            (early.Argument<BigInteger>("opensAt"), early.Argument<BigInteger>("closesAt"), early.Argument<BigInteger>("now_")));
        Assert.Equal(new BigInteger(Finalized), twice.Argument<BigInteger>("status"));
        Assert.Equal(Finalized, await round.StatusAsync());
        var outcome = await round.OutcomeAsync();
        Assert.Equal((reviewEnd, reviewEnd + round.Setup.ClaimPeriod), (outcome.FinalizedAt, outcome.ClaimDeadline));
        Assert.Equal(outcome.ClaimDeadline, TestPool.Event<RoundFinalizedEventDTO>(receipt).ClaimDeadline);
    }

    /// <summary>Σ raw = 3.5 ETH. A 7 ETH pool splits exactly (4 and 3 ETH); a 1 ETH pool gives ⌊4/7⌋ and ⌊3/7⌋ ETH and keeps 1 wei.</summary>
    [Theory]
    [InlineData(7, "4000000000000000000", "3000000000000000000", "0")]
    [InlineData(1, "571428571428571428", "428571428571428571", "1")]
    public async Task Finalize_SampleTallies_SplitsPoolProRataByRawMatch_RoundingDown(int poolEther, string match1, string match3, string remainder)
    {
        var round = await NewRound().WithProjects(3).WithMatching(Ether(poolEther)).BuildAsync(Ct);
        await round.ContributeSampleAsync();
        var pool = Ether(poolEther);
        BigInteger[] matches = [BigInteger.Parse(match1, CultureInfo.InvariantCulture), 0, BigInteger.Parse(match3, CultureInfo.InvariantCulture)];

        var receipt = await round.MoveToFinalizeAndFinalizeAsync();

        var computed = receipt.DecodeAllEvents<MatchComputedEventDTO>().Select(e => e.Event).ToList();
        Assert.Equal(new BigInteger[] { 1, 2, 3 }, computed.Select(e => e.ProjectId));
        Assert.Equal(round.SampleRaw, computed.Select(e => e.RawMatch));
        Assert.Equal(matches, computed.Select(e => e.MatchAmount));
        Assert.All(computed, e => Assert.False(e.Capped));
        var matched = matches.Aggregate(BigInteger.Add);
        Assert.Equal(pool - matched, BigInteger.Parse(remainder, CultureInfo.InvariantCulture));
        var finalized = TestPool.Event<RoundFinalizedEventDTO>(receipt);
        Assert.Equal((pool, matched, pool - matched, Ether(7.75m)),
            (finalized.MatchingPool, finalized.Matched, finalized.Remainder, finalized.TotalRaised));
        var outcome = await round.OutcomeAsync();
        Assert.Equal((pool, pool, Ether(3.5m), BigInteger.Zero, matched, pool - matched, Ether(7.75m)),
            (outcome.MatchingPool, outcome.Budget, outcome.OpenRaw, outcome.Cap, outcome.Matched, outcome.Remainder, outcome.TotalRaised));
        for (var k = 0; k < 3; k++)
        {
            Assert.Equal(matches[k], await round.MatchOfAsync(k + 1));
            Assert.Equal(matches[k] + round.SampleRaised[k], await round.PayoutOfAsync(k + 1));
        }
        await AssertEngineAgreesAsync(round, computed, outcome);
        Assert.Equal(pool + Ether(7.75m), await round.BalanceAsync(round.Address.Value));
    }

    /// <summary>
    /// Raw 2, 0.5 and 0.125 ETH, a 10 ETH pool and a 40 % cap (4 ETH): project 1 is capped in the first pass, project 2 in the
    /// second (0.5 × 6 ≥ 4 × 0.625), and project 3 gets the 2 ETH left, 16 times its raw share's worth.
    /// </summary>
    [Fact]
    public async Task Finalize_WithCap_CapsByWaterFilling_AndGivesTheExcessToTheOthers()
    {
        var round = await NewRound().WithProjects(3).WithCap(4_000).WithMatching(Ether(10)).BuildAsync(Ct);
        await round.ContributeBatchAsync(3, [1, 2], [Ether(1), Ether(0.25m)]);
        await round.ContributeBatchAsync(4, [1, 3], [Ether(1), Ether(0.0625m)]);
        await round.ContributeBatchAsync(5, [2, 3], [Ether(0.25m), Ether(0.0625m)]);

        var receipt = await round.MoveToFinalizeAndFinalizeAsync();

        var computed = receipt.DecodeAllEvents<MatchComputedEventDTO>().Select(e => e.Event).ToList();
        Assert.Equal(new[] { Ether(2), Ether(0.5m), Ether(0.125m) }, computed.Select(e => e.RawMatch));
        Assert.Equal(new[] { Ether(4), Ether(4), Ether(2) }, computed.Select(e => e.MatchAmount));
        Assert.Equal(new[] { true, true, false }, computed.Select(e => e.Capped));
        var outcome = await round.OutcomeAsync();
        Assert.Equal((Ether(4), Ether(2), Ether(0.125m), Ether(10), BigInteger.Zero),
            (outcome.Cap, outcome.Budget, outcome.OpenRaw, outcome.Matched, outcome.Remainder));
        Assert.Equal((Ether(4), Ether(4), Ether(2)), (await round.MatchOfAsync(1), await round.MatchOfAsync(2), await round.MatchOfAsync(3)));
        await AssertEngineAgreesAsync(round, computed, outcome);
    }

    [Fact]
    public async Task Finalize_PayingRawMatchesOnly_PoolAboveSumOfRaw_PaysRawAndKeepsTheRest()
    {
        var round = await NewRound().WithProjects(3).PayingRawMatchesOnly().WithMatching(Ether(5)).BuildAsync(Ct);
        await round.ContributeSampleAsync();

        var receipt = await round.MoveToFinalizeAndFinalizeAsync();

        var computed = receipt.DecodeAllEvents<MatchComputedEventDTO>().Select(e => e.Event).ToList();
        Assert.Equal(round.SampleRaw, computed.Select(e => e.MatchAmount));
        var outcome = await round.OutcomeAsync();
        Assert.Equal((Ether(3.5m), Ether(3.5m), Ether(1.5m)), (outcome.Budget, outcome.Matched, outcome.Remainder));
        Assert.Equal(Ether(1.5m), TestPool.Event<RoundFinalizedEventDTO>(receipt).Remainder);
        Assert.Equal(Ether(2) + Ether(2), await round.PayoutOfAsync(1));
        await AssertEngineAgreesAsync(round, computed, outcome);
    }

    [Fact]
    public async Task Finalize_NoApprovedProjects_KeepsTheWholePoolAsRemainder()
    {
        var round = await NewRound().WithMatching(Ether(2)).BuildAsync(Ct);

        var receipt = await round.MoveToFinalizeAndFinalizeAsync();

        Assert.Empty(receipt.DecodeAllEvents<MatchComputedEventDTO>());
        var finalized = TestPool.Event<RoundFinalizedEventDTO>(receipt);
        Assert.Equal((Ether(2), BigInteger.Zero, Ether(2), BigInteger.Zero), (finalized.MatchingPool, finalized.Matched, finalized.Remainder, finalized.TotalRaised));
        var outcome = await round.OutcomeAsync();
        Assert.Equal((Ether(2), BigInteger.Zero, Ether(2)), (outcome.MatchingPool, outcome.Matched, outcome.Remainder));
        Assert.Equal(Finalized, await round.StatusAsync());
    }

    [Fact]
    public async Task Finalize_ZeroMatchingPool_MatchesNothing_PayoutsAreContributions()
    {
        var round = await NewRound().WithProjects(3).BuildAsync(Ct);
        await round.ContributeSampleAsync();

        var receipt = await round.MoveToFinalizeAndFinalizeAsync();

        var computed = receipt.DecodeAllEvents<MatchComputedEventDTO>().Select(e => e.Event).ToList();
        Assert.Equal(round.SampleRaw, computed.Select(e => e.RawMatch));
        Assert.All(computed, e => Assert.Equal(BigInteger.Zero, e.MatchAmount));
        var outcome = await round.OutcomeAsync();
        Assert.Equal((BigInteger.Zero, BigInteger.Zero, BigInteger.Zero, Ether(7.75m)),
            (outcome.MatchingPool, outcome.Matched, outcome.Remainder, outcome.TotalRaised));
        for (var k = 0; k < 3; k++) Assert.Equal(round.SampleRaised[k], await round.PayoutOfAsync(k + 1));
    }

    /// <summary>
    /// 100 credits each: member 3 puts 64 on project 1 (8 votes) and 36 on project 2 (6); member 4 puts 16 (4) and 9 (3).
    /// Votes 12 and 9: the whole 1 ETH pool is spread even though the round is set to pay raw matches only, ⌊12/21⌋ and ⌊9/21⌋ ETH; an outsider's 0.5 ETH reaches project 1 unmatched.
    /// </summary>
    [Fact]
    public async Task Finalize_QuadraticVoting_SplitsTheWholePoolByVotes()
    {
        var round = await NewRound().QuadraticVoting(100).PayingRawMatchesOnly().WithProjects(2).WithMatching(Ether(1)).BuildAsync(Ct);
        await round.VoteAsync(3, [1, 2], [64, 36]);
        await round.VoteAsync(4, [1, 2], [16, 9]);
        await round.ContributeAsync(6, 1, Ether(0.5m));

        var receipt = await round.MoveToFinalizeAndFinalizeAsync();

        var computed = receipt.DecodeAllEvents<MatchComputedEventDTO>().Select(e => e.Event).ToList();
        Assert.Equal(new BigInteger[] { 12, 9 }, computed.Select(e => e.RawMatch));
        BigInteger[] matches = [Ether(12) / 21, Ether(9) / 21];
        Assert.Equal(matches, computed.Select(e => e.MatchAmount));
        var outcome = await round.OutcomeAsync();
        Assert.Equal((Ether(1), new BigInteger(21), Ether(1) - matches[0] - matches[1], Ether(0.5m)),
            (outcome.Budget, outcome.OpenRaw, outcome.Remainder, outcome.TotalRaised));
        Assert.Equal(matches[0] + Ether(0.5m), await round.PayoutOfAsync(1));
        Assert.Equal(matches[1], await round.PayoutOfAsync(2));
        await AssertEngineAgreesAsync(round, computed, outcome);
    }

    /// <summary>A token that burns 1 % of each transfer leaves the round 1 % short of what it booked: finalize refuses.</summary>
    [Fact]
    public async Task Finalize_AssetDeliveringLessThanBooked_RevertsAssetShortfall()
    {
        var pool = await new PoolBuilder(Devnet).WithFeeToken(100).BuildAsync(Ct);
        var now = await pool.BlockTimeAsync();
        var round = await TestRound.CreateAsync(Devnet, pool, new RoundBuilder(Devnet).Setup(now, pool.FeeToken, pool.Address.Value));
        await round.AddProjectAsync(6, TestRound.RecipientOf(1));
        await round.MoveToVotingAsync();
        await round.FundMatchingAsync(9, Ether(1));
        await round.ContributeAsync(3, 1, Ether(2));
        await round.MoveToFinalizeAsync();

        var error = await AssertRevertsAsync<RoundAssetShortfallError>(() => round.FinalizeAsync());

        Assert.Equal((Ether(3), Ether(2.97m)), (error.Argument<BigInteger>("owed"), error.Argument<BigInteger>("held")));
        Assert.Equal(Active, await round.StatusAsync());
    }

    /// <summary>The contract's matches, caps and remainder equal the C# engine's on the same tallies.</summary>
    private static async Task AssertEngineAgreesAsync(TestRound round, IReadOnlyList<MatchComputedEventDTO> computed, Outcome outcome)
    {
        var (ids, engine) = await round.EngineOutcomeAsync();
        Assert.Equal(ids, computed.Select(e => e.ProjectId));
        Assert.Equal(engine.RawMatches, computed.Select(e => e.RawMatch));
        Assert.Equal(engine.Matches, computed.Select(e => e.MatchAmount));
        Assert.Equal(engine.Capped, computed.Select(e => e.Capped));
        Assert.Equal(engine.Remainder, outcome.Remainder);
        Assert.True(outcome.Matched <= outcome.MatchingPool);
        Assert.Equal(outcome.MatchingPool - outcome.Matched, outcome.Remainder);
    }
}
