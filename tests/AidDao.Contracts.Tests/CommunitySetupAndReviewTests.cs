using System.Globalization;
using AidDao.Contracts.Tests.Support;
using AidDao.Core;
using AidDao.Core.Communities;
using AidDao.TestUtils;
using Nethereum.Contracts;
using Xunit;
using CommunityContractErrors = AidDao.Contracts.Community.ContractDefinition;
using FactorySetup = AidDao.Contracts.CommunityFactory.ContractDefinition.CommunitySetup;
using GasFloorContract = AidDao.Contracts.Testing.GasFloor.GasFloorService;
using AidDao.Contracts.Testing.GasFloor.ContractDefinition;
using TokenContract = AidDao.Contracts.ContributionToken.ContributionTokenService;
using ZeroCommunityError = AidDao.Contracts.ContributionToken.ContractDefinition.ContributionTokenZeroCommunityError;

namespace AidDao.Contracts.Tests;

/// <summary>
/// Founding set-ups the C# settings would refuse early (so the contract's own checks are called directly), and the rules
/// a review added: only current stewards cancel, minter proposals must change something, a token needs a community, and
/// admission approvals of a removed steward stop counting.
/// </summary>
public sealed class CommunitySetupAndReviewTests(ChainFixture fixture) : CommunityTest(fixture)
{
    [Fact]
    public async Task CreateCommunity_MoreThan200FoundingMembers_RevertsTooManyFoundingMembers()
    {
        var setup = Setup(members: Enumerable.Range(1, 201).Select(Synthetic).ToList());

        var error = await AssertRevertsAsync<CommunityContractErrors.CommunityTooManyFoundingMembersError>(() => CreateAsync(setup));

        Assert.Equal("A community can be founded with at most 200 members besides its stewards (201 given); admit the rest afterwards.", error.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    public async Task CreateCommunity_ThresholdOutsideOneToN_RevertsInvalidThreshold(int threshold)
    {
        await AssertRevertsAsync<CommunityContractErrors.CommunityInvalidThresholdError>(() => CreateAsync(Setup(threshold: threshold)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    public async Task CreateCommunity_AdmissionApprovalsOutsideOneToN_RevertsInvalidAdmissionApprovals(int approvals)
    {
        await AssertRevertsAsync<CommunityContractErrors.CommunityInvalidAdmissionApprovalsError>(() => CreateAsync(Setup(admissionApprovals: approvals)));
    }

    [Fact]
    public async Task CreateCommunity_VouchesAbove64_RevertsInvalidVouchesRequired()
    {
        await AssertRevertsAsync<CommunityContractErrors.CommunityInvalidVouchesRequiredError>(() => CreateAsync(Setup(vouches: 65)));
    }

    [Fact]
    public async Task CreateCommunity_DuplicateSteward_RevertsAlreadySteward()
    {
        var setup = Setup();
        setup.Stewards = [Address(0).Value, Address(0).Value];

        await AssertRevertsAsync<CommunityContractErrors.CommunityAlreadyStewardError>(() => CreateAsync(setup));
    }

    [Fact]
    public async Task CreateCommunity_StewardAlsoListedAsMember_RevertsAlreadyMember()
    {
        await AssertRevertsAsync<CommunityContractErrors.CommunityAlreadyMemberError>(() => CreateAsync(Setup(members: [Address(0).Value])));
    }

    [Fact]
    public async Task CreateCommunity_ZeroAddressStewardOrMember_RevertsZeroAddress()
    {
        var zeroSteward = Setup();
        zeroSteward.Stewards = [Address(0).Value, EthAddress.Zero.Value];

        await AssertRevertsAsync<CommunityContractErrors.CommunityZeroAddressError>(() => CreateAsync(zeroSteward));
        await AssertRevertsAsync<CommunityContractErrors.CommunityZeroAddressError>(() => CreateAsync(Setup(members: [EthAddress.Zero.Value])));
    }

    [Fact]
    public async Task Cancel_ByProposerWhoIsNoLongerASteward_RevertsNotSteward()
    {
        var community = await NewCommunity().WithStewards(0, 1, 2).WithThreshold(2).BuildAsync(Ct);
        var pending = await community.As(2).ProposeAddStewardAsync(Address(7), Ct);
        var removal = await community.As(0).ProposeRemoveStewardAsync(Address(2), Ct);
        Assert.True((await community.As(1).ApproveAsync(removal.ProposalId, Ct)).Executed);

        await AssertRevertsAsync<CommunityContractErrors.CommunityNotStewardError>(() => community.As(2).CancelAsync(pending.ProposalId, Ct));

        Assert.Equal(ProposalStatus.Pending, (await community.As(0).GetProposalAsync(pending.ProposalId, Ct)).Status);
    }

    [Fact]
    public async Task ProposeMinter_NoChange_RevertsMinterUnchanged()
    {
        var community = await NewCommunity().WithStewards(0).WithThreshold(1).BuildAsync(Ct);

        var revokeNobody = await AssertRevertsAsync<CommunityContractErrors.CommunityMinterUnchangedError>(() => community.As(0).ProposeMinterAsync(Address(9), false, Ct));
        Assert.True((await community.As(0).ProposeMinterAsync(Address(9), true, Ct)).Executed);
        var allowTwice = await AssertRevertsAsync<CommunityContractErrors.CommunityMinterUnchangedError>(() => community.As(0).ProposeMinterAsync(Address(9), true, Ct));

        Assert.Equal($"Nothing to change: {Address(9)} already may not mint contribution tokens.", revokeNobody.Message);
        Assert.Equal($"Nothing to change: {Address(9)} already may mint contribution tokens.", allowTwice.Message);
        Assert.True(await community.TokenAs(0).IsMinterAsync(Address(9), Ct));
    }

    [Fact]
    public async Task AdmitMember_ApprovalOfARemovedSteward_StopsCounting()
    {
        var community = await NewCommunity().WithStewards(0, 1, 2).WithThreshold(2).WithAdmissionApprovals(2).BuildAsync(Ct);
        Assert.False((await community.As(1).AdmitMemberAsync(Address(8), Ct)).Admitted);
        Assert.Equal(1, await community.As(0).GetAdmissionApprovalCountAsync(Address(8), Ct));

        var removal = await community.As(0).ProposeRemoveStewardAsync(Address(1), Ct);
        Assert.True((await community.As(2).ApproveAsync(removal.ProposalId, Ct)).Executed);

        Assert.Equal(0, await community.As(0).GetAdmissionApprovalCountAsync(Address(8), Ct));
        var next = await community.As(0).AdmitMemberAsync(Address(8), Ct);
        Assert.False(next.Admitted);
        Assert.Equal(1, next.Count);
        Assert.True((await community.As(2).AdmitMemberAsync(Address(8), Ct)).Admitted);
    }

    [Fact]
    public async Task TokenInitialize_ZeroCommunity_RevertsZeroCommunity()
    {
        var community = await NewCommunity().WithStewards(0).BuildAsync(Ct);
        var web3 = Web3For(0);
        var floorReceipt = await SendAsync(source => web3.Eth.GetContractDeploymentHandler<GasFloorDeployment>().SendRequestAndWaitForReceiptAsync(new GasFloorDeployment(), source));
        var floor = new GasFloorContract(web3, floorReceipt.ContractAddress);
        var cloneTwo = new CloneTwoFunction { First = community.Deployment.TokenImplementation, Second = community.Deployment.TokenImplementation };
        // Simulate first to learn the addresses the clones will get, then create them: two bare, uninitialised clones.
        var bareClone = await floor.ContractHandler.QueryDeserializingToObjectAsync<CloneTwoFunction, CloneTwoOutputDTO>(cloneTwo);
        await SendAsync(source => floor.CloneTwoRequestAndWaitForReceiptAsync(cloneTwo, source));
        var token = new TokenContract(web3, bareClone.A);

        var error = await AssertRevertsAsync<ZeroCommunityError>(() =>
            SendAsync(source => token.InitializeRequestAndWaitForReceiptAsync("Orphan", "ORF", EthAddress.Zero.Value, source)));

        Assert.Equal("A contribution token must belong to a community; the zero address was given.", error.Message);
    }

    private Task<Nethereum.RPC.Eth.DTOs.TransactionReceipt> CreateAsync(FactorySetup setup) =>
        SendAsync(async source =>
        {
            var community = await NewCommunity().WithStewards(0).BuildAsync(Ct);
            return await community.FactoryContractAs(0).CreateCommunityRequestAndWaitForReceiptAsync(setup, "SET", source);
        });

    private FactorySetup Setup(int threshold = 1, int admissionApprovals = 1, int vouches = 0, List<string>? members = null) => new()
    {
        Name = "Set-up",
        Stewards = [Address(0).Value, Address(1).Value],
        Threshold = threshold,
        AdmissionApprovals = admissionApprovals,
        VouchesRequired = vouches,
        Members = members ?? [],
    };

    private static string Synthetic(int i) => "0x" + (0xA1D000 + i).ToString("x", CultureInfo.InvariantCulture).PadLeft(40, '0');
}
