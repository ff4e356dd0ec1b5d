using System.Globalization;
using System.Numerics;
using AidDao.Core;
using AidDao.Core.Pools;

namespace AidDao.Dashboard;

/// <summary>Indexed events in plain words for the activity feed ("0x7099…79C8 gave 0.5 ETH to Emergency Fund").</summary>
internal static class EventSummaries
{
    private static readonly string[] ChangeKinds =
        ["set asset limits", "remove an asset", "change the window", "change the cooldown", "change the request lifetime",
         "change the emergency threshold", "declare an emergency", "end the emergency", "resume payments"];

    private static readonly string[] ProposalActions =
        ["add a steward", "remove a steward", "change the threshold", "change admission approvals", "change vouches required", "remove a member"];

    /// <summary>Describes one event.</summary>
    /// <param name="name">The event's name.</param>
    /// <param name="args">Its decoded arguments, by Solidity parameter name.</param>
    /// <param name="label">The emitting contract's name ("Emergency Fund", "Spring Round", the community's name).</param>
    /// <param name="asset">How to write an amount of an asset given by address (null: the contract's own asset).</param>
    public static string Describe(string name, IReadOnlyDictionary<string, string> args, string label, Func<string?, PoolAsset> asset)
    {
        string A(string key) => args.TryGetValue(key, out var v) && EthAddress.TryParse(v, out var a) ? a.Abbreviated : "?";
        string V(string key) => args.TryGetValue(key, out var v) ? v : "?";
        string M(string amountKey, string? assetKey = null) =>
            args.TryGetValue(amountKey, out var v) && BigInteger.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
                ? asset(assetKey is null ? null : args.GetValueOrDefault(assetKey)).Format(n)
                : "?";
        bool B(string key) => args.TryGetValue(key, out var v) && bool.TryParse(v, out var b) && b;
        string Kind(string[] names, string key) =>
            int.TryParse(V(key), NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < names.Length ? names[i] : "make a change";

        return name switch
        {
            "Initialized" => $"{label} was set up",
            "Approval" => $"{A("owner")} allowed {A("spender")} to move {TokenCount(V("value"))} contribution tokens",
            "EIP712DomainChanged" => $"{label} changed its signing domain",
            "CommunityInitialized" => $"{V("name")} was founded",
            "StewardAdded" => $"{A("steward")} became a steward of {label}",
            "StewardRemoved" => $"{A("steward")} is no longer a steward of {label}",
            "ThresholdChanged" => $"{label} now needs {V("newThreshold")} steward approvals",
            "AdmissionApprovalsChanged" => $"{label} now admits members with {V("newApprovals")} steward approvals",
            "VouchesRequiredChanged" => $"{label} now admits members with {V("newVouches")} vouches",
            "MemberAdmitted" => $"{A("member")} joined {label}",
            "MemberRemoved" => $"{A("member")} left {label}",
            "AdmissionApproved" => $"Steward {A("steward")} approved {A("candidate")} ({V("approvals")} of {V("required")})",
            "Vouched" => $"{A("voucher")} vouched for {A("candidate")} ({V("vouches")} of {V("required")})",
            "ProposalCreated" => $"{A("proposer")} proposed to {Kind(ProposalActions, "action")} (proposal {V("proposalId")})",
            "ProposalApproved" => $"Steward {A("steward")} approved proposal {V("proposalId")} ({V("approvals")} of {V("threshold")})",
            "ProposalExecuted" => $"Proposal {V("proposalId")} took effect",
            "ProposalCancelled" => $"Proposal {V("proposalId")} was cancelled",
            "CommunityCreated" => $"{V("name")} was created",
            "PoolCreated" => $"Emergency pool {V("name")} was created",
            "RoundCreated" => $"Funding round {V("name")} was created",
            "MinterSet" => B("allowed") ? $"{A("minter")} may now award contribution tokens" : $"{A("minter")} may no longer award contribution tokens",
            "ContributionMinted" => $"{A("to")} received {TokenCount(V("amount"))} contribution tokens",
            "HoursAttested" => $"Steward {A("steward")} recorded {TokenCount(V("hoursWorked"))} volunteer hours by {A("volunteer")}",
            "Transfer" => $"{A("to")} received {TokenCount(V("value"))} contribution tokens",
            "DelegateVotesChanged" => $"{A("delegate")} now has {TokenCount(V("newVotes"))} votes",
            "DelegateChanged" => $"{A("delegator")} now votes through {A("toDelegate")}",
            "PoolInitialized" => $"Emergency pool {V("name")} opened",
            "Deposited" => $"{A("donor")} gave {M("amount", "asset")} to {label}",
            "AidRequested" => $"{A("requester")} asked {label} for {M("amount", "asset")} (urgency {V("urgency")}, request {V("requestId")})",
            "RequestApproved" => $"Steward {A("steward")} approved request {V("requestId")} ({V("approvals")} of {V("required")})",
            "RequestRejected" => $"Steward {A("steward")} rejected request {V("requestId")} ({V("rejections")} of {V("threshold")})",
            "RequestDeclined" => $"Request {V("requestId")} was declined",
            "RequestCancelled" => $"Request {V("requestId")} was cancelled",
            "AidPaid" => B("delivered")
                ? $"{label} paid {M("amount", "asset")} to {A("recipient")} (request {V("requestId")})"
                : $"{label} owes {M("amount", "asset")} to {A("recipient")} (request {V("requestId")}; the transfer failed, it waits to be withdrawn)",
            "Withdrawn" => args.ContainsKey("asset")
                ? $"{A("account")} withdrew {M("amount", "asset")} from {label}"
                : $"{A("account")} withdrew {M("amount")} from {label}",
            "Paused" => $"Steward {A("by")} paused payments from {label}",
            "Unpaused" => $"Payments from {label} resumed",
            "EmergencyDeclared" => $"An emergency was declared for {label} until {When(V("endsAt"))}",
            "EmergencyEnded" => $"The emergency of {label} ended",
            "AssetLimitsSet" => $"{label} set its limits for {asset(args.GetValueOrDefault("asset")).Symbol}",
            "AssetRemoved" => $"{label} stopped taking {asset(args.GetValueOrDefault("asset")).Symbol}",
            "WindowChanged" => $"{label}'s rolling window is now {Duration(V("newWindow"))}",
            "CooldownChanged" => $"{label}'s cooldown is now {Duration(V("newCooldown"))}",
            "RequestLifetimeChanged" => $"Requests to {label} now stay open {Duration(V("newLifetime"))}",
            "EmergencyThresholdChanged" => $"During an emergency {label} pays small requests with {V("newThreshold")} approvals",
            "ChangeProposed" or "AssetLimitsProposed" => $"{A("proposer")} proposed to {Kind(ChangeKinds, "kind")} for {label} (change {V("changeId")})",
            "ChangeApproved" => $"Steward {A("steward")} approved change {V("changeId")} ({V("approvals")} of {V("threshold")})",
            "ChangeExecuted" => $"Change {V("changeId")} to {label} took effect",
            "ChangeCancelled" => $"Change {V("changeId")} to {label} was cancelled",
            "RoundInitialized" => $"Funding round {V("name")} opened",
            "ProjectApplied" => $"{A("applicant")} applied to {label} (project {V("projectId")})",
            "ProjectReviewed" => B("approved") ? $"Steward {A("steward")} approved project {V("projectId")}" : $"Steward {A("steward")} rejected project {V("projectId")}",
            "MatchingFunded" => $"{A("funder")} added {M("amount")} to {label}'s matching pool",
            "Contributed" => $"{A("contributor")} gave {M("amount")} to project {V("projectId")} in {label}{(B("matched") ? "" : " (not matched: not a member)")}",
            "Voted" => $"{A("member")} spent {V("credits")} credits on project {V("projectId")} ({V("votes")} votes)",
            "RoundFinalized" => $"{label} was finalised: {M("matched")} of matching goes to projects",
            "MatchComputed" => $"Project {V("projectId")} gets {M("matchAmount")} of matching{(B("capped") ? " (capped)" : "")}",
            "ProjectPaid" => $"Project {V("projectId")} was paid {M("amount")}",
            "PayoutDeferred" => $"Project {V("projectId")}'s payout of {M("amount")} waits to be claimed (the transfer failed)",
            "TokensClaimed" => $"{A("contributor")} claimed {TokenCount(V("amount"))} contribution tokens",
            "CancelApproved" => $"Steward {A("steward")} voted to cancel {label} ({V("approvals")} of {V("threshold")})",
            "RoundCancelled" => $"{label} was cancelled",
            "Refunded" => $"{A("account")} was refunded {M("amount")} for project {V("projectId")}",
            "Swept" => $"{label} sent its leftover {M("amount")} to the emergency pool",
            _ => $"{name} at {label}",
        };
    }

    private static string TokenCount(string units) =>
        BigInteger.TryParse(units, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? TokenAmount.Format(n, 18) : units;

    private static string When(string unixSeconds) =>
        long.TryParse(unixSeconds, NumberStyles.None, CultureInfo.InvariantCulture, out var s)
            ? DateTimeOffset.FromUnixTimeSeconds(s).ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)
            : unixSeconds;

    private static string Duration(string seconds) =>
        long.TryParse(seconds, NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? DurationText.Of(s) : seconds + " s";
}
