using System.Numerics;
using AidDao.Contracts.Community.ContractDefinition;
using AidDao.Contracts.Tests.Support;
using AidDao.Core;
using AidDao.Core.Communities;
using AidDao.TestUtils;
using Xunit;

namespace AidDao.Contracts.Tests;

/// <summary>Community membership: admission by stewards and by vouches, removal and re-admission, and the steward-set bound.</summary>
public sealed class CommunityTests(ChainFixture fixture) : CommunityTest(fixture)
{
    [Fact]
    public async Task AdmitMember_DefaultOneStewardApproval_AdmitsCandidateAtOnce()
    {
        var community = await NewCommunity().WithStewards(0, 1).BuildAsync(Ct);
        var membersBefore = await community.MemberCountAsync();

        var result = await community.As(0).AdmitMemberAsync(Address(5), Ct);

        Assert.True(result.Admitted);
        Assert.Equal(1, result.Count);
        Assert.Equal(1, result.Required);
        Assert.True(await community.As(0).IsMemberAsync(Address(5), Ct));
        Assert.False(await community.As(0).IsStewardAsync(Address(5), Ct));
        Assert.Equal(membersBefore + 1, await community.MemberCountAsync());
        var admitted = Assert.Single(await community.MemberAdmittedEventsAsync(result.Transaction.TransactionHash));
        Assert.Equal(PathStewards, admitted.Path);
    }

    [Fact]
    public async Task AdmitMember_TwoApprovalsRequired_FirstApprovalDoesNotAdmitSecondDoes()
    {
        var community = await NewCommunity().WithStewards(0, 1, 2).WithAdmissionApprovals(2).BuildAsync(Ct);

        var first = await community.As(0).AdmitMemberAsync(Address(5), Ct);

        Assert.False(first.Admitted);
        Assert.Equal(1, first.Count);
        Assert.Equal(2, first.Required);
        Assert.False(await community.As(0).IsMemberAsync(Address(5), Ct));
        Assert.Equal(1, await community.As(0).GetAdmissionApprovalCountAsync(Address(5), Ct));
        Assert.Empty(await community.MemberAdmittedEventsAsync(first.Transaction.TransactionHash));

        var second = await community.As(2).AdmitMemberAsync(Address(5), Ct);

        Assert.True(second.Admitted);
        Assert.Equal(2, second.Count);
        Assert.True(await community.As(0).IsMemberAsync(Address(5), Ct));
    }

    [Fact]
    public async Task Vouch_KIsTwo_FirstVouchDoesNotAdmitSecondAdmitsByVouches()
    {
        var community = await NewCommunity().WithVouchesRequired(2).WithMembers(3, 4).BuildAsync(Ct);

        var first = await community.As(3).VouchAsync(Address(6), Ct);

        Assert.False(first.Admitted);
        Assert.Equal(1, first.Count);
        Assert.Equal(2, first.Required);
        Assert.False(await community.As(0).IsMemberAsync(Address(6), Ct));
        Assert.Equal(1, await community.As(0).GetVouchCountAsync(Address(6), Ct));

        var second = await community.As(4).VouchAsync(Address(6), Ct);

        Assert.True(second.Admitted);
        Assert.Equal(2, second.Count);
        Assert.True(await community.As(0).IsMemberAsync(Address(6), Ct));
        var admitted = Assert.Single(await community.MemberAdmittedEventsAsync(second.Transaction.TransactionHash));
        Assert.Equal(Address(6).Value, admitted.Member);
        Assert.Equal(PathVouches, admitted.Path);
    }

    [Fact]
    public async Task Vouch_Twice_RevertsAlreadyVouchedAndCountStaysOne()
    {
        var community = await NewCommunity().WithVouchesRequired(2).WithMembers(3, 4).BuildAsync(Ct);
        await community.As(3).VouchAsync(Address(6), Ct);

        var error = await AssertRevertsAsync<CommunityAlreadyVouchedError>(() => community.As(3).VouchAsync(Address(6), Ct));

        Assert.Equal($"{Address(3)} has already vouched for {Address(6)}; a vouch counts once.", error.Message);
        Assert.Equal(1, await community.As(0).GetVouchCountAsync(Address(6), Ct));
        Assert.False(await community.As(0).IsMemberAsync(Address(6), Ct));
    }

    [Fact]
    public async Task AdmitMember_SameStewardTwice_RevertsAdmissionAlreadyApproved()
    {
        var community = await NewCommunity().WithStewards(0, 1).WithAdmissionApprovals(2).BuildAsync(Ct);
        await community.As(1).AdmitMemberAsync(Address(5), Ct);

        var error = await AssertRevertsAsync<CommunityAdmissionAlreadyApprovedError>(() => community.As(1).AdmitMemberAsync(Address(5), Ct));

        Assert.Equal($"{Address(1)} has already approved admitting {Address(5)}; an approval counts once.", error.Message);
        Assert.Equal(1, await community.As(0).GetAdmissionApprovalCountAsync(Address(5), Ct));
        Assert.False(await community.As(0).IsMemberAsync(Address(5), Ct));
    }

