using System.Numerics;
using AidDao.Contracts.Community.ContractDefinition;
using AidDao.Contracts.FundingRound.ContractDefinition;
using Nethereum.ABI;
using Nethereum.ABI.FunctionEncoding;
using Nethereum.Contracts;
using Xunit;

namespace AidDao.Core.Tests;

/// <summary>RevertDecoder and its messages, from raw revert data: no chain needed.</summary>
public class RevertMessagesTests
{
    private const string Candidate = "0x70997970c51812dc3a010c7d01b50e0d17dc79c8";
    private const string CandidateChecksummed = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
    private const string Voucher = "0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc";
    private const string VoucherChecksummed = "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC";

    public static TheoryData<string> AidDaoErrorNames =>
        [.. RevertDecoder.KnownErrorNames.Where(n => n.StartsWith("Community", StringComparison.Ordinal) || n.StartsWith("ContributionToken", StringComparison.Ordinal)
            || n.StartsWith("Pool", StringComparison.Ordinal) || n.StartsWith("Round", StringComparison.Ordinal)
            || n is "HostileRoundRecipientRefused" or "GasFloorForwardFailed").Order(StringComparer.Ordinal)];

    [Fact]
    public void KnownErrorNames_IncludeEveryAidDaoContractsErrors()
    {
        var names = RevertDecoder.KnownErrorNames;

        Assert.Contains("CommunityAlreadyVouched", names);
        Assert.Contains("ContributionTokenNonTransferable", names);
        Assert.Contains("CommunityFactoryInvalidName", names);
        Assert.Contains("PoolOverWindowCap", names);
        Assert.Contains("RoundOutsideWindow", names);
        Assert.Contains("RoundFactoryInvalidPool", names);
        Assert.True(AidDaoErrorNames.Count >= 127, $"Only {AidDaoErrorNames.Count} AidDao errors found in the bindings.");
    }

    [Theory]
    [MemberData(nameof(AidDaoErrorNames))]
    public void HasMessage_EveryAidDaoError_HasASentence(string errorName) =>
        Assert.True(RevertDecoder.HasMessage(errorName), $"RevertMessages has no sentence for {errorName}.");

    [Fact]
    public void Decode_CommunityAlreadyVouchedData_GivesNameArgumentsAndASentenceWithChecksummedAddresses()
    {
        var data = EncodeError(new CommunityAlreadyVouchedError { Candidate = Candidate, Voucher = Voucher });

        var error = RevertDecoder.Decode(data);

        Assert.Equal("CommunityAlreadyVouched", error.ErrorName);
        Assert.True(error.Is<CommunityAlreadyVouchedError>());
        Assert.False(error.Is<CommunityAlreadyMemberError>());
        Assert.Equal(CandidateChecksummed, error.Argument<string>("candidate"));
        Assert.Equal(VoucherChecksummed, error.Argument<string>("voucher"));
        Assert.Equal($"{VoucherChecksummed} has already vouched for {CandidateChecksummed}; a vouch counts once.", error.Message);
    }

    [Fact]
    public void Decode_DataWithoutHexPrefix_DecodesTheSame()
    {
        var data = EncodeError(new CommunityAlreadyVouchedError { Candidate = Candidate, Voucher = Voucher });

        Assert.Equal(RevertDecoder.Decode(data).Message, RevertDecoder.Decode(data[2..]).Message);
    }

    [Fact]
    public void Decode_ProposalNotPendingAndTargetRequired_NameTheStatusAndAction()
    {
        var notPending = RevertDecoder.Decode(EncodeError(new CommunityProposalNotPendingError { ProposalId = 7, Status = 3 }));
        var targetRequired = RevertDecoder.Decode(EncodeError(new CommunityProposalTargetRequiredError { Action = 6 }));

        Assert.Equal("Proposal 7 is already cancelled; nothing more can be done with it.", notPending.Message);
        Assert.Equal("A SetMinter proposal needs a target address.", targetRequired.Message);
    }

    [Fact]
    public void Decode_RoundStatusesAndMode_NameThemInWords()
    {
        var notApproved = RevertDecoder.Decode(EncodeError(new RoundProjectNotApprovedError { ProjectId = 4, Status = 3 }));
        var notActive = RevertDecoder.Decode(EncodeError(new RoundNotActiveError { Status = 2 }));
        var wrongMode = RevertDecoder.Decode(EncodeError(new RoundWrongModeError { Mode = 0 }));

        Assert.Equal("Project 4 is rejected, not approved, so it takes no contributions or votes.", notApproved.Message);
        Assert.Equal("This round is cancelled, so this is no longer possible.", notActive.Message);
        Assert.Equal("This round uses quadratic funding, so this action does not apply to it.", wrongMode.Message);
    }

