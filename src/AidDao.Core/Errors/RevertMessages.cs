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
        ["CommunityFactoryUnknownCommunity"] = "{community} is not a community created by this AidDao factory; check the community address.",
        ["CommunityFactoryNotSteward"] = "{account} is not a steward of {community}; only its stewards can create pools for it.",
        // EmergencyPool
        ["PoolNotSteward"] = "{account} is not a steward of this pool's community; only stewards can do this.",
        ["PoolNotMember"] = "{account} is not a member of this pool's community; only members can ask for aid.",
        ["PoolZeroCommunity"] = "A pool must belong to a community; the zero address was given.",
        ["PoolInvalidName"] = "A pool name must be 1 to 64 bytes (plain letters are one byte each).",
        ["PoolAssetNotAllowed"] = "This pool does not accept {asset}; use an asset it lists, or ask the stewards to allow this one.",
        ["PoolDuplicateAsset"] = "{asset} is listed twice in the pool's set-up; list each asset once.",
        ["PoolTooManyAssets"] = "A pool accepts at most {max} assets; remove one first.",
        ["PoolSetupMismatch"] = "The pool set-up lists {assets} asset(s) but {limits} set(s) of limits; give one set of limits per asset.",
        ["PoolInvalidLimits"] = "The limits for {asset} contradict each other: the fast-path cap must not exceed the per-request limit, and that must not exceed the window cap.",
        ["PoolZeroAmount"] = "The amount must be above zero.",
        ["PoolNothingReceived"] = "The token {asset} delivered nothing to the pool (its transfer fee took it all), so nothing was credited.",
        ["PoolInvalidUrgency"] = "Urgency {urgency} is not valid: use 1 (can wait) to 5 (life or safety).",
        ["PoolInvalidRecipient"] = "{recipient} cannot receive aid: give a real address other than the pool's.",
        ["PoolMissingDetails"] = "A request needs the hash of its details (the details stay off-chain); none was given.",
        ["PoolUnknownRequest"] = "There is no request {requestId} in this pool; check the id.",
        ["PoolRequestNotPending"] = "Request {requestId} is already {status}; nothing more can be done with it.",
        ["PoolRequestExpired"] = "Request {requestId} expired at {expiredAt}; the member can file a new one.",
        ["PoolNotRequester"] = "Only the member who filed request {requestId} can cancel it, not {account}.",
        ["PoolSelfApproval"] = "{steward} filed request {requestId} or would be paid by it, so cannot approve it; another steward must.",
        ["PoolAlreadyApproved"] = "Request {requestId} already has your approval ({steward}); an approval counts once.",
        ["PoolAlreadyRejected"] = "Request {requestId} already has your rejection ({steward}); a steward decides once.",
        ["PoolTooManyDecisions"] = "Request or change {id} cannot record more decisions; file or propose it again.",
        ["PoolRejectedByStewards"] = "Request {requestId} has {rejections} steward rejections, as many as the threshold of {threshold}, so it cannot be paid; a steward who has not decided can close it by rejecting.",
        ["PoolNotEnoughApprovals"] = "Request {requestId} has {approvals} of the {required} steward approvals it needs.",
        ["PoolOverRequestLimit"] = "The amount {amount} exceeds the pool's per-request limit of {max}.",
        ["PoolOverWindowCap"] = "Paying {amount} would exceed the pool's cap of {cap} per rolling window: only {remaining} can still be paid in this window, so wait or ask for less.",
        ["PoolRecipientCoolingDown"] = "{recipient} was paid recently and can be paid again from {availableAt}.",
        ["PoolInsufficientFunds"] = "The pool holds only {available}, less than the {amount} asked.",
        ["PoolBelowReserve"] = "Paying {amount} would take the pool below its reserve of {reserveFloor} (it holds {available}); only an emergency may use the reserve.",
        ["PoolIsPaused"] = "Payments from this pool are paused; M stewards must approve an Unpause change first.",
        ["PoolAlreadyPaused"] = "Payments from this pool are already paused.",
        ["PoolNotPaused"] = "Payments from this pool are not paused, so there is nothing to resume.",
        ["PoolNothingOwed"] = "The pool keeps nothing in {asset} for {account}.",
        ["PoolWithdrawFailed"] = "Sending the money to {to} failed; withdraw to an address that can receive ETH.",
        ["PoolInvalidWindow"] = "A rolling window of {window} is not allowed: use {min} to {max}.",
        ["PoolInvalidCooldown"] = "A cooldown of {cooldown} is too long: at most {max}.",
        ["PoolInvalidRequestLifetime"] = "A request lifetime of {lifetime} is not allowed: use {min} to {max}.",
        ["PoolInvalidEmergencyThreshold"] = "An emergency threshold of {threshold} is not allowed: use 1 to {max} approvals.",
        ["PoolInvalidEmergencyDuration"] = "An emergency of {duration} is not allowed: declare from 1 second up to {max} at a time.",
        ["PoolNoEmergency"] = "No emergency is in force, so there is none to end.",
        ["PoolChangeNeedsAsset"] = "A {kind} change needs an asset the pool accepts; {asset} is not one.",
        ["PoolUnknownChange"] = "There is no change {changeId} in this pool; check the id.",
        ["PoolChangeNotPending"] = "Change {changeId} is already {status}; nothing more can be done with it.",
        ["PoolChangeExpired"] = "Change {changeId} expired at {expiredAt}; propose it again.",
        ["PoolChangeAlreadyApproved"] = "Change {changeId} already has your approval ({steward}); an approval counts once.",
        ["PoolChangeThresholdNotReached"] = "Change {changeId} has {approvals} of the {threshold} steward approvals it needs.",
        ["PoolNotChangeProposer"] = "Only the steward who proposed change {changeId} can cancel it, not {account}.",
        // FundingRound
        ["RoundZeroAddress"] = "The zero address cannot be used here; give a real address (a project's recipient, or where the money should go).",
        ["RoundInvalidName"] = "A round name must be 1 to 64 bytes (plain letters are one byte each; accented letters and emoji take more).",
        ["RoundInvalidSchedule"] = "The round's schedule does not work: applications must open before they close and close no later than voting opens, voting must open before it ends and end in the future, the review period can be at most 366 days and the claim period 1 second to 366 days.",
        ["RoundInvalidCap"] = "A matching cap of {capBps} basis points is not possible: use 0 (no cap) up to 10000 (the whole pool).",
        ["RoundInvalidMaxProjects"] = "A round can approve 1 to {max} projects; {requested} was asked.",
        ["RoundInvalidMinimum"] = "A minimum contribution of {minimum} is not possible: use at least 1 and less than 2^96 (in the asset's smallest unit).",
        ["RoundInvalidCredits"] = "Quadratic voting with equal credits needs 1 to 2^96 − 1 voice credits per member; {creditsPerMember} was given.",
        ["RoundNotSteward"] = "{account} is not a steward of this round's community; only stewards can do this.",
        ["RoundNotMember"] = "{account} is not a member of this round's community; only members can vote.",
        ["RoundOutsideWindow"] = "This can only be done between {opensAt} and {closesAt} (see the round's schedule); the chain's time is {now_}.",
        ["RoundUnknownProject"] = "There is no project {projectId} in this round; check the id.",
        ["RoundProjectNotPending"] = "Project {projectId} was already reviewed (it is {status}); each application is reviewed once.",
        ["RoundStewardConflict"] = "{steward} applied for project {projectId} or would be paid by it, so cannot review it; another steward must.",
        ["RoundTooManyProjects"] = "This round already has its maximum of {max} approved projects; the remaining applications can only be rejected.",
        ["RoundProjectNotApproved"] = "Project {projectId} is {status}, not approved, so it takes no contributions or votes.",
        ["RoundBelowMinimum"] = "A contribution of {amount} is below this round's minimum of {minimum} (in the asset's smallest unit); give at least the minimum.",
        ["RoundBatchMismatch"] = "The lists do not match: {projects} project(s) but {amounts} amount(s), credit(s) or contributor(s); give one for each project, and at least one.",
        ["RoundValueMismatch"] = "{sent} wei of ETH was sent but {expected} was expected: send exactly the amount in an ETH round, and no ETH in a token round.",
        ["RoundAmountTooLarge"] = "The amount is too large for this round: a contributor's total for one project, and a project's total, must stay below 2^96 (in the asset's smallest unit); give less.",
        ["RoundWrongMode"] = "This round uses {mode}, so this action does not apply to it.",
        ["RoundNoVoiceCredits"] = "{member} has no voice credits in this round: credits come from contribution-token votes held when the round was created.",
        ["RoundOverBudget"] = "{member} asked to spend {requested} voice credits but has only {remaining} left in this round.",
        ["RoundNotActive"] = "This round is {status}, so this is no longer possible.",
        ["RoundNotFinalized"] = "This is possible only once the round is finalised; it is {status}.",
        ["RoundZeroAmount"] = "The amount must be above zero.",
        ["RoundNotRecipient"] = "Only the recipient of approved project {projectId} can claim it, not {account}.",
        ["RoundAlreadyPaid"] = "Project {projectId} has already been paid; there is nothing left to claim.",
        ["RoundClaimClosed"] = "The claim period ended at {deadline}; what was not claimed goes to the community's emergency pool.",
        ["RoundTransferFailed"] = "Sending the money to {to} failed; give an address that can receive it.",
        ["RoundCancelAlreadyApproved"] = "{steward} has already approved cancelling this round; an approval counts once.",
        ["RoundNotCancelled"] = "Refunds are possible only after the round is cancelled, and it is not.",
        ["RoundNothingToPay"] = "There is nothing to refund, claim, withdraw or sweep here.",
        ["RoundAssetShortfall"] = "The round holds only {held} of its asset but owes {owed}: its token did not transfer exact amounts (fee-on-transfer and rebasing tokens are not supported). It cannot be finalised; the stewards can cancel it so everyone is refunded what the round holds.",
        ["RoundGasTooLow"] = "The transaction ran low on gas before a payment could be pushed with its full allowance ({gasLeft} left, {needed} needed); send it again with a higher gas limit.",
        ["RoundNotFactory"] = "{account} may not set up a round: only the RoundFactory this round implementation was deployed for can. Create rounds with aiddao round create.",
        ["RoundInvalidCloneArgs"] = "This round was not created by the AidDao round factory; create rounds through the factory.",
        ["RoundBallotFull"] = "The cancel ballot cannot record more approvals; this should not happen within the community's steward limit, please report it.",
        // RoundFactory
        ["RoundFactoryInvalidAddress"] = "{account} holds no contract code; deploy the community factory and the round implementation first.",
        ["RoundFactoryUnknownCommunity"] = "{community} is not a community created by this AidDao factory; check the community address.",
        ["RoundFactoryNotSteward"] = "{account} is not a steward of {community}; only its stewards can create rounds for it.",
        ["RoundFactoryInvalidPool"] = "{pool} is not an emergency pool of {community}; a round's remainder and unclaimed money must go to its own community's pool.",
        ["RoundFactoryAssetNotInPool"] = "The emergency pool {pool} does not accept {asset}, so a round in it could not return money to the pool; choose an asset the pool accepts, or have its stewards allow this one.",
        // Test contracts (local devnets only)
        ["HostileRoundRecipientRefused"] = "The recipient contract refused the payment (a deliberately hostile test recipient); it must be claimed to another address.",
        ["GasFloorForwardFailed"] = "The gas-report baseline contract could not forward ETH to {to}.",
        // OpenZeppelin errors a person can meet through AidDao
        ["ERC5805FutureLookup"] = "Block {timepoint} is not in the past (the chain is at {clock}); past votes can be read only for mined blocks.",
        ["InvalidInitialization"] = "This contract is already set up; it cannot be initialised again.",
        ["ERC20InsufficientAllowance"] = "{spender} may move only {allowance} of your tokens but {needed} were needed: approve it for the amount first.",
        ["ERC20InsufficientBalance"] = "{sender} holds only {balance} of the token, less than the {needed} needed.",
        ["SafeERC20FailedOperation"] = "The token {token} refused the transfer; check your balance and allowance.",
        ["ReentrancyGuardReentrantCall"] = "The pool refused a call made while it was still busy with another (re-entry).",
    };

    private static readonly string[] ProposalStatuses = ["None", "pending", "executed", "cancelled"];
    private static readonly string[] RequestStatuses = ["None", "pending", "paid", "rejected", "cancelled"];
    private static readonly string[] ProjectStatuses = ["None", "pending", "approved", "rejected", "cancelled"];
    private static readonly string[] RoundStatuses = ["active", "finalised", "cancelled"];
    private static readonly string[] RoundModes = ["quadratic funding", "quadratic voting"];
    private static readonly HashSet<string> TimeArguments = new(StringComparer.Ordinal) { "expiredAt", "availableAt", "opensAt", "closesAt", "now_", "deadline" };
    private static readonly long MaxUnixSeconds = DateTimeOffset.MaxValue.ToUnixTimeSeconds();
    private static readonly string[] ChangeKinds =
        ["SetAssetLimits", "RemoveAsset", "SetWindow", "SetCooldown", "SetRequestLifetime", "SetEmergencyThreshold", "DeclareEmergency", "EndEmergency", "Unpause"];
    private static readonly HashSet<string> AmountArguments = new(StringComparer.Ordinal) { "amount", "max", "remaining", "cap", "available", "reserveFloor" };
    private static readonly HashSet<string> DurationErrors = new(StringComparer.Ordinal)
        { "PoolInvalidWindow", "PoolInvalidCooldown", "PoolInvalidRequestLifetime", "PoolInvalidEmergencyDuration" };
    private static readonly string[] ProposalActions =
        ["AddSteward", "RemoveSteward", "SetThreshold", "SetAdmissionApprovals", "SetVouchesRequired", "RemoveMember", "SetMinter", "UnsetMinter"];

    /// <summary>Whether a sentence exists for <paramref name="errorName"/>.</summary>
    public static bool Has(string errorName) => Templates.ContainsKey(errorName);

    /// <summary>
    /// The sentence for a decoded error. Amounts of an error that names an <c>asset</c> are written with
    /// <paramref name="formatAmount"/> (asset, smallest units); without one, ETH amounts are written in ETH and token
    /// amounts in the token's smallest units.
    /// </summary>
    public static string Render(string errorName, IReadOnlyDictionary<string, object?> arguments, Func<EthAddress, BigInteger, string>? formatAmount = null)
    {
        if (!Templates.TryGetValue(errorName, out var template))
        {
            var list = string.Join(", ", arguments.Select(a => $"{a.Key}={Format(errorName, a.Key, a.Value)}"));
            return $"The contract refused the call with {errorName}({list}).";
        }
        var asset = arguments.TryGetValue("asset", out var assetValue) && assetValue is string text && EthAddress.TryParse(text, out var parsed)
            ? parsed
            : (EthAddress?)null;
        return Placeholder().Replace(Variant(errorName, template, arguments), m =>
        {
            var name = m.Groups[1].Value;
            if (!arguments.TryGetValue(name, out var value)) return m.Value;
            if (asset is { } a && value is BigInteger units && AmountArguments.Contains(name))
                return (formatAmount ?? DefaultAmount)(a, units);
            return Format(errorName, name, value);
        });
    }

    /// <summary>A window open from the start (fundMatching) or without an end (finalize) is said without the missing bound.</summary>
    private static string Variant(string errorName, string template, IReadOnlyDictionary<string, object?> arguments) => errorName switch
    {
        "RoundOutsideWindow" when arguments.GetValueOrDefault("opensAt") is BigInteger { IsZero: true } =>
            "This can only be done before {closesAt} (see the round's schedule); the chain's time is {now_}.",
        "RoundOutsideWindow" when arguments.GetValueOrDefault("closesAt") is BigInteger closes && closes > MaxUnixSeconds =>
            "This can only be done from {opensAt} (see the round's schedule); the chain's time is {now_}.",
        _ => template,
    };

    private static string DefaultAmount(EthAddress asset, BigInteger units) =>
        asset.IsZero ? Pools.TokenAmount.Format(units, 18, "ETH") : $"{units.ToString(CultureInfo.InvariantCulture)} units of {asset}";

    private static string Format(string errorName, string name, object? value) => value switch
    {
        BigInteger n when name == "status" && errorName == "PoolRequestNotPending" && n < RequestStatuses.Length => RequestStatuses[(int)n],
        BigInteger n when name == "status" && (errorName is "RoundProjectNotPending" or "RoundProjectNotApproved") && n < ProjectStatuses.Length => ProjectStatuses[(int)n],
        BigInteger n when name == "status" && (errorName is "RoundNotActive" or "RoundNotFinalized") && n < RoundStatuses.Length => RoundStatuses[(int)n],
        BigInteger n when name == "mode" && errorName == "RoundWrongMode" && n < RoundModes.Length => RoundModes[(int)n],
        BigInteger n when name == "status" && n < ProposalStatuses.Length => ProposalStatuses[(int)n],
        BigInteger n when name == "action" && n < ProposalActions.Length => ProposalActions[(int)n],
        BigInteger n when name == "kind" && n < ChangeKinds.Length => ChangeKinds[(int)n],
        BigInteger n when TimeArguments.Contains(name) && n <= MaxUnixSeconds => DateTimeOffset.FromUnixTimeSeconds((long)n).ToString("u", CultureInfo.InvariantCulture),
        BigInteger n when DurationErrors.Contains(errorName) && n <= long.MaxValue => Duration((long)n),
        BigInteger n => n.ToString(CultureInfo.InvariantCulture),
        bool allowed when name == "allowed" => allowed ? "may mint" : "may not mint",
        string s when EthAddress.TryParse(s, out var address) => address.IsZero && name == "asset" ? "ETH" : address.Value,
        byte[] bytes => "0x" + Convert.ToHexStringLower(bytes),
        null => "(none)",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };

    /// <summary>Seconds in the largest whole unit that fits: 86400 → "1 day", 5400 → "90 minutes", 59 → "59 seconds".</summary>
    internal static string Duration(long seconds)
    {
        static string Unit(long count, string unit) => $"{count.ToString(CultureInfo.InvariantCulture)} {unit}{(count == 1 ? "" : "s")}";
        if (seconds != 0 && seconds % 86_400 == 0) return Unit(seconds / 86_400, "day");
        if (seconds != 0 && seconds % 3_600 == 0) return Unit(seconds / 3_600, "hour");
        if (seconds != 0 && seconds % 60 == 0) return Unit(seconds / 60, "minute");
        return Unit(seconds, "second");
    }

    [GeneratedRegex(@"\{(\w+)\}")]
    private static partial Regex Placeholder();
}
