using System.Numerics;
using AidDao.Contracts.FundingRound.ContractDefinition;
using AidDao.Contracts.Tests.Support;
using AidDao.TestUtils;
using Nethereum.Contracts;
using Xunit;
using static AidDao.Contracts.Tests.Support.PoolBuilder;

namespace AidDao.Contracts.Tests.Round;

/// <summary>contributeTo and contribute: the voting window, which projects take money, the value checks, and what counts for matching.</summary>
public sealed class RoundContributionTests(ChainFixture fixture) : RoundTest(fixture)
{
    private static readonly BigInteger Minimum = Ether(0.001m);

    [Fact]
    public async Task Contribute_AroundTheVotingWindow_OpenFromVotingStartUntilBeforeVotingEnd()
    {
        var round = await NewRound().BuildAsync(Ct);
        var id = (await round.ApplyAndReviewAsync(true))[0];
        var (start, end) = (round.Setup.VotingStart, round.Setup.VotingEnd);

        await round.Pool.SetNextBlockTimeAsync(start - 1);
        var early = await AssertRevertsAsync<RoundOutsideWindowError>(() => round.ContributeAsync(3, id, Minimum));
        await round.Pool.SetNextBlockTimeAsync(start);
        await round.ContributeAsync(3, id, Minimum);
        await round.Pool.SetNextBlockTimeAsync(end - 1);
        await round.ContributeBatchAsync(4, [id], [Minimum]);
        await round.Pool.SetNextBlockTimeAsync(end);
        var late = await AssertRevertsAsync<RoundOutsideWindowError>(() => round.ContributeAsync(3, id, Minimum));
        var lateBatch = await AssertRevertsAsync<RoundOutsideWindowError>(() => round.ContributeBatchAsync(3, [id], [Minimum]));

        RoundAssert.Window(early, start, end, start - 1);
        RoundAssert.Window(late, start, end, end);
        RoundAssert.Window(lateBatch, start, end, end);
        Assert.Equal(2 * Minimum, (await round.TotalsAsync(id)).Raised);
    }

    [Fact]
    public async Task Contribute_BelowMinimum_RevertsBelowMinimum()
    {
        var round = await NewRound().WithProjects(2).BuildAsync(Ct);

        var single = await AssertRevertsAsync<RoundBelowMinimumError>(() => round.ContributeAsync(3, 1, Minimum - 1));
        var batch = await AssertRevertsAsync<RoundBelowMinimumError>(() => round.ContributeBatchAsync(3, [1, 2], [Minimum, 1]));

        Assert.Equal((Minimum - 1, Minimum), (single.Argument<BigInteger>("amount"), single.Argument<BigInteger>("minimum")));
        Assert.Equal((BigInteger.One, Minimum), (batch.Argument<BigInteger>("amount"), batch.Argument<BigInteger>("minimum")));
        Assert.Equal(BigInteger.Zero, (await round.TotalsAsync(1)).Raised);
    }

    [Fact]
    public async Task Contribute_ToUnknownPendingOrRejectedProject_RevertsUnknownOrNotApproved()
    {
        var round = await NewRound().BuildAsync(Ct);
        var ids = await round.ApplyAndReviewAsync(true, false, null);
        await round.MoveToVotingAsync();

        var unknown = await AssertRevertsAsync<RoundUnknownProjectError>(() => round.ContributeAsync(3, 4, Minimum));
        var zero = await AssertRevertsAsync<RoundUnknownProjectError>(() => round.ContributeBatchAsync(3, [ids[0], 0], [Minimum, Minimum]));
        var rejected = await AssertRevertsAsync<RoundProjectNotApprovedError>(() => round.ContributeAsync(3, ids[1], Minimum));
        var pending = await AssertRevertsAsync<RoundProjectNotApprovedError>(() => round.ContributeBatchAsync(3, [ids[0], ids[2]], [Minimum, Minimum]));

        Assert.Equal(new BigInteger(4), unknown.Argument<BigInteger>("projectId"));
        Assert.Equal(BigInteger.Zero, zero.Argument<BigInteger>("projectId"));
        Assert.Equal((ids[1], new BigInteger(ProjectRejected)), (rejected.Argument<BigInteger>("projectId"), rejected.Argument<BigInteger>("status")));
        Assert.Equal((ids[2], new BigInteger(ProjectPending)), (pending.Argument<BigInteger>("projectId"), pending.Argument<BigInteger>("status")));
        Assert.Equal(BigInteger.Zero, (await round.TotalsAsync(ids[0])).Raised);
    }

