using System.Numerics;
using AidDao.Contracts.FundingRound.ContractDefinition;
using AidDao.Contracts.Tests.Support;
using AidDao.TestUtils;
using Nethereum.Contracts;
using Xunit;
using static AidDao.Contracts.Tests.Support.PoolBuilder;

namespace AidDao.Contracts.Tests.Round;

/// <summary>vote (quadratic voting): who may vote, the credit budget (equal or token votes), and votes as the floor root of cumulative credits.</summary>
public sealed class RoundVoteTests(ChainFixture fixture) : RoundTest(fixture)
{
    [Fact]
    public async Task Vote_InQuadraticFundingRound_RevertsWrongMode()
    {
        var round = await NewRound().WithProjects(1).BuildAsync(Ct);

        var error = await AssertRevertsAsync<RoundWrongModeError>(() => round.VoteAsync(3, [1], [4]));

        Assert.Equal(BigInteger.Zero, error.Argument<BigInteger>("mode"));
    }

    [Fact]
    public async Task Vote_CreditsAddUp_VotesAreFloorRootOfTheCumulativeCredits()
    {
        var round = await NewRound().QuadraticVoting(100).WithProjects(2).BuildAsync(Ct);

        var first = TestPool.Event<VotedEventDTO>(await round.VoteAsync(3, [1], [4]));
        var second = TestPool.Event<VotedEventDTO>(await round.VoteAsync(3, [1], [5]));
        var batch = (await round.VoteAsync(4, [1, 2], [1, 16])).DecodeAllEvents<VotedEventDTO>().Select(e => e.Event).ToArray();

        Assert.Equal((Address(3).Value, BigInteger.One, new BigInteger(4), new BigInteger(2), new BigInteger(96)),
            (first.Member, first.ProjectId, first.Credits, first.Votes, first.CreditsLeft));
        Assert.Equal((new BigInteger(5), new BigInteger(3), new BigInteger(91)), (second.Credits, second.Votes, second.CreditsLeft));
        Assert.Equal([(BigInteger.One, BigInteger.One, new BigInteger(99)), (new BigInteger(2), new BigInteger(4), new BigInteger(83))],
            batch.Select(e => (e.ProjectId, e.Votes, e.CreditsLeft)));
        var credits = await round.As(0).CreditsOfQueryAsync(Address(3).Value);
        Assert.Equal((new BigInteger(100), new BigInteger(9)), (credits.Budget, credits.Spent));
        var stake = await round.StakeAsync(3, 1);
        Assert.Equal((BigInteger.Zero, new BigInteger(9), 3UL), (stake.Amount, stake.Eligible, stake.Root));
        var totals = await round.TotalsAsync(1);
        Assert.Equal((BigInteger.Zero, new BigInteger(10), 4UL), (totals.Raised, totals.Eligible, totals.Roots));
        Assert.Equal((new BigInteger(16), 4UL), ((await round.TotalsAsync(2)).Eligible, (await round.TotalsAsync(2)).Roots));
    }

    [Fact]
    public async Task Vote_OverBudgetZeroMismatchedOrByNonMember_Reverts()
    {
        var round = await NewRound().QuadraticVoting(100).WithProjects(2).BuildAsync(Ct);
        await round.VoteAsync(3, [1], [60]);

        var over = await AssertRevertsAsync<RoundOverBudgetError>(() => round.VoteAsync(3, [1, 2], [30, 20]));
        await AssertRevertsAsync<RoundZeroAmountError>(() => round.VoteAsync(3, [2, 1], [1, 0]));
        var mismatched = await AssertRevertsAsync<RoundBatchMismatchError>(() => round.VoteAsync(3, [1, 2], [1]));
        var outsider = await AssertRevertsAsync<RoundNotMemberError>(() => round.VoteAsync(7, [1], [1]));

        Assert.Equal((Address(3).Value, new BigInteger(50), new BigInteger(40)),
            (over.Argument<string>("member"), over.Argument<BigInteger>("requested"), over.Argument<BigInteger>("remaining")));
        Assert.Equal((new BigInteger(2), BigInteger.One), (mismatched.Argument<BigInteger>("projects"), mismatched.Argument<BigInteger>("amounts")));
        Assert.Equal(Address(7).Value, outsider.Argument<string>("account"));
        var credits = await round.As(0).CreditsOfQueryAsync(Address(3).Value);
        Assert.Equal((new BigInteger(100), new BigInteger(60)), (credits.Budget, credits.Spent));
        await round.VoteAsync(3, [1, 2], [30, 10]);
        Assert.Equal(new BigInteger(100), (await round.As(0).CreditsOfQueryAsync(Address(3).Value)).Spent);
    }