    [Fact]
    public async Task Vouch_VouchingDisabled_RevertsVouchingDisabled()
    {
        var community = await NewCommunity().WithVouchesRequired(0).WithMembers(3).BuildAsync(Ct);

        await AssertRevertsAsync<CommunityVouchingDisabledError>(() => community.As(3).VouchAsync(Address(6), Ct));

        Assert.Equal(0, await community.As(0).GetVouchCountAsync(Address(6), Ct));
    }

    [Fact]
    public async Task Vouch_ByNonMember_RevertsNotMemberNamingTheCaller()
    {
        var community = await NewCommunity().WithVouchesRequired(1).WithMembers(3).BuildAsync(Ct);

        var error = await AssertRevertsAsync<CommunityNotMemberError>(() => community.As(7).VouchAsync(Address(6), Ct));

        Assert.Equal(Address(7).Value, error.Argument<string>("account"));
        Assert.Equal($"{Address(7)} is not a member of this community.", error.Message);
        Assert.False(await community.As(0).IsMemberAsync(Address(6), Ct));
    }

    [Fact]
    public async Task AdmitMember_ByNonSteward_RevertsNotSteward()
    {
        var community = await NewCommunity().WithMembers(3).BuildAsync(Ct);

        var error = await AssertRevertsAsync<CommunityNotStewardError>(() => community.As(3).AdmitMemberAsync(Address(6), Ct));

        Assert.Equal($"{Address(3)} is not a steward of this community; only stewards can do this.", error.Message);
        Assert.False(await community.As(0).IsMemberAsync(Address(6), Ct));
    }

    [Fact]
    public async Task AdmitMemberAndVouch_ExistingMember_RevertAlreadyMember()
    {
        var community = await NewCommunity().WithVouchesRequired(1).WithMembers(3, 4).BuildAsync(Ct);

        var bySteward = await AssertRevertsAsync<CommunityAlreadyMemberError>(() => community.As(0).AdmitMemberAsync(Address(3), Ct));
        await AssertRevertsAsync<CommunityAlreadyMemberError>(() => community.As(4).VouchAsync(Address(3), Ct));
        await AssertRevertsAsync<CommunityAlreadyMemberError>(() => community.As(4).VouchAsync(Address(0), Ct));

        Assert.Equal($"{Address(3)} is already a member of this community.", bySteward.Message);
    }

    [Fact]
    public async Task AdmitMemberAndVouch_ZeroAddress_RevertZeroAddress()
    {
        var community = await NewCommunity().WithVouchesRequired(1).WithMembers(3).BuildAsync(Ct);

        await AssertRevertsAsync<CommunityZeroAddressError>(() => community.As(0).AdmitMemberAsync(EthAddress.Zero, Ct));
        await AssertRevertsAsync<CommunityZeroAddressError>(() => community.As(3).VouchAsync(EthAddress.Zero, Ct));
    }

    [Fact]
    public async Task RemoveMember_ThenReadmit_OldVouchesNoLongerCount()
    {
        var community = await NewCommunity().WithVouchesRequired(2).WithMembers(3, 4).BuildAsync(Ct);
        await community.As(3).VouchAsync(Address(6), Ct);
        Assert.True((await community.As(4).VouchAsync(Address(6), Ct)).Admitted);
        var membersWith6 = await community.MemberCountAsync();

        var removal = await community.As(0).ProposeRemoveMemberAsync(Address(6), Ct);

        Assert.True(removal.Executed);
        Assert.False(await community.As(0).IsMemberAsync(Address(6), Ct));
        Assert.Equal(membersWith6 - 1, await community.MemberCountAsync());
        Assert.Equal(0, await community.As(0).GetVouchCountAsync(Address(6), Ct));
        Assert.False(await community.HasVouchedAsync(Address(6), Address(3)));

        var again = await community.As(3).VouchAsync(Address(6), Ct);

        Assert.False(again.Admitted);
        Assert.Equal(1, again.Count);
        Assert.False(await community.As(0).IsMemberAsync(Address(6), Ct));
        Assert.True((await community.As(4).VouchAsync(Address(6), Ct)).Admitted);
        Assert.True(await community.As(0).IsMemberAsync(Address(6), Ct));
    }

    [Fact]
    public async Task RemoveMember_ThenReadmitByStewards_NeedsFreshApprovals()
    {
        var community = await NewCommunity().WithStewards(0, 1).WithAdmissionApprovals(2).BuildAsync(Ct);
        await community.As(0).AdmitMemberAsync(Address(5), Ct);
        await community.As(1).AdmitMemberAsync(Address(5), Ct);
        await community.As(0).ProposeRemoveMemberAsync(Address(5), Ct);

        Assert.Equal(0, await community.As(0).GetAdmissionApprovalCountAsync(Address(5), Ct));
        var first = await community.As(0).AdmitMemberAsync(Address(5), Ct);

        Assert.False(first.Admitted);
        Assert.Equal(1, first.Count);
    }

