using System.Numerics;
using AidDao.Contracts.FundingRound.ContractDefinition;
using AidDao.Contracts.Tests.Support;
using AidDao.Core.Transactions;
using AidDao.TestUtils;
using Xunit;

namespace AidDao.Contracts.Tests.Round;

/// <summary>Applications and their review: the windows, who may review what, the project limit and the approval order.</summary>
public sealed class RoundApplicationTests(ChainFixture fixture) : RoundTest(fixture)
{
    [Fact]
    public async Task ApplyForFunding_InWindow_RecordsPendingProjectAndEmitsProjectApplied()
    {
        var round = await NewRound().BuildAsync(Ct);
        var metadata = new byte[32];
        metadata[31] = 7;

        var receipt = await SendAsync(s => round.As(6).ApplyForFundingRequestAndWaitForReceiptAsync(TestRound.RecipientOf(1), metadata, s));
        var second = await round.ApplyAsync(7, TestRound.RecipientOf(2));

        var applied = TestPool.Event<ProjectAppliedEventDTO>(receipt);
        Assert.Equal((BigInteger.One, Address(6).Value, TestRound.RecipientOf(1)), (applied.ProjectId, applied.Applicant, applied.Recipient));
        Assert.Equal(metadata, applied.Metadata);
        Assert.Equal(new BigInteger(2), second);
        var project = (await round.As(0).GetProjectQueryAsync(1)).ReturnValue1;
        Assert.Equal((TestRound.RecipientOf(1), Address(6).Value, false), (project.Recipient, project.Applicant, project.Paid));
        Assert.Equal(metadata, project.Metadata);
        Assert.Equal(new BigInteger(2), await round.As(0).ProjectCountQueryAsync());
        var totals = await round.TotalsAsync(1);
        Assert.Equal((ProjectPending, BigInteger.Zero, BigInteger.Zero, 0UL), (totals.Status, totals.Raised, totals.Eligible, totals.Roots));
        Assert.Empty(await round.As(0).ApprovedProjectsQueryAsync());
    }

    [Fact]
    public async Task ApplyForFunding_BeforeOpeningOrAtClosing_RevertsOutsideWindow()
    {
        var round = await NewRound().Adjust(s => s.ApplicationsStart += 3_600).BuildAsync(Ct);
        var (opens, closes) = (round.Setup.ApplicationsStart, round.Setup.ApplicationsEnd);

        await round.Pool.SetNextBlockTimeAsync(opens - 1);
        var early = await AssertRevertsAsync<RoundOutsideWindowError>(() => round.ApplyAsync(6, TestRound.RecipientOf(1)));
        await round.Pool.SetNextBlockTimeAsync(opens);
        await round.ApplyAsync(6, TestRound.RecipientOf(1));
        await round.Pool.SetNextBlockTimeAsync(closes - 1);
        await round.ApplyAsync(7, TestRound.RecipientOf(2));
        await round.Pool.SetNextBlockTimeAsync(closes);
        var late = await AssertRevertsAsync<RoundOutsideWindowError>(() => round.ApplyAsync(8, TestRound.RecipientOf(3)));

        RoundAssert.Window(early, opens, closes, opens - 1);
        RoundAssert.Window(late, opens, closes, closes);
        Assert.Equal(new BigInteger(2), await round.As(0).ProjectCountQueryAsync());
    }

    [Fact]
    public async Task ApplyForFunding_ZeroRecipient_RevertsZeroAddress()
    {
        var round = await NewRound().BuildAsync(Ct);

        await AssertRevertsAsync<RoundZeroAddressError>(() => round.ApplyAsync(6, TestPool.Eth));

        Assert.Equal(BigInteger.Zero, await round.As(0).ProjectCountQueryAsync());
        await AssertRevertsAsync<RoundUnknownProjectError>(() => ChainCall.QueryAsync(() => round.As(0).GetProjectQueryAsync(1), Ct));
    }

    [Fact]
    public async Task ReviewProject_ByMemberOrOutsider_RevertsNotSteward()
    {
        var round = await NewRound().BuildAsync(Ct);
        var id = await round.ApplyAsync(6, TestRound.RecipientOf(1));

        var member = await AssertRevertsAsync<RoundNotStewardError>(() => round.ReviewAsync(3, id, approve: true));
        var applicant = await AssertRevertsAsync<RoundNotStewardError>(() => round.ReviewAsync(6, id, approve: true));

        Assert.Equal(Address(3).Value, member.Argument<string>("account"));
        Assert.Equal(Address(6).Value, applicant.Argument<string>("account"));
        Assert.Equal(ProjectPending, (await round.TotalsAsync(id)).Status);
    }

