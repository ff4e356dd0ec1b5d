using System.Numerics;
using AidDao.Contracts.Community.ContractDefinition;
using AidDao.Contracts.Tests.Support;
using AidDao.Core;
using AidDao.Core.Communities;
using AidDao.TestUtils;
using Xunit;

namespace AidDao.Contracts.Tests;

/// <summary>Community governance: M-of-N proposals over stewards and rules, and how approvals are counted.</summary>
public sealed class CommunityGovernanceTests(ChainFixture fixture) : CommunityTest(fixture)
{
    [Fact]
    public async Task ProposeAddSteward_TwoOfThree_ExecutesOnlyOnTheSecondDistinctApproval()
    {
        var community = await NewCommunity().WithStewards(0, 1, 2).WithThreshold(2).BuildAsync(Ct);

        var proposed = await community.As(0).ProposeAddStewardAsync(Address(5), Ct);

        Assert.False(proposed.Executed);
        Assert.Equal(1, proposed.Approvals);
        Assert.Equal(2, proposed.Threshold);
        Assert.False(await community.As(0).IsStewardAsync(Address(5), Ct));

        var again = await AssertRevertsAsync<CommunityProposalAlreadyApprovedError>(() => community.As(0).ApproveAsync(proposed.ProposalId, Ct));

        Assert.Equal($"Proposal {proposed.ProposalId} already has the approval of {Address(0)}; an approval counts once.", again.Message);
        var pending = await community.As(0).GetProposalAsync(proposed.ProposalId, Ct);
        Assert.Equal(ProposalStatus.Pending, pending.Status);
        Assert.Equal(1, pending.Approvals);
        Assert.False(await community.As(0).IsStewardAsync(Address(5), Ct));

        var second = await community.As(1).ApproveAsync(proposed.ProposalId, Ct);

        Assert.True(second.Executed);
        Assert.Equal(2, second.Approvals);
        Assert.True(await community.As(0).IsStewardAsync(Address(5), Ct));
        Assert.True(await community.As(0).IsMemberAsync(Address(5), Ct));
        Assert.Equal(4, await community.StewardCountAsync());
        Assert.Equal(PathStewardRole, Assert.Single(await community.MemberAdmittedEventsAsync(second.Transaction.TransactionHash)).Path);
        Assert.Equal(ProposalStatus.Executed, (await community.As(0).GetProposalAsync(proposed.ProposalId, Ct)).Status);
    }

    [Fact]
    public async Task RemoveSteward_WhoApprovedAPendingProposal_ApprovalStopsCounting()
    {
        var community = await NewCommunity().WithStewards(0, 1, 2, 3).WithThreshold(3).BuildAsync(Ct);
        var p = (await community.As(0).ProposeAddStewardAsync(Address(7), Ct)).ProposalId;
        Assert.Equal(2, (await community.As(1).ApproveAsync(p, Ct)).Approvals);

        await RemoveStewardAsync(community, 1, approvers: [2, 3]);

        Assert.Equal(1, (await community.As(0).GetProposalAsync(p, Ct)).Approvals);
        Assert.False(await community.As(0).HasApprovedAsync(p, Address(1), Ct));
        var notReached = await AssertRevertsAsync<CommunityThresholdNotReachedError>(() => community.As(0).ExecuteAsync(p, Ct));
        Assert.Equal($"Proposal {p} has 1 of the 3 steward approvals it needs.", notReached.Message);
        await AssertRevertsAsync<CommunityNotStewardError>(() => community.As(1).ApproveAsync(p, Ct));

        Assert.False((await community.As(2).ApproveAsync(p, Ct)).Executed);
        Assert.True((await community.As(3).ApproveAsync(p, Ct)).Executed);
        Assert.True(await community.As(0).IsStewardAsync(Address(7), Ct));
    }

    [Fact]
    public async Task AddSteward_WhoWasRemoved_StartsWithNoApprovals()
    {
        var community = await NewCommunity().WithStewards(0, 1, 2, 3).WithThreshold(3).BuildAsync(Ct);
        var p = (await community.As(0).ProposeAddStewardAsync(Address(7), Ct)).ProposalId;
        await community.As(1).ApproveAsync(p, Ct);
        await RemoveStewardAsync(community, 1, approvers: [2, 3]);

        var readd = await community.As(0).ProposeAddStewardAsync(Address(1), Ct);
        await community.As(2).ApproveAsync(readd.ProposalId, Ct);
        Assert.True((await community.As(3).ApproveAsync(readd.ProposalId, Ct)).Executed);

        Assert.True(await community.As(0).IsStewardAsync(Address(1), Ct));
        Assert.False(await community.As(0).HasApprovedAsync(p, Address(1), Ct));
        Assert.Equal(1, (await community.As(0).GetProposalAsync(p, Ct)).Approvals);
        var fresh = await community.As(1).ApproveAsync(p, Ct);
        Assert.Equal(2, fresh.Approvals);
        Assert.False(fresh.Executed);
    }

