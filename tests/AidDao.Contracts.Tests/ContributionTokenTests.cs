using System.Numerics;
using System.Security.Cryptography;
using System.Text;
using AidDao.Contracts.ContributionToken.ContractDefinition;
using AidDao.Contracts.Tests.Support;
using AidDao.Core;
using AidDao.Core.Communities;
using AidDao.TestUtils;
using Nethereum.Contracts;
using Xunit;

namespace AidDao.Contracts.Tests;

/// <summary>ContributionToken: minting by authorised minters, hours attestation, soulbound rules and vote checkpoints.</summary>
public sealed class ContributionTokenTests(ChainFixture fixture) : CommunityTest(fixture)
{
    private const int Minter = 9;
    private static readonly BigInteger Unit = ContributionTokenService.UnitsPerToken;
    private static readonly byte[] Reason = SHA256.HashData("deposit #1"u8);

    [Fact]
    public async Task Mint_ByMinterAuthorisedThroughProposal_CreditsTheRecipient()
    {
        var community = await NewCommunity().WithMembers(3).BuildAsync(Ct);
        Assert.False(await community.TokenAs(0).IsMinterAsync(Address(Minter), Ct));

        Assert.True((await community.As(0).ProposeMinterAsync(Address(Minter), allowed: true, Ct)).Executed);
        var mint = await community.TokenAs(Minter).MintAsync(Address(3), 5 * Unit, Reason, Ct);

        Assert.True(await community.TokenAs(0).IsMinterAsync(Address(Minter), Ct));
        Assert.Equal(5 * Unit, await community.TokenAs(0).BalanceOfAsync(Address(3), Ct));
        Assert.Equal(5 * Unit, await community.TokenAs(0).TotalSupplyAsync(Ct));
        var minted = Assert.Single((await ReceiptAsync(mint.TransactionHash)).DecodeAllEvents<ContributionMintedEventDTO>()).Event;
        Assert.Equal(Address(Minter).Value, minted.Minter);
        Assert.Equal(Reason, minted.Reason);
    }

    [Fact]
    public async Task AttestHours_ByStewardForMember_MintsOneTokenPerHourWithIncreasingIds()
    {
        var community = await NewCommunity().WithStewards(0, 1).WithMembers(3, 4).BuildAsync(Ct);

        var first = await community.TokenAs(0).AttestHoursAsync(Address(3), 8, "Delivered groceries", Ct);
        var second = await community.TokenAs(1).AttestHoursAsync(Address(4), 744, "A month of night shifts", Ct);

        Assert.Equal(BigInteger.One, first.AttestationId);
        Assert.Equal(new BigInteger(2), second.AttestationId);
        Assert.Equal((Address(3), Address(0), 8), (first.Volunteer, first.Steward, first.Hours));
        Assert.Equal(8 * Unit, await community.TokenAs(0).BalanceOfAsync(Address(3), Ct));
        Assert.Equal(744 * Unit, await community.TokenAs(0).BalanceOfAsync(Address(4), Ct));
        Assert.Equal(new BigInteger(2), await community.TokenContractAs(0).AttestationCountQueryAsync());
        var attested = Assert.Single((await ReceiptAsync(first.Transaction.TransactionHash)).DecodeAllEvents<HoursAttestedEventDTO>()).Event;
        Assert.Equal(SHA256.HashData(Encoding.UTF8.GetBytes("Delivered groceries")), attested.EvidenceHash);
    }

    [Fact]
    public async Task Mint_ByUnauthorisedAccount_RevertsNotMinter()
    {
        var community = await NewCommunity().WithMembers(3).BuildAsync(Ct);

        var error = await AssertRevertsAsync<ContributionTokenNotMinterError>(() => community.TokenAs(0).MintAsync(Address(3), Unit, Reason, Ct));

        Assert.Equal($"{Address(0)} may not mint contribution tokens; stewards can allow it with a SetMinter proposal.", error.Message);
        Assert.Equal(BigInteger.Zero, await community.TokenAs(0).TotalSupplyAsync(Ct));
    }

    [Fact]
    public async Task Mint_AfterUnsetMinterProposal_RevertsNotMinter()
    {
        var community = await NewCommunity().WithMembers(3).BuildAsync(Ct);
        await community.As(0).ProposeMinterAsync(Address(Minter), allowed: true, Ct);
        await community.TokenAs(Minter).MintAsync(Address(3), Unit, Reason, Ct);

        Assert.True((await community.As(0).ProposeMinterAsync(Address(Minter), allowed: false, Ct)).Executed);

        Assert.False(await community.TokenAs(0).IsMinterAsync(Address(Minter), Ct));
        await AssertRevertsAsync<ContributionTokenNotMinterError>(() => community.TokenAs(Minter).MintAsync(Address(3), Unit, Reason, Ct));
        Assert.Equal(Unit, await community.TokenAs(0).BalanceOfAsync(Address(3), Ct));
    }