    [Fact]
    public async Task ReviewProject_OwnApplicationOrOnePayingTheSteward_RevertsStewardConflict()
    {
        var round = await NewRound().BuildAsync(Ct);
        var own = await round.ApplyAsync(1, TestRound.RecipientOf(1));
        var paysSteward = await round.ApplyAsync(6, Address(2).Value);

        var applicant = await AssertRevertsAsync<RoundStewardConflictError>(() => round.ReviewAsync(1, own, approve: true));
        var recipient = await AssertRevertsAsync<RoundStewardConflictError>(() => round.ReviewAsync(2, paysSteward, approve: false));

        Assert.Equal((own, Address(1).Value), (applicant.Argument<BigInteger>("projectId"), applicant.Argument<string>("steward")));
        Assert.Equal((paysSteward, Address(2).Value), (recipient.Argument<BigInteger>("projectId"), recipient.Argument<string>("steward")));
        // Another steward may review them.
        await round.ReviewAsync(2, own, approve: true);
        await round.ReviewAsync(1, paysSteward, approve: true);
        Assert.Equal([own, paysSteward], await round.As(0).ApprovedProjectsQueryAsync());
    }

    [Fact]
    public async Task ReviewProject_UnknownOrAlreadyReviewed_RevertsUnknownOrNotPending()
    {
        var round = await NewRound().BuildAsync(Ct);
        var ids = await round.ApplyAndReviewAsync(true, false);

        var unknown = await AssertRevertsAsync<RoundUnknownProjectError>(() => round.ReviewAsync(0, 3, approve: true));
        var approved = await AssertRevertsAsync<RoundProjectNotPendingError>(() => round.ReviewAsync(1, ids[0], approve: false));
        var rejected = await AssertRevertsAsync<RoundProjectNotPendingError>(() => round.ReviewAsync(1, ids[1], approve: true));

        Assert.Equal(new BigInteger(3), unknown.Argument<BigInteger>("projectId"));
        Assert.Equal((ids[0], new BigInteger(ProjectApproved)), (approved.Argument<BigInteger>("projectId"), approved.Argument<BigInteger>("status")));
        Assert.Equal((ids[1], new BigInteger(ProjectRejected)), (rejected.Argument<BigInteger>("projectId"), rejected.Argument<BigInteger>("status")));
        Assert.Equal([ids[0]], await round.As(0).ApprovedProjectsQueryAsync());
    }

    [Fact]
    public async Task ReviewProject_AtVotingStart_RevertsOutsideWindow()
    {
        var round = await NewRound().BuildAsync(Ct);
        var (first, second) = (await round.ApplyAsync(6, TestRound.RecipientOf(1)), await round.ApplyAsync(7, TestRound.RecipientOf(2)));

        await round.Pool.SetNextBlockTimeAsync(round.Setup.VotingStart - 1);
        await round.ReviewAsync(0, first, approve: true);
        await round.Pool.SetNextBlockTimeAsync(round.Setup.VotingStart);
        var error = await AssertRevertsAsync<RoundOutsideWindowError>(() => round.ReviewAsync(0, second, approve: true));

        RoundAssert.Window(error, round.Setup.ApplicationsStart, round.Setup.VotingStart, round.Setup.VotingStart);
        Assert.Equal(ProjectPending, (await round.TotalsAsync(second)).Status);
    }

    [Fact]
    public async Task ReviewProject_ApprovalBeyondMaxProjects_RevertsTooManyProjects()
    {
        var round = await NewRound().WithMaxProjects(1).BuildAsync(Ct);
        var ids = await round.ApplyAndReviewAsync(true, null);

        var error = await AssertRevertsAsync<RoundTooManyProjectsError>(() => round.ReviewAsync(0, ids[1], approve: true));

        Assert.Equal(BigInteger.One, error.Argument<BigInteger>("max"));
        // Rejecting is still possible.
        await round.ReviewAsync(0, ids[1], approve: false);
        Assert.Equal(ProjectRejected, (await round.TotalsAsync(ids[1])).Status);
        Assert.Equal([ids[0]], await round.As(0).ApprovedProjectsQueryAsync());
    }

    [Fact]
    public async Task ReviewProject_ApproveAndReject_SetsStatusEmitsEventAndListsApprovalsInOrder()
    {
        var round = await NewRound().BuildAsync(Ct);
        var ids = await round.ApplyAndReviewAsync(null, null, null);

        var third = TestPool.Event<ProjectReviewedEventDTO>(await round.ReviewAsync(2, ids[2], approve: true));
        var second = TestPool.Event<ProjectReviewedEventDTO>(await round.ReviewAsync(1, ids[1], approve: false));
        await round.ReviewAsync(0, ids[0], approve: true);

        Assert.Equal((ids[2], Address(2).Value, true), (third.ProjectId, third.Steward, third.Approved));
        Assert.Equal((ids[1], Address(1).Value, false), (second.ProjectId, second.Steward, second.Approved));
        Assert.Equal([ids[2], ids[0]], await round.As(0).ApprovedProjectsQueryAsync());
        Assert.Equal(
            new[] { ProjectApproved, ProjectRejected, ProjectApproved },
            new[] { (await round.TotalsAsync(ids[0])).Status, (await round.TotalsAsync(ids[1])).Status, (await round.TotalsAsync(ids[2])).Status });
    }
}
