namespace AidDao.Data;

/// <summary>
/// The read model's fact tables. Each holds one kind of fact derived from AidDao logs; <c>contract</c> (a shared column)
/// is the emitting contract: the pool of a deposit, the round of a contribution, the token of a mint, the factory of a
/// created contract. Amounts are uint256 as decimal text; state (balances, a request's state, a project's totals) is
/// derived from these facts by the read queries, so a reorganisation only ever deletes rows.
/// </summary>
public static class ReadModelSchema
{
    private const ColumnType T = ColumnType.Text;
    private const ColumnType I = ColumnType.Number;

    /// <summary>
    /// Every decoded log: event name, topics, data, the decoded arguments as JSON, and (since schema version 2) its
    /// block's timestamp in Unix seconds.
    /// </summary>
    public static FactTable Events { get; } = new("events", C("name", T), C("topics", T), C("data", T), C("args", T), new FactColumn("block_time", I, AddedIn: 2));

    /// <summary>The contracts followed: communities and tokens, pools and rounds, by the factory that created them.</summary>
    public static FactTable Contracts { get; } = new("contracts", C("address", T), C("kind", T), C("community", T), C("name", T), C("creator", T), C("position", I));

    /// <summary>Settings of a community or a pool as they were set (name, token, threshold, window, cooldown, ...).</summary>
    public static FactTable Settings { get; } = new("settings", C("setting", T), C("value", T));

    /// <summary>Stewards added (1) and removed (0).</summary>
    public static FactTable Stewards { get; } = new("stewards", C("account", T), C("added", I));

    /// <summary>Members admitted (1, with the admission path) and removed (0).</summary>
    public static FactTable Members { get; } = new("members", C("account", T), C("admitted", I), C("path", I));

    /// <summary>Deposits into a pool.</summary>
    public static FactTable Deposits { get; } = new("deposits", C("deposit_id", I), C("donor", T), C("asset", T), C("amount", T), C("minted", T));

    /// <summary>Aid requests as made.</summary>
    public static FactTable AidRequests { get; } = new("aid_requests", C("request_id", I), C("requester", T), C("recipient", T), C("asset", T), C("amount", T), C("urgency", I), C("details_hash", T), C("expires_at", I));

    /// <summary>Stewards' approvals (1) and rejections (0) of aid requests, with the count so far and the count needed.</summary>
    public static FactTable RequestDecisions { get; } = new("request_decisions", C("request_id", I), C("steward", T), C("approve", I), C("count", I), C("required", I));

    /// <summary>How aid requests ended: paid (delivered or left to withdraw), declined or cancelled.</summary>
    public static FactTable RequestOutcomes { get; } = new("request_outcomes", C("request_id", I), C("outcome", T), C("recipient", T), C("asset", T), C("amount", T), C("delivered", I), C("by", T));

    /// <summary>A pool's pauses and emergencies (paused, unpaused, emergency, emergency-ended).</summary>
    public static FactTable PoolModes { get; } = new("pool_modes", C("mode", T), C("change_id", I), C("ends_at", I), C("reason", T));

    /// <summary>A pool's limits per asset as set (removed = 1 when the asset was removed).</summary>
    public static FactTable AssetLimits { get; } = new("asset_limits", C("asset", T), C("mint_rate", T), C("per_request_max", T), C("window_cap", T), C("reserve_floor", T), C("fast_path_cap", T), C("removed", I));

    /// <summary>Funding rounds as initialised.</summary>
    public static FactTable Rounds { get; } = new("rounds", C("community", T), C("asset", T), C("mode", I), C("name", T));

    /// <summary>Projects that applied to a round.</summary>
    public static FactTable Projects { get; } = new("projects", C("project_id", I), C("applicant", T), C("recipient", T), C("metadata", T));

    /// <summary>Stewards' reviews of projects.</summary>
    public static FactTable ProjectReviews { get; } = new("project_reviews", C("project_id", I), C("steward", T), C("approved", I));

    /// <summary>Money added to a round's matching pool.</summary>
    public static FactTable MatchingFunds { get; } = new("matching_funds", C("funder", T), C("amount", T), C("matching_pool", T));

    /// <summary>Contributions to projects (matched = 1 when a member's stake counts for matching).</summary>
    public static FactTable Contributions { get; } = new("contributions", C("contributor", T), C("project_id", I), C("amount", T), C("matched", I));

    /// <summary>Quadratic votes.</summary>
    public static FactTable Votes { get; } = new("votes", C("member", T), C("project_id", I), C("credits", T), C("votes", T), C("credits_left", T));

    /// <summary>Round finalisations.</summary>
    public static FactTable RoundFinalizations { get; } = new("round_finalizations", C("matching_pool", T), C("matched", T), C("remainder", T), C("total_raised", T), C("claim_deadline", I));

    /// <summary>Matches computed at finalisation.</summary>
    public static FactTable Matches { get; } = new("matches", C("project_id", I), C("raw_match", T), C("match_amount", T), C("capped", I));

    /// <summary>Project payouts: delivered (1) or deferred to a claim (0).</summary>
    public static FactTable Payouts { get; } = new("payouts", C("project_id", I), C("recipient", T), C("amount", T), C("delivered", I));

    /// <summary>Refunds of a cancelled round (project 0 = matching money).</summary>
    public static FactTable Refunds { get; } = new("refunds", C("account", T), C("project_id", I), C("amount", T), C("delivered", I));

    /// <summary>Round cancellations.</summary>
    public static FactTable RoundCancellations { get; } = new("round_cancellations");

    /// <summary>Contribution tokens minted.</summary>
    public static FactTable TokenMints { get; } = new("token_mints", C("account", T), C("minter", T), C("amount", T), C("reason", T));

    /// <summary>Volunteer hours attested.</summary>
    public static FactTable Hours { get; } = new("hours", C("attestation_id", I), C("volunteer", T), C("steward", T), C("hours", T), C("evidence", T));

    /// <summary>Every movement of money held by a pool or a round, and of contribution tokens held by accounts: signed deltas per holder and asset.</summary>
    public static FactTable Ledger { get; } = new("ledger", C("holder", T), C("asset", T), C("delta", T), C("reason", T));

    /// <summary>All fact tables.</summary>
    public static IReadOnlyList<FactTable> All { get; } =
    [
        Events, Contracts, Settings, Stewards, Members, Deposits, AidRequests, RequestDecisions, RequestOutcomes,
        PoolModes, AssetLimits, Rounds, Projects, ProjectReviews, MatchingFunds, Contributions, Votes, RoundFinalizations,
        Matches, Payouts, Refunds, RoundCancellations, TokenMints, Hours, Ledger,
    ];

    private static FactColumn C(string name, ColumnType type) => new(name, type);
}