    [Fact]
    public async Task ProposeThreshold_Executed_LaterProposalsNeedTheNewThreshold()
    {
        var community = await NewCommunity().WithStewards(0, 1, 2).WithThreshold(1).BuildAsync(Ct);

        var change = await community.As(0).ProposeThresholdAsync(2, Ct);

        Assert.True(change.Executed);
        Assert.Equal(2, (await community.As(0).GetInfoAsync(Ct)).Threshold);
        var next = await community.As(0).ProposeAdmissionApprovalsAsync(2, Ct);
        Assert.False(next.Executed);
        Assert.Equal(2, next.Threshold);
        Assert.True((await community.As(2).ApproveAsync(next.ProposalId, Ct)).Executed);
        Assert.Equal(2, (await community.As(0).GetInfoAsync(Ct)).AdmissionApprovals);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(4)]
    public async Task ProposeThreshold_OutsideOneToN_RevertsInvalidThreshold(int threshold)
    {
        var community = await NewCommunity().WithStewards(0, 1, 2).BuildAsync(Ct);

        var error = await AssertRevertsAsync<CommunityInvalidThresholdError>(() => community.As(0).ProposeThresholdAsync(threshold, Ct));

        Assert.Equal(new BigInteger(threshold), error.Argument<BigInteger>("threshold"));
        Assert.Equal(new BigInteger(3), error.Argument<BigInteger>("stewardCount"));
        Assert.Equal(1, (await community.As(0).GetInfoAsync(Ct)).Threshold);
    }

    [Fact]
    public async Task ProposeRemoveSteward_LeavingFewerStewardsThanThreshold_RevertsInvalidThreshold()
    {
        var community = await NewCommunity().WithStewards(0, 1).WithThreshold(2).BuildAsync(Ct);

        var error = await AssertRevertsAsync<CommunityInvalidThresholdError>(() => community.As(0).ProposeRemoveStewardAsync(Address(1), Ct));

        Assert.Equal("A threshold of 2 is not possible with 1 steward(s): it must be between 1 and the number of stewards.", error.Message);
        Assert.True(await community.As(0).IsStewardAsync(Address(1), Ct));
    }

    [Fact]
    public async Task ProposeRemoveSteward_LeavingFewerStewardsThanAdmissionApprovals_RevertsInvalidAdmissionApprovals()
    {
        var community = await NewCommunity().WithStewards(0, 1).WithThreshold(1).WithAdmissionApprovals(2).BuildAsync(Ct);

        await AssertRevertsAsync<CommunityInvalidAdmissionApprovalsError>(() => community.As(0).ProposeRemoveStewardAsync(Address(1), Ct));
    }

    [Fact]
    public async Task ProposeVouchesRequired_AboveMaximum_RevertsInvalidVouchesRequired()
    {
        var community = await NewCommunity().BuildAsync(Ct);

        var error = await AssertRevertsAsync<CommunityInvalidVouchesRequiredError>(() => community.As(0).ProposeVouchesRequiredAsync(65, Ct));

        Assert.Equal("At most 64 vouches can be required; 65 was asked.", error.Message);
        Assert.True((await community.As(0).ProposeVouchesRequiredAsync(64, Ct)).Executed);
        Assert.Equal(64, (await community.As(0).GetInfoAsync(Ct)).VouchesRequired);
    }

    [Fact]
    public async Task ProposeAddSteward_ExistingSteward_RevertsAlreadySteward()
    {
        var community = await NewCommunity().WithStewards(0, 1).BuildAsync(Ct);

        var error = await AssertRevertsAsync<CommunityAlreadyStewardError>(() => community.As(0).ProposeAddStewardAsync(Address(1), Ct));

        Assert.Equal($"{Address(1)} is already a steward of this community.", error.Message);
        Assert.Equal(2, await community.StewardCountAsync());
    }