    [Fact]
    public async Task Vote_TokenVotes_BudgetIsTheMembersTokenVotesAtTheSnapshotBlock()
    {
        var first = await NewRound().QuadraticVoting(tokenVotes: true).BuildAsync(Ct);
        await first.Pool.DepositEthAsync(3, Ether(2));
        var round = await first.CreateSiblingAsync();
        await round.ApplyAndReviewAsync(true);
        await round.MoveToVotingAsync();
        await round.Pool.DepositEthAsync(3, Ether(1));
        Assert.Equal(Ether(3), await round.Community.TokenContractAs(0).GetVotesQueryAsync(Address(3).Value));
        Assert.Equal((BigInteger.Zero, BigInteger.Zero), ((await round.As(0).CreditsOfQueryAsync(Address(3).Value)).Budget, (await round.As(0).CreditsOfQueryAsync(Address(3).Value)).Spent));

        var over = await AssertRevertsAsync<RoundOverBudgetError>(() => round.VoteAsync(3, [1], [Ether(2) + 1]));
        var voted = TestPool.Event<VotedEventDTO>(await round.VoteAsync(3, [1], [Ether(1)]));
        var noTokens = await AssertRevertsAsync<RoundNoVoiceCreditsError>(() => round.VoteAsync(4, [1], [1]));

        Assert.Equal((Ether(2) + 1, Ether(2)), (over.Argument<BigInteger>("requested"), over.Argument<BigInteger>("remaining")));
        Assert.Equal((new BigInteger(1_000_000_000), Ether(1)), (voted.Votes, voted.CreditsLeft));
        var credits = await round.As(0).CreditsOfQueryAsync(Address(3).Value);
        Assert.Equal((Ether(2), Ether(1)), (credits.Budget, credits.Spent));
        Assert.Equal(Address(4).Value, noTokens.Argument<string>("member"));
    }

    [Fact]
    public async Task Vote_OutsideTheVotingWindowOrAfterCancel_RevertsOutsideWindowOrNotActive()
    {
        var round = await NewRound().QuadraticVoting(100).BuildAsync(Ct);
        var id = (await round.ApplyAndReviewAsync(true))[0];
        var (start, end) = (round.Setup.VotingStart, round.Setup.VotingEnd);

        await round.Pool.SetNextBlockTimeAsync(start - 1);
        var early = await AssertRevertsAsync<RoundOutsideWindowError>(() => round.VoteAsync(3, [id], [1]));
        await round.Pool.SetNextBlockTimeAsync(start);
        await round.VoteAsync(3, [id], [1]);
        await round.CancelAsync();
        var cancelled = await AssertRevertsAsync<RoundNotActiveError>(() => round.VoteAsync(3, [id], [1]));
        await round.Pool.SetNextBlockTimeAsync(end);
        var late = await AssertRevertsAsync<RoundOutsideWindowError>(() => round.VoteAsync(4, [id], [1]));

        RoundAssert.Window(early, start, end, start - 1);
        RoundAssert.Cancelled(cancelled);
        RoundAssert.Window(late, start, end, end);
        Assert.Equal(BigInteger.One, (await round.As(0).CreditsOfQueryAsync(Address(3).Value)).Spent);
    }
}
