using System.Globalization;
using System.Numerics;
using System.Text.RegularExpressions;

namespace AidDao.Core;

/// <summary>
/// One sentence per custom error, for the people who meet them. Placeholders name the error's parameters. Every AidDao
/// error must have a sentence here (a test checks it against the bindings); other errors (OpenZeppelin's) get a generic one.
/// </summary>
internal static partial class RevertMessages
{
    private static readonly Dictionary<string, string> Templates = new(StringComparer.Ordinal)
    {
        // Community
        ["CommunityNotSteward"] = "{account} is not a steward of this community; only stewards can do this.",
        ["CommunityNotMember"] = "{account} is not a member of this community.",
        ["CommunityAlreadyMember"] = "{account} is already a member of this community.",
        ["CommunityAlreadySteward"] = "{account} is already a steward of this community.",
        ["CommunityZeroAddress"] = "The zero address cannot be a steward, member or token; check the address you gave.",
        ["CommunityInvalidThreshold"] = "A threshold of {threshold} is not possible with {stewardCount} steward(s): it must be between 1 and the number of stewards.",
        ["CommunityInvalidAdmissionApprovals"] = "{approvals} admission approval(s) are not possible with {stewardCount} steward(s): it must be between 1 and the number of stewards.",
        ["CommunityInvalidVouchesRequired"] = "At most {max} vouches can be required; {vouches} was asked.",
        ["CommunityTooManyStewards"] = "A community can have at most {max} stewards; this would make {count}.",
        ["CommunityTooManyFoundingMembers"] = "A community can be founded with at most {max} members besides its stewards ({count} given); admit the rest afterwards.",
        ["CommunityAdmissionAlreadyApproved"] = "{steward} has already approved admitting {candidate}; an approval counts once.",
        ["CommunityVouchingDisabled"] = "This community admits new members by steward approval only (vouching is off); ask a steward.",
        ["CommunityAlreadyVouched"] = "{voucher} has already vouched for {candidate}; a vouch counts once.",
        ["CommunityUnknownProposal"] = "There is no proposal {proposalId} in this community; check the id.",
        ["CommunityProposalNotPending"] = "Proposal {proposalId} is already {status}; nothing more can be done with it.",
        ["CommunityProposalExpired"] = "Proposal {proposalId} expired at {expiredAt}; make a new proposal.",
        ["CommunityProposalAlreadyApproved"] = "Proposal {proposalId} already has the approval of {steward}; an approval counts once.",
        ["CommunityThresholdNotReached"] = "Proposal {proposalId} has {approvals} of the {threshold} steward approvals it needs.",
        ["CommunityNotProposer"] = "Only the steward who made proposal {proposalId} can cancel it, not {account}.",
        ["CommunityMemberIsSteward"] = "{member} is a steward: remove the steward role first, then the membership.",
        ["CommunityProposalTargetRequired"] = "A {action} proposal needs a target address.",
        ["CommunityMinterUnchanged"] = "Nothing to change: {minter} already {allowed} contribution tokens.",
        // ContributionToken
        ["ContributionTokenNonTransferable"] = "Contribution tokens cannot be transferred or approved: they record what each person gave.",
        ["ContributionTokenDelegationFixed"] = "Contribution-token votes stay with their holder and cannot be delegated.",
        ["ContributionTokenNotMinter"] = "{account} may not mint contribution tokens; stewards can allow it with a SetMinter proposal.",
        ["ContributionTokenOnlyCommunity"] = "Only the community contract can do this ({account} tried).",
        ["ContributionTokenNotSteward"] = "{account} is not a steward; only stewards attest volunteer hours.",
        ["ContributionTokenNotMember"] = "{account} is not a member; hours can be attested only for members.",
        ["ContributionTokenSelfAttestation"] = "{steward} cannot attest their own hours; ask another steward.",
        ["ContributionTokenHoursOutOfRange"] = "{hoursWorked} hours cannot be attested at once: give between 1 and {max} hours.",
        ["ContributionTokenZeroCommunity"] = "A contribution token must belong to a community; the zero address was given.",
        ["ContributionTokenInvalidMint"] = "Cannot mint {amount} to {to}: the recipient must be a real address and the amount above zero.",
        // CommunityFactory
        ["CommunityFactoryInvalidImplementation"] = "{implementation} holds no contract code; deploy the implementations first.",
        ["CommunityFactoryInvalidSymbol"] = "'{symbol}' is not a valid token symbol: use 1 to 11 bytes (plain letters are one byte each).",
        ["CommunityFactoryInvalidName"] = "'{name}' is not a valid community name: use 1 to 64 bytes (plain letters are one byte each; accented letters and emoji take more).",
        // OpenZeppelin errors a person can meet through AidDao
        ["ERC5805FutureLookup"] = "Block {timepoint} is not in the past (the chain is at {clock}); past votes can be read only for mined blocks.",
        ["InvalidInitialization"] = "This contract is already set up; it cannot be initialised again.",
    };

    private static readonly string[] ProposalStatuses = ["None", "pending", "executed", "cancelled"];
    private static readonly string[] ProposalActions =
        ["AddSteward", "RemoveSteward", "SetThreshold", "SetAdmissionApprovals", "SetVouchesRequired", "RemoveMember", "SetMinter", "UnsetMinter"];

    /// <summary>Whether a sentence exists for <paramref name="errorName"/>.</summary>
    public static bool Has(string errorName) => Templates.ContainsKey(errorName);

    /// <summary>The sentence for a decoded error.</summary>
    public static string Render(string errorName, IReadOnlyDictionary<string, object?> arguments)
    {
        if (!Templates.TryGetValue(errorName, out var template))
        {
            var list = string.Join(", ", arguments.Select(a => $"{a.Key}={Format(a.Key, a.Value)}"));
            return $"The contract refused the call with {errorName}({list}).";
        }
        return Placeholder().Replace(template, m =>
            arguments.TryGetValue(m.Groups[1].Value, out var value) ? Format(m.Groups[1].Value, value) : m.Value);
    }

    private static string Format(string name, object? value) => value switch
    {
        BigInteger n when name == "status" && n < ProposalStatuses.Length => ProposalStatuses[(int)n],
        BigInteger n when name == "action" && n < ProposalActions.Length => ProposalActions[(int)n],
        BigInteger n when name == "expiredAt" => DateTimeOffset.FromUnixTimeSeconds((long)n).ToString("u", CultureInfo.InvariantCulture),
        BigInteger n => n.ToString(CultureInfo.InvariantCulture),
        bool allowed when name == "allowed" => allowed ? "may mint" : "may not mint",
        string s when EthAddress.TryParse(s, out var address) => address.Value,
        byte[] bytes => "0x" + Convert.ToHexStringLower(bytes),
        null => "(none)",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };

    [GeneratedRegex(@"\{(\w+)\}")]
    private static partial Regex Placeholder();
}
