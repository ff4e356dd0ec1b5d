using System.Numerics;
using AidDao.Contracts.FundingRound.ContractDefinition;
using AidDao.Contracts.Tests.Support;
using AidDao.TestUtils;
using Nethereum.Contracts;
using Xunit;
using static AidDao.Contracts.Tests.Support.PoolBuilder;

namespace AidDao.Contracts.Tests.Round;

/// <summary>approveCancel: M = 2 current stewards cancel an unfinalised round; a cancelled round takes no money and pays no outcome.</summary>
public sealed class RoundCancelTests(ChainFixture fixture) : RoundTest(fixture)
{
    /// <summary>IFundingRound.ProjectStatus.Cancelled.</summary>
    private const byte ProjectCancelled = 4;

    [Fact]
    public async Task ApproveCancel_ByMemberOrOutsider_RevertsNotSteward()
    {
        var round = await NewRound().WithProjects(1).BuildAsync(Ct);

        var member = await AssertRevertsAsync<RoundNotStewardError>(() => round.ApproveCancelAsync(3));
        var outsider = await AssertRevertsAsync<RoundNotStewardError>(() => round.ApproveCancelAsync(6));

        Assert.Equal((round.AddressOf(3), round.AddressOf(6)), (member.Argument<string>("account"), outsider.Argument<string>("account")));
        Assert.Equal(BigInteger.Zero, await round.As(0).CancelApprovalsQueryAsync());
    }

    [Fact]
    public async Task ApproveCancel_SameStewardTwice_RevertsAlreadyApproved()
    {
        var round = await NewRound().WithProjects(1).BuildAsync(Ct);
        await round.ApproveCancelAsync(1);

        var error = await AssertRevertsAsync<RoundCancelAlreadyApprovedError>(() => round.ApproveCancelAsync(1));

        Assert.Equal(round.AddressOf(1), error.Argument<string>("steward"));
        Assert.Equal(BigInteger.One, await round.As(0).CancelApprovalsQueryAsync());
        Assert.Equal(Active, await round.StatusAsync());
    }

    /// <summary>Projects 1 and 3 approved, 2 rejected: the second approval cancels the round and marks 1 and 3 cancelled.</summary>
    [Fact]
    public async Task ApproveCancel_MthApproval_CancelsTheRound_AndMarksApprovedProjectsCancelled()
    {
        var round = await NewRound().BuildAsync(Ct);
        await round.AddProjectAsync(6, TestRound.RecipientOf(1));
        await round.ReviewAsync(0, await round.ApplyAsync(7, TestRound.RecipientOf(2)), approve: false);
        await round.AddProjectAsync(8, TestRound.RecipientOf(3));
        await round.MoveToVotingAsync();
        await round.ContributeAsync(3, 1, Ether(1));

        var first = await round.ApproveCancelAsync(0);

        var approved = TestPool.Event<CancelApprovedEventDTO>(first);
        Assert.Equal((round.AddressOf(0), BigInteger.One, new BigInteger(2)), (approved.Steward, approved.Approvals, approved.Threshold));
        Assert.Empty(first.DecodeAllEvents<RoundCancelledEventDTO>());
        Assert.Equal(Active, await round.StatusAsync());
        Assert.Equal(ProjectApproved, (await round.TotalsAsync(1)).Status);

        var second = await round.ApproveCancelAsync(2);

        approved = TestPool.Event<CancelApprovedEventDTO>(second);
        Assert.Equal((round.AddressOf(2), new BigInteger(2), new BigInteger(2)), (approved.Steward, approved.Approvals, approved.Threshold));
        TestPool.Event<RoundCancelledEventDTO>(second);
        Assert.Equal(Cancelled, await round.StatusAsync());
        Assert.Equal(new BigInteger(2), await round.As(0).CancelApprovalsQueryAsync());
        Assert.Equal((ProjectCancelled, ProjectRejected, ProjectCancelled),
            ((await round.TotalsAsync(1)).Status, (await round.TotalsAsync(2)).Status, (await round.TotalsAsync(3)).Status));
        Assert.Equal(Ether(1), (await round.TotalsAsync(1)).Raised);
    }

    [Fact]
    public async Task CancelledRound_RefusesContributionsFinalizeApprovalsTokenClaimsAndSweep()
    {
        var round = await NewRound().WithProjects(1).WithMatching(Ether(1)).BuildAsync(Ct);
        await round.ContributeAsync(3, 1, Ether(1));
        await round.CancelAsync();

        var contribute = await AssertRevertsAsync<RoundNotActiveError>(() => round.ContributeAsync(4, 1, Ether(1)));
        var approve = await AssertRevertsAsync<RoundNotActiveError>(() => round.ApproveCancelAsync(2));
        await round.MoveToFinalizeAsync();
        var finalize = await AssertRevertsAsync<RoundNotActiveError>(() => round.FinalizeAsync());
        var tokens = await AssertRevertsAsync<RoundNotFinalizedError>(() => round.ClaimTokensAsync(3, 1));
        var sweep = await AssertRevertsAsync<RoundNotFinalizedError>(() => round.SweepAsync());
        var distribute = await AssertRevertsAsync<RoundNotFinalizedError>(() => round.DistributeAsync(0, 1));

        Assert.All([contribute, approve, finalize, tokens, sweep, distribute],
            error => Assert.Equal(new BigInteger(Cancelled), error.Argument<BigInteger>("status")));
        Assert.Equal(Ether(2), await round.BalanceAsync(round.Address.Value));
    }

    [Fact]
    public async Task ApproveCancel_AfterFinalize_RevertsNotActive()
    {
        var round = await NewRound().WithProjects(1).BuildAsync(Ct);
        await round.MoveToFinalizeAndFinalizeAsync();

        var error = await AssertRevertsAsync<RoundNotActiveError>(() => round.ApproveCancelAsync(0));

        Assert.Equal(new BigInteger(Finalized), error.Argument<BigInteger>("status"));
        Assert.Equal(BigInteger.Zero, await round.As(0).CancelApprovalsQueryAsync());
    }
}