    [Fact]
    public async Task SetMinter_CalledDirectlyBySteward_RevertsOnlyCommunity()
    {
        var community = await NewCommunity().BuildAsync(Ct);
        var token = community.TokenContractAs(0);

        var error = await AssertRevertsAsync<ContributionTokenOnlyCommunityError>(() =>
            SendAsync(source => token.SetMinterRequestAndWaitForReceiptAsync(Address(Minter).Value, true, source)));

        Assert.Equal($"Only the community contract can do this ({Address(0)} tried).", error.Message);
        Assert.False(await community.TokenAs(0).IsMinterAsync(Address(Minter), Ct));
    }

    [Fact]
    public async Task TransferTransferFromAndApprove_RevertNonTransferable()
    {
        var community = await NewCommunity().WithMembers(3).BuildAsync(Ct);
        await community.TokenAs(0).AttestHoursAsync(Address(3), 10, "Cooked", Ct);
        var holder = community.TokenContractAs(3);
        var other = community.TokenContractAs(4);

        await AssertRevertsAsync<ContributionTokenNonTransferableError>(() =>
            SendAsync(source => holder.TransferRequestAndWaitForReceiptAsync(Address(4).Value, Unit, source)));
        await AssertRevertsAsync<ContributionTokenNonTransferableError>(() =>
            SendAsync(source => holder.ApproveRequestAndWaitForReceiptAsync(Address(4).Value, Unit, source)));
        await AssertRevertsAsync<ContributionTokenNonTransferableError>(() =>
            SendAsync(source => other.TransferFromRequestAndWaitForReceiptAsync(Address(3).Value, Address(4).Value, Unit, source)));

        Assert.Equal(10 * Unit, await community.TokenAs(0).BalanceOfAsync(Address(3), Ct));
        Assert.Equal(BigInteger.Zero, await community.TokenAs(0).BalanceOfAsync(Address(4), Ct));
        Assert.Equal(BigInteger.Zero, await holder.AllowanceQueryAsync(Address(3).Value, Address(4).Value));
    }

    [Fact]
    public async Task DelegateAndDelegateBySig_RevertDelegationFixed()
    {
        var community = await NewCommunity().WithMembers(3).BuildAsync(Ct);
        await community.TokenAs(0).AttestHoursAsync(Address(3), 10, "Cooked", Ct);
        var holder = community.TokenContractAs(3);

        var error = await AssertRevertsAsync<ContributionTokenDelegationFixedError>(() =>
            SendAsync(source => holder.DelegateRequestAndWaitForReceiptAsync(Address(4).Value, source)));
        await AssertRevertsAsync<ContributionTokenDelegationFixedError>(() =>
            SendAsync(source => holder.DelegateBySigRequestAndWaitForReceiptAsync(Address(4).Value, 0, 0, 27, new byte[32], new byte[32], source)));

        Assert.Equal("Contribution-token votes stay with their holder and cannot be delegated.", error.Message);
        Assert.Equal(Address(3).Value, await holder.DelegatesQueryAsync(Address(3).Value));
        Assert.Equal(BigInteger.Zero, await community.TokenAs(0).GetVotesAsync(Address(4), Ct));
    }

    [Fact]
    public async Task FirstMint_SelfDelegates_VotesEqualBalanceAtOnce()
    {
        var community = await NewCommunity().WithMembers(3).BuildAsync(Ct);
        var token = community.TokenContractAs(0);
        Assert.Equal(EthAddress.Zero.Value, await token.DelegatesQueryAsync(Address(3).Value));

        await community.TokenAs(0).AttestHoursAsync(Address(3), 6, "Drove the van", Ct);

        var balance = await community.TokenAs(0).BalanceOfAsync(Address(3), Ct);
        Assert.Equal(6 * Unit, balance);
        Assert.Equal(balance, await community.TokenAs(0).GetVotesAsync(Address(3), Ct));
        Assert.Equal(Address(3).Value, await token.DelegatesQueryAsync(Address(3).Value));
    }

    [Fact]
    public async Task GetPastVotes_AtEarlierBlocks_ReturnsTheVotesOfThatBlock()
    {
        var community = await NewCommunity().WithStewards(0, 1).WithMembers(3).BuildAsync(Ct);
        var first = await community.TokenAs(0).AttestHoursAsync(Address(3), 5, "Week 1", Ct);
        await Devnet.MineAsync(1, Ct);
        var second = await community.TokenAs(1).AttestHoursAsync(Address(3), 3, "Week 2", Ct);
        await Devnet.MineAsync(1, Ct);

        var token = community.TokenAs(0);
        Assert.Equal(BigInteger.Zero, await token.GetPastVotesAsync(Address(3), first.Transaction.BlockNumber - 1, Ct));
        Assert.Equal(5 * Unit, await token.GetPastVotesAsync(Address(3), first.Transaction.BlockNumber, Ct));
        Assert.Equal(5 * Unit, await token.GetPastVotesAsync(Address(3), second.Transaction.BlockNumber - 1, Ct));
        Assert.Equal(8 * Unit, await token.GetPastVotesAsync(Address(3), second.Transaction.BlockNumber, Ct));
        Assert.Equal(8 * Unit, await token.GetVotesAsync(Address(3), Ct));
    }