    [Fact]
    public async Task ProposeRemoveMember_OfASteward_RevertsMemberIsSteward()
    {
        var community = await NewCommunity().WithStewards(0, 1).BuildAsync(Ct);

        var error = await AssertRevertsAsync<CommunityMemberIsStewardError>(() => community.As(0).ProposeRemoveMemberAsync(Address(1), Ct));

        Assert.Equal($"{Address(1)} is a steward: remove the steward role first, then the membership.", error.Message);
        Assert.True(await community.As(0).IsMemberAsync(Address(1), Ct));
    }

    [Fact]
    public async Task ProposeRemoveMember_OfNonMember_RevertsNotMember()
    {
        var community = await NewCommunity().BuildAsync(Ct);

        var error = await AssertRevertsAsync<CommunityNotMemberError>(() => community.As(0).ProposeRemoveMemberAsync(Address(8), Ct));

        Assert.Equal(Address(8).Value, error.Argument<string>("account"));
        Assert.Equal(0, (int)(await community.As(0).GetInfoAsync(Ct)).ProposalCount);
    }

    [Fact]
    public async Task ProposeRemoveSteward_Executed_StewardStaysAMember()
    {
        var community = await NewCommunity().WithStewards(0, 1).BuildAsync(Ct);

        var result = await community.As(0).ProposeRemoveStewardAsync(Address(1), Ct);

        Assert.True(result.Executed);
        Assert.False(await community.As(0).IsStewardAsync(Address(1), Ct));
        Assert.True(await community.As(0).IsMemberAsync(Address(1), Ct));
        Assert.Equal(1, await community.StewardCountAsync());
        await AssertRevertsAsync<CommunityNotStewardError>(() => community.As(1).AdmitMemberAsync(Address(6), Ct));
    }

    [Fact]
    public async Task ProposeRemoveSteward_OfNonSteward_RevertsNotSteward()
    {
        var community = await NewCommunity().WithStewards(0, 1).WithMembers(3).BuildAsync(Ct);

        var error = await AssertRevertsAsync<CommunityNotStewardError>(() => community.As(0).ProposeRemoveStewardAsync(Address(3), Ct));

        Assert.Equal(Address(3).Value, error.Argument<string>("account"));
    }

    [Fact]
    public async Task Vouch_VoucherRemovedAfterwards_VouchStillCounts()
    {
        var community = await NewCommunity().WithVouchesRequired(2).WithMembers(3, 4).BuildAsync(Ct);
        await community.As(3).VouchAsync(Address(6), Ct);

        await community.As(0).ProposeRemoveMemberAsync(Address(3), Ct);

        Assert.Equal(1, await community.As(0).GetVouchCountAsync(Address(6), Ct));
        await AssertRevertsAsync<CommunityNotMemberError>(() => community.As(3).VouchAsync(Address(7), Ct));
        Assert.True((await community.As(4).VouchAsync(Address(6), Ct)).Admitted);
    }

    [Fact]
    public async Task CreateCommunity_ThirtyThreeStewards_RevertsTooManyStewards()
    {
        var stewards = Enumerable.Range(0, 33).Select(_ => RandomAddress()).ToList();
        var factory = await DeployFactoryAsync();

        var error = await AssertRevertsAsync<CommunityTooManyStewardsError>(() => factory.CreateCommunityAsync(new CommunitySettings
        {
            Name = "Too big",
            TokenSymbol = "BIG",
            Stewards = stewards,
            Threshold = 1,
        }, Ct));

        Assert.Equal("A community can have at most 32 stewards; this would make 33.", error.Message);
        Assert.Equal(0, await factory.CommunityCountAsync(Ct));
    }

    [Fact]
    public async Task ProposeAddSteward_WithThirtyTwoStewards_RevertsTooManyStewards()
    {
        var stewards = Enumerable.Range(0, 31).Select(_ => RandomAddress()).Prepend(Address(0)).ToList();
        var factory = await DeployFactoryAsync();
        var created = await factory.CreateCommunityAsync(new CommunitySettings { Name = "Full", TokenSymbol = "FULL", Stewards = stewards, Threshold = 1 }, Ct);
        var community = await CommunityService.ConnectAsync(Web3For(0), created.Community, Ct);
        Assert.Equal(32, (await community.GetInfoAsync(Ct)).Stewards.Count);

        var error = await AssertRevertsAsync<CommunityTooManyStewardsError>(() => community.ProposeAddStewardAsync(Address(1), Ct));

        Assert.Equal(new BigInteger(33), error.Argument<BigInteger>("count"));
    }

    private async Task<CommunityFactoryService> DeployFactoryAsync()
    {
        var deployment = await AidDaoDeployer.DeployAsync(Web3For(0), Ct);
        return new CommunityFactoryService(Web3For(0), deployment.CommunityFactory);
    }
}