    [Fact]
    public void Decode_RoundOutsideWindow_GivesTimesAndLeavesOutAMissingBound()
    {
        var window = RevertDecoder.Decode(EncodeError(new RoundOutsideWindowError { OpensAt = 1_800_000_000, ClosesAt = 1_800_086_400, Now = 1_799_999_999 }));
        var untilEnd = RevertDecoder.Decode(EncodeError(new RoundOutsideWindowError { OpensAt = 0, ClosesAt = 1_800_086_400, Now = 1_800_086_400 }));
        var noEnd = RevertDecoder.Decode(EncodeError(new RoundOutsideWindowError { OpensAt = 1_800_000_000, ClosesAt = ulong.MaxValue, Now = 1_799_999_999 }));

        Assert.Equal("This can only be done between 2027-01-15 08:00:00Z and 2027-01-16 08:00:00Z (see the round's schedule); the chain's time is 2027-01-15 07:59:59Z.", window.Message);
        Assert.Equal("This can only be done before 2027-01-16 08:00:00Z (see the round's schedule); the chain's time is 2027-01-16 08:00:00Z.", untilEnd.Message);
        Assert.Equal("This can only be done from 2027-01-15 08:00:00Z (see the round's schedule); the chain's time is 2027-01-15 07:59:59Z.", noEnd.Message);
    }

    [Fact]
    public void Decode_ErrorString_GivesTheReason()
    {
        var data = "0x08c379a0" + Convert.ToHexStringLower(new ABIEncode().GetABIEncoded(new ABIValue("string", "Ownable: caller is not the owner")));

        var error = RevertDecoder.Decode(data);

        Assert.Equal("Error", error.ErrorName);
        Assert.Equal("Ownable: caller is not the owner", error.Argument<string>("reason"));
        Assert.Equal("The contract refused the call: Ownable: caller is not the owner.", error.Message);
    }

    [Fact]
    public void Decode_ArithmeticPanic_SaysItIsABugWithTheCode()
    {
        var data = "0x4e487b71" + Convert.ToHexStringLower(new ABIEncode().GetABIEncoded(new ABIValue("uint256", 0x11)));

        var error = RevertDecoder.Decode(data);

        Assert.Equal("Panic", error.ErrorName);
        Assert.Equal(new BigInteger(0x11), error.Argument<BigInteger>("code"));
        Assert.Contains("panic 0x11", error.Message, StringComparison.Ordinal);
        Assert.Contains("bug", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_UnknownSelector_SaysSoAndNamesTheSelector()
    {
        var error = RevertDecoder.Decode("0xdeadbeef" + new string('0', 64));

        Assert.Equal("Unknown", error.ErrorName);
        Assert.Equal("The contract refused the call with an unknown error (selector 0xdeadbeef).", error.Message);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("0x")]
    [InlineData("0x1234")]
    public void Decode_NoOrTruncatedData_SaysNoReasonWasGiven(string? data)
    {
        var error = RevertDecoder.Decode(data);

        Assert.Equal("Unknown", error.ErrorName);
        Assert.Equal("The contract refused the call without saying why.", error.Message);
    }

    [Fact]
    public void Decode_KnownErrorWithoutSentence_ListsItsArguments()
    {
        var data = EncodeError(new AidDao.Contracts.ContributionToken.ContractDefinition.ERC20InvalidSenderError { Sender = Voucher });

        var error = RevertDecoder.Decode(data);

        Assert.Equal("ERC20InvalidSender", error.ErrorName);
        Assert.Equal($"The contract refused the call with ERC20InvalidSender(sender={VoucherChecksummed}).", error.Message);
    }

    private static string EncodeError<TError>(TError error) where TError : class
    {
        var selector = ABITypedRegistry.GetError<TError>().Sha3Signature;
        var body = new ParametersEncoder().EncodeParametersFromTypeAttributes(typeof(TError), error);
        return "0x" + selector.Replace("0x", "", StringComparison.Ordinal) + Convert.ToHexStringLower(body);
    }
}