    [Fact]
    public async Task Contribute_EmptyOrMismatchedBatch_RevertsBatchMismatch()
    {
        var round = await NewRound().WithProjects(2).BuildAsync(Ct);

        var empty = await AssertRevertsAsync<RoundBatchMismatchError>(() => round.ContributeBatchWithValueAsync(3, [], [], 0));
        var mismatched = await AssertRevertsAsync<RoundBatchMismatchError>(() => round.ContributeBatchWithValueAsync(3, [1, 2], [Minimum], Minimum));

        Assert.Equal((BigInteger.Zero, BigInteger.Zero), (empty.Argument<BigInteger>("projects"), empty.Argument<BigInteger>("amounts")));
        Assert.Equal((new BigInteger(2), BigInteger.One), (mismatched.Argument<BigInteger>("projects"), mismatched.Argument<BigInteger>("amounts")));
    }

    [Fact]
    public async Task Contribute_EthValueNotTheAmount_RevertsValueMismatch()
    {
        var round = await NewRound().WithProjects(2).BuildAsync(Ct);

        var single = await AssertRevertsAsync<RoundValueMismatchError>(() => round.ContributeWithValueAsync(3, 1, Minimum, Minimum - 1));
        var batch = await AssertRevertsAsync<RoundValueMismatchError>(() => round.ContributeBatchWithValueAsync(3, [1, 2], [Minimum, 2 * Minimum], 4 * Minimum));

        RoundAssert.Value(single, Minimum - 1, Minimum);
        RoundAssert.Value(batch, 4 * Minimum, 3 * Minimum);
        Assert.Equal(BigInteger.Zero, await round.BalanceAsync(round.Address.Value));
    }

    [Fact]
    public async Task Contribute_Stablecoin_MovesCoinsAndTakesNoEth()
    {
        var round = await NewRound().WithStablecoin().WithProjects(2).BuildAsync(Ct);

        await round.ContributeAsync(3, 1, Coins(5));
        await round.ContributeBatchAsync(7, [1, 2], [Coins(2), Coins(3)]);
        await round.MintAndApproveAsync(4, Coins(1));
        var single = await AssertRevertsAsync<RoundValueMismatchError>(() => round.ContributeWithValueAsync(4, 1, Coins(1), 1));
        var batch = await AssertRevertsAsync<RoundValueMismatchError>(() => round.ContributeBatchWithValueAsync(4, [1], [Coins(1)], Coins(1)));

        Assert.Equal(Coins(10), await round.BalanceAsync(round.Address.Value));
        Assert.Equal((BigInteger.Zero, BigInteger.Zero, Coins(1)),
            (await round.BalanceAsync(Address(3).Value), await round.BalanceAsync(Address(7).Value), await round.BalanceAsync(Address(4).Value)));
        Assert.Equal((Coins(7), Coins(3)), ((await round.TotalsAsync(1)).Raised, (await round.TotalsAsync(2)).Raised));
        Assert.Equal((Coins(5), Coins(5)), ((await round.TotalsAsync(1)).Eligible, (await round.StakeAsync(3, 1)).Eligible));
        RoundAssert.Value(single, 1, 0);
        RoundAssert.Value(batch, Coins(1), 0);
        Assert.Equal(BigInteger.Zero, await round.Pool.EthBalanceAsync(round.Address.Value));
    }

    [Fact]
    public async Task ContributeTo_CumulativeAboveUint96_RevertsAmountTooLarge()
    {
        var round = await NewRound().WithMinimum(1).WithProjects(1).BuildAsync(Ct);
        var max = (BigInteger.One << 96) - 1;
        await round.SetEthBalanceAsync(Address(3).Value, BigInteger.One << 97);

        await round.ContributeAsync(3, 1, max - 1);
        await round.ContributeAsync(3, 1, 1);
        await AssertRevertsAsync<RoundAmountTooLargeError>(() => round.ContributeAsync(3, 1, 1));
        await AssertRevertsAsync<RoundAmountTooLargeError>(() => round.ContributeAsync(4, 1, 1));

        var stake = await round.StakeAsync(3, 1);
        Assert.Equal((max, max, (1UL << 48) - 1), (stake.Amount, stake.Eligible, stake.Root));
        var totals = await round.TotalsAsync(1);
        Assert.Equal((max, max, (1UL << 48) - 1), (totals.Raised, totals.Eligible, totals.Roots));
    }