    [Fact]
    public async Task GetPastVotes_FutureBlock_RevertsFutureLookup()
    {
        var community = await NewCommunity().WithMembers(3).BuildAsync(Ct);
        var future = await BlockNumberAsync() + 100;

        var error = await AssertRevertsAsync<ERC5805FutureLookupError>(() => community.TokenAs(0).GetPastVotesAsync(Address(3), future, Ct));

        Assert.Equal(future, error.Argument<BigInteger>("timepoint"));
        Assert.StartsWith($"Block {future} is not in the past", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AttestHours_ByNonSteward_RevertsNotSteward()
    {
        var community = await NewCommunity().WithMembers(3, 4).BuildAsync(Ct);

        var error = await AssertRevertsAsync<ContributionTokenNotStewardError>(() => community.TokenAs(3).AttestHoursAsync(Address(4), 2, "x", Ct));

        Assert.Equal($"{Address(3)} is not a steward; only stewards attest volunteer hours.", error.Message);
        Assert.Equal(BigInteger.Zero, await community.TokenAs(0).BalanceOfAsync(Address(4), Ct));
    }

    [Fact]
    public async Task AttestHours_ForSelf_RevertsSelfAttestation()
    {
        var community = await NewCommunity().BuildAsync(Ct);

        var error = await AssertRevertsAsync<ContributionTokenSelfAttestationError>(() => community.TokenAs(0).AttestHoursAsync(Address(0), 2, "x", Ct));

        Assert.Equal($"{Address(0)} cannot attest their own hours; ask another steward.", error.Message);
        Assert.Equal(BigInteger.Zero, await community.TokenAs(0).BalanceOfAsync(Address(0), Ct));
    }

    [Fact]
    public async Task AttestHours_ForNonMember_RevertsNotMember()
    {
        var community = await NewCommunity().BuildAsync(Ct);

        var error = await AssertRevertsAsync<ContributionTokenNotMemberError>(() => community.TokenAs(0).AttestHoursAsync(Address(8), 2, "x", Ct));

        Assert.Equal(Address(8).Value, error.Argument<string>("account"));
    }

    [Fact]
    public async Task AttestHours_745Hours_RevertsHoursOutOfRange()
    {
        var community = await NewCommunity().WithMembers(3).BuildAsync(Ct);

        var error = await AssertRevertsAsync<ContributionTokenHoursOutOfRangeError>(() => community.TokenAs(0).AttestHoursAsync(Address(3), 745, "x", Ct));

        Assert.Equal("745 hours cannot be attested at once: give between 1 and 744 hours.", error.Message);
    }

    [Fact]
    public async Task AttestHours_ZeroHours_ServiceRejectsInputAndContractRevertsHoursOutOfRange()
    {
        var community = await NewCommunity().WithMembers(3).BuildAsync(Ct);
        var token = community.TokenContractAs(0);

        var input = await Assert.ThrowsAsync<AidDaoInputException>(() => community.TokenAs(0).AttestHoursAsync(Address(3), 0, "x", Ct));
        var error = await AssertRevertsAsync<ContributionTokenHoursOutOfRangeError>(() =>
            SendAsync(source => token.AttestHoursRequestAndWaitForReceiptAsync(Address(3).Value, 0, new byte[32], source)));

        Assert.Contains("0 is not a number of hours", input.Message, StringComparison.Ordinal);
        Assert.Equal(BigInteger.Zero, error.Argument<BigInteger>("hoursWorked"));
        Assert.Equal(new BigInteger(744), error.Argument<BigInteger>("max"));
        Assert.Equal(BigInteger.Zero, await token.AttestationCountQueryAsync());
    }

    [Fact]
    public async Task Mint_ToZeroAddressOrZeroAmount_RevertsInvalidMint()
    {
        var community = await NewCommunity().WithMembers(3).BuildAsync(Ct);
        await community.As(0).ProposeMinterAsync(Address(Minter), allowed: true, Ct);

        var toZero = await AssertRevertsAsync<ContributionTokenInvalidMintError>(() => community.TokenAs(Minter).MintAsync(EthAddress.Zero, Unit, Reason, Ct));
        await AssertRevertsAsync<ContributionTokenInvalidMintError>(() => community.TokenAs(Minter).MintAsync(Address(3), BigInteger.Zero, Reason, Ct));

        Assert.Equal($"Cannot mint {Unit} to {EthAddress.Zero}: the recipient must be a real address and the amount above zero.", toZero.Message);
        Assert.Equal(BigInteger.Zero, await community.TokenAs(0).TotalSupplyAsync(Ct));
    }
}