    [Theory]
    [InlineData(ProposalAction.AddSteward)]
    [InlineData(ProposalAction.RemoveSteward)]
    [InlineData(ProposalAction.RemoveMember)]
    [InlineData(ProposalAction.SetMinter)]
    [InlineData(ProposalAction.UnsetMinter)]
    public async Task Propose_TargetedActionWithoutTarget_RevertsProposalTargetRequired(ProposalAction action)
    {
        var community = await NewCommunity().BuildAsync(Ct);

        var error = await AssertRevertsAsync<CommunityProposalTargetRequiredError>(() => community.As(0).ProposeAsync(action, null, null, Ct));

        Assert.Equal(new BigInteger((int)action), error.Argument<BigInteger>("action"));
        Assert.Contains($"{action} proposal needs a target address", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApproveExecuteCancelAndGet_UnknownProposal_RevertUnknownProposal()
    {
        var community = await NewCommunity().BuildAsync(Ct);

        var approve = await AssertRevertsAsync<CommunityUnknownProposalError>(() => community.As(0).ApproveAsync(99, Ct));
        await AssertRevertsAsync<CommunityUnknownProposalError>(() => community.As(0).ExecuteAsync(99, Ct));
        await AssertRevertsAsync<CommunityUnknownProposalError>(() => community.As(0).CancelAsync(99, Ct));
        await AssertRevertsAsync<CommunityUnknownProposalError>(() => community.As(0).GetProposalAsync(0, Ct));

        Assert.Equal("There is no proposal 99 in this community; check the id.", approve.Message);
    }

    [Fact]
    public async Task Approve_ExecutedOrCancelledProposal_RevertsProposalNotPending()
    {
        var community = await NewCommunity().WithStewards(0, 1).WithThreshold(2).BuildAsync(Ct);
        var executed = (await community.As(0).ProposeAddStewardAsync(Address(5), Ct)).ProposalId;
        await community.As(1).ApproveAsync(executed, Ct);
        var cancelled = (await community.As(0).ProposeVouchesRequiredAsync(3, Ct)).ProposalId;
        await community.As(0).CancelAsync(cancelled, Ct);

        var afterExecution = await AssertRevertsAsync<CommunityProposalNotPendingError>(() => community.As(5).ApproveAsync(executed, Ct));
        var afterCancel = await AssertRevertsAsync<CommunityProposalNotPendingError>(() => community.As(1).ApproveAsync(cancelled, Ct));
        await AssertRevertsAsync<CommunityProposalNotPendingError>(() => community.As(0).ExecuteAsync(executed, Ct));
        await AssertRevertsAsync<CommunityProposalNotPendingError>(() => community.As(0).CancelAsync(cancelled, Ct));

        Assert.Equal($"Proposal {executed} is already executed; nothing more can be done with it.", afterExecution.Message);
        Assert.Equal($"Proposal {cancelled} is already cancelled; nothing more can be done with it.", afterCancel.Message);
        Assert.Equal(ProposalStatus.Cancelled, (await community.As(0).GetProposalAsync(cancelled, Ct)).Status);
        Assert.Equal(0, (await community.As(0).GetInfoAsync(Ct)).VouchesRequired);
    }

    [Fact]
    public async Task Cancel_ByAnotherSteward_RevertsNotProposer()
    {
        var community = await NewCommunity().WithStewards(0, 1).WithThreshold(2).BuildAsync(Ct);
        var p = (await community.As(0).ProposeAddStewardAsync(Address(5), Ct)).ProposalId;

        var error = await AssertRevertsAsync<CommunityNotProposerError>(() => community.As(1).CancelAsync(p, Ct));

        Assert.Equal($"Only the steward who made proposal {p} can cancel it, not {Address(1)}.", error.Message);
        Assert.Equal(ProposalStatus.Pending, (await community.As(0).GetProposalAsync(p, Ct)).Status);
    }

    [Fact]
    public async Task Approve_AfterThirtyDays_RevertsProposalExpired()
    {
        var community = await NewCommunity().WithStewards(0, 1).WithThreshold(2).BuildAsync(Ct);
        var p = (await community.As(0).ProposeAddStewardAsync(Address(5), Ct)).ProposalId;
        var proposal = await community.As(0).GetProposalAsync(p, Ct);
        Assert.InRange(proposal.ExpiresAt - await Devnet.GetBlockTimeAsync(Ct), TimeSpan.FromDays(30) - TimeSpan.FromSeconds(1), TimeSpan.FromDays(30));

        await Devnet.IncreaseTimeAsync(TimeSpan.FromDays(30) + TimeSpan.FromMinutes(1), Ct);

        var error = await AssertRevertsAsync<CommunityProposalExpiredError>(() => community.As(1).ApproveAsync(p, Ct));
        await AssertRevertsAsync<CommunityProposalExpiredError>(() => community.As(0).ExecuteAsync(p, Ct));
        Assert.Equal(new BigInteger(proposal.ExpiresAt.ToUnixTimeSeconds()), error.Argument<BigInteger>("expiredAt"));
        Assert.StartsWith($"Proposal {p} expired at {proposal.ExpiresAt.UtcDateTime:yyyy-MM-dd}", error.Message, StringComparison.Ordinal);
        Assert.False(await community.As(0).IsStewardAsync(Address(5), Ct));
    }

    [Fact]
    public async Task Execute_BelowThreshold_RevertsThresholdNotReached()
    {
        var community = await NewCommunity().WithStewards(0, 1, 2).WithThreshold(2).BuildAsync(Ct);
        var p = (await community.As(0).ProposeAddStewardAsync(Address(5), Ct)).ProposalId;

        var error = await AssertRevertsAsync<CommunityThresholdNotReachedError>(() => community.As(8).ExecuteAsync(p, Ct));

        Assert.Equal(BigInteger.One, error.Argument<BigInteger>("approvals"));
        Assert.Equal(new BigInteger(2), error.Argument<BigInteger>("threshold"));
        Assert.False(await community.As(0).IsStewardAsync(Address(5), Ct));
    }

    [Fact]
    public async Task Execute_AfterThresholdLowered_AnyoneCanExecute()
    {
        var community = await NewCommunity().WithStewards(0, 1, 2).WithThreshold(2).BuildAsync(Ct);
        var p = (await community.As(0).ProposeAddStewardAsync(Address(5), Ct)).ProposalId;
        var lower = await community.As(0).ProposeThresholdAsync(1, Ct);
        Assert.True((await community.As(1).ApproveAsync(lower.ProposalId, Ct)).Executed);

        await community.As(8).ExecuteAsync(p, Ct);

        Assert.True(await community.As(0).IsStewardAsync(Address(5), Ct));
        Assert.Equal(ProposalStatus.Executed, (await community.As(0).GetProposalAsync(p, Ct)).Status);
    }

    [Fact]
    public async Task Approve_TwoRemovalsThatTogetherBreakTheThreshold_SecondRevertsInvalidThreshold()
    {
        var community = await NewCommunity().WithStewards(0, 1, 2).WithThreshold(2).BuildAsync(Ct);
        var removeOne = (await community.As(0).ProposeRemoveStewardAsync(Address(1), Ct)).ProposalId;
        var removeTwo = (await community.As(0).ProposeRemoveStewardAsync(Address(2), Ct)).ProposalId;
        Assert.True((await community.As(2).ApproveAsync(removeOne, Ct)).Executed);

        var error = await AssertRevertsAsync<CommunityInvalidThresholdError>(() => community.As(2).ApproveAsync(removeTwo, Ct));

        Assert.Equal(BigInteger.One, error.Argument<BigInteger>("stewardCount"));
        Assert.True(await community.As(0).IsStewardAsync(Address(2), Ct));
        Assert.Equal(ProposalStatus.Pending, (await community.As(0).GetProposalAsync(removeTwo, Ct)).Status);
    }

    [Fact]
    public async Task Approve_RemoveMemberWhoBecameStewardSinceProposal_RevertsMemberIsSteward()
    {
        var community = await NewCommunity().WithStewards(0, 1).WithThreshold(2).WithMembers(3).BuildAsync(Ct);
        var removeMember = (await community.As(0).ProposeRemoveMemberAsync(Address(3), Ct)).ProposalId;
        var promote = (await community.As(1).ProposeAddStewardAsync(Address(3), Ct)).ProposalId;
        Assert.True((await community.As(0).ApproveAsync(promote, Ct)).Executed);

        await AssertRevertsAsync<CommunityMemberIsStewardError>(() => community.As(1).ApproveAsync(removeMember, Ct));

        Assert.True(await community.As(0).IsMemberAsync(Address(3), Ct));
        Assert.True(await community.As(0).IsStewardAsync(Address(3), Ct));
    }

    [Fact]
    public async Task Approve_SecondProposalToAddTheSameSteward_RevertsAlreadySteward()
    {
        var community = await NewCommunity().WithStewards(0, 1).WithThreshold(2).BuildAsync(Ct);
        var first = (await community.As(0).ProposeAddStewardAsync(Address(5), Ct)).ProposalId;
        var second = (await community.As(1).ProposeAddStewardAsync(Address(5), Ct)).ProposalId;
        Assert.True((await community.As(1).ApproveAsync(first, Ct)).Executed);

        await AssertRevertsAsync<CommunityAlreadyStewardError>(() => community.As(0).ApproveAsync(second, Ct));

        Assert.Equal(ProposalStatus.Pending, (await community.As(0).GetProposalAsync(second, Ct)).Status);
        Assert.Equal(3, await community.StewardCountAsync());
    }

    /// <summary>Proposes removing steward <paramref name="steward"/> as steward 0 and approves it by <paramref name="approvers"/>.</summary>
    private async Task RemoveStewardAsync(TestCommunity community, int steward, int[] approvers)
    {
        var removal = await community.As(0).ProposeRemoveStewardAsync(Address(steward), Ct);
        ProposalResult last = removal;
        foreach (var approver in approvers)
        {
            last = await community.As(approver).ApproveAsync(removal.ProposalId, Ct);
        }

        Assert.True(last.Executed);
        Assert.False(await community.As(0).IsStewardAsync(Address(steward), Ct));
    }
}