    [Fact]
    public async Task Contribute_AfterCancel_RevertsNotActiveCancelled()
    {
        var round = await NewRound().WithProjects(2).BuildAsync(Ct);
        await round.ContributeAsync(3, 1, Minimum);
        await round.CancelAsync();

        RoundAssert.Cancelled(await AssertRevertsAsync<RoundNotActiveError>(() => round.ContributeAsync(3, 1, Minimum)));
        RoundAssert.Cancelled(await AssertRevertsAsync<RoundNotActiveError>(() => round.ContributeBatchAsync(7, [2, 1], [Minimum, Minimum])));

        Assert.Equal(Minimum, (await round.TotalsAsync(1)).Raised);
    }

    [Fact]
    public async Task ContributeTo_MemberAndOutsider_OnlyTheMembersMoneyCountsForMatching()
    {
        var round = await NewRound().WithProjects(1).BuildAsync(Ct);
        var (memberGift, outsiderGift) = (Ether(0.01m), Ether(0.09m));

        var member = TestPool.Event<ContributedEventDTO>(await round.ContributeAsync(3, 1, memberGift));
        var outsider = TestPool.Event<ContributedEventDTO>(await round.ContributeAsync(7, 1, outsiderGift));

        Assert.Equal((Address(3).Value, BigInteger.One, memberGift, true), (member.Contributor, member.ProjectId, member.Amount, member.Matched));
        Assert.Equal((Address(7).Value, BigInteger.One, outsiderGift, false), (outsider.Contributor, outsider.ProjectId, outsider.Amount, outsider.Matched));
        var totals = await round.TotalsAsync(1);
        Assert.Equal((memberGift + outsiderGift, memberGift, 100_000_000UL, ProjectApproved), (totals.Raised, totals.Eligible, totals.Roots, totals.Status));
        var memberStake = await round.StakeAsync(3, 1);
        Assert.Equal((memberGift, memberGift, 100_000_000UL), (memberStake.Amount, memberStake.Eligible, memberStake.Root));
        var outsiderStake = await round.StakeAsync(7, 1);
        Assert.Equal((outsiderGift, BigInteger.Zero, 0UL), (outsiderStake.Amount, outsiderStake.Eligible, outsiderStake.Root));
        Assert.Equal(memberGift + outsiderGift, await round.BalanceAsync(round.Address.Value));
    }

    [Fact]
    public async Task Contribute_TopUpAfterMembershipEnds_StaysMatchedWhileANewStakeDoesNot()
    {
        var round = await NewRound().WithProjects(2).BuildAsync(Ct);
        await round.ContributeAsync(3, 1, Ether(0.01m));
        await round.Pool.PassCommunityProposalAsync(steward => steward.ProposeRemoveMemberAsync(Address(3), Ct));
        Assert.False(await round.Community.CommunityContractAs(0).IsMemberQueryAsync(Address(3).Value));

        var receipt = await round.ContributeBatchAsync(3, [1, 2], [Ether(0.03m), Ether(0.01m)]);

        var events = receipt.DecodeAllEvents<ContributedEventDTO>().Select(e => (e.Event.ProjectId, e.Event.Matched));
        Assert.Equal([(BigInteger.One, true), (new BigInteger(2), false)], events);
        var topUp = await round.StakeAsync(3, 1);
        Assert.Equal((Ether(0.04m), Ether(0.04m), 200_000_000UL), (topUp.Amount, topUp.Eligible, topUp.Root));
        var totals = await round.TotalsAsync(1);
        Assert.Equal((Ether(0.04m), Ether(0.04m), 200_000_000UL), (totals.Raised, totals.Eligible, totals.Roots));
        var fresh = await round.TotalsAsync(2);
        Assert.Equal((Ether(0.01m), BigInteger.Zero, 0UL), (fresh.Raised, fresh.Eligible, fresh.Roots));
    }
}
