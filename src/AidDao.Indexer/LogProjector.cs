using System.Numerics;
using AidDao.Contracts.Community.ContractDefinition;
using AidDao.Contracts.CommunityFactory.ContractDefinition;
using AidDao.Contracts.ContributionToken.ContractDefinition;
using AidDao.Contracts.EmergencyPool.ContractDefinition;
using AidDao.Contracts.FundingRound.ContractDefinition;
using AidDao.Contracts.RoundFactory.ContractDefinition;
using AidDao.Data;
using Nethereum.Hex.HexConvertors.Extensions;
using S = AidDao.Data.ReadModelSchema;

namespace AidDao.Indexer;

/// <summary>
/// Turns one decoded AidDao log into read-model facts (always the raw event, plus the typed facts it implies) and reports
/// the contracts it reveals: a community's token, its new pools and rounds. Pure: the same log always gives the same rows.
/// </summary>
public sealed class LogProjector
{
    private const string ZeroAddress = "0x0000000000000000000000000000000000000000";

    private readonly HashSet<string> _communities;

    /// <summary>Creates a projector for the communities an index follows.</summary>
    /// <param name="communities">The communities (any case).</param>
    public LogProjector(IEnumerable<string> communities)
    {
        ArgumentNullException.ThrowIfNull(communities);
        _communities = communities.Select(c => c.ToLowerInvariant()).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>
    /// Projects a log of a followed contract (<paramref name="emitter"/>) or of a factory (<paramref name="emitter"/>
    /// null). Factory logs about other communities give nothing.
    /// </summary>
    /// <param name="log">Where the log sits.</param>
    /// <param name="definition">Its event.</param>
    /// <param name="rawTopics">Its topics, joined by commas.</param>
    /// <param name="rawData">Its data.</param>
    /// <param name="dto">The decoded event.</param>
    /// <param name="emitter">The followed contract that emitted it; null for a factory.</param>
    /// <param name="facts">Receives the rows.</param>
    /// <param name="discovered">Receives contracts to follow from now on.</param>
    public void Project(LogPosition log, EventDefinition definition, string rawTopics, string rawData, object dto, WatchedContract? emitter,
        List<LoggedFact> facts, List<WatchedContract> discovered)
    {
        ArgumentNullException.ThrowIfNull(log);
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(discovered);
        var rows = new List<FactRow>(3);
        if (emitter is null)
        {
            if (!ProjectFactory(log, dto, rows, discovered)) return;
        }
        else
        {
            ProjectContract(log, emitter, dto, rows, discovered);
        }
        facts.Add(new LoggedFact(log, new FactRow(S.Events, [definition.Name, rawTopics, rawData, definition.WriteArguments(dto), log.BlockTime])));
        foreach (var row in rows) facts.Add(new LoggedFact(log, row));
    }

    private bool ProjectFactory(LogPosition log, object dto, List<FactRow> rows, List<WatchedContract> discovered)
    {
        switch (dto)
        {
            case CommunityCreatedEventDTO e when Ours(e.Community):
                rows.Add(Contract(A(e.Community), ContractKinds.Community, A(e.Community), e.Name, A(e.Creator), Id(e.Index), 0));
                rows.Add(Contract(A(e.Token), ContractKinds.Token, A(e.Community), e.Name, A(e.Creator), Id(e.Index), 1));
                discovered.Add(new WatchedContract(A(e.Token), ContractKinds.Token, A(e.Community), e.Name, log.BlockNumber));
                return true;
            case PoolCreatedEventDTO e when Ours(e.Community):
                rows.Add(Contract(A(e.Pool), ContractKinds.Pool, A(e.Community), e.Name, A(e.Creator), Id(e.Index), 0));
                discovered.Add(new WatchedContract(A(e.Pool), ContractKinds.Pool, A(e.Community), e.Name, log.BlockNumber));
                return true;
            case RoundCreatedEventDTO e when Ours(e.Community):
                rows.Add(Contract(A(e.Round), ContractKinds.Round, A(e.Community), e.Name, A(e.Creator), Id(e.Index), 0));
                discovered.Add(new WatchedContract(A(e.Round), ContractKinds.Round, A(e.Community), e.Name, log.BlockNumber));
                return true;
            default:
                return false;
        }
    }

    private static void ProjectContract(LogPosition log, WatchedContract emitter, object dto, List<FactRow> rows, List<WatchedContract> discovered)
    {
        switch (dto)
        {
            // Community
            case CommunityInitializedEventDTO e:
                rows.Add(Setting("name", e.Name, 0));
                rows.Add(Setting("token", A(e.Token), 1));
                rows.Add(Setting("threshold", N(e.Threshold), 2));
                rows.Add(Setting("admission_approvals", N(e.AdmissionApprovals), 3));
                rows.Add(Setting("vouches_required", N(e.VouchesRequired), 4));
                rows.Add(Contract(A(e.Token), ContractKinds.Token, emitter.Address, e.Name, "", -1, 0));
                discovered.Add(new WatchedContract(A(e.Token), ContractKinds.Token, emitter.Address, e.Name, log.BlockNumber));
                break;
            case ThresholdChangedEventDTO e: rows.Add(Setting("threshold", N(e.NewThreshold))); break;
            case AdmissionApprovalsChangedEventDTO e: rows.Add(Setting("admission_approvals", N(e.NewApprovals))); break;
            case VouchesRequiredChangedEventDTO e: rows.Add(Setting("vouches_required", N(e.NewVouches))); break;
            case StewardAddedEventDTO e: rows.Add(new FactRow(S.Stewards, [A(e.Steward), 1L])); break;
            case StewardRemovedEventDTO e: rows.Add(new FactRow(S.Stewards, [A(e.Steward), 0L])); break;
            case MemberAdmittedEventDTO e: rows.Add(new FactRow(S.Members, [A(e.Member), 1L, (long)e.Path])); break;
            case MemberRemovedEventDTO e: rows.Add(new FactRow(S.Members, [A(e.Member), 0L, null])); break;

            // Contribution token
            case ContributionMintedEventDTO e: rows.Add(new FactRow(S.TokenMints, [A(e.To), A(e.Minter), N(e.Amount), e.Reason.ToHex(prefix: true)])); break;
            case TransferEventDTO e:
                // The token's own ledger: what each account holds (mints come from the zero address).
                if (!e.To.Equals(ZeroAddress, StringComparison.OrdinalIgnoreCase)) rows.Add(new FactRow(S.Ledger, [A(e.To), emitter.Address, N(e.Value), "transfer"], 0));
                if (!e.From.Equals(ZeroAddress, StringComparison.OrdinalIgnoreCase)) rows.Add(new FactRow(S.Ledger, [A(e.From), emitter.Address, N(-e.Value), "transfer"], 1));
                break;
            case HoursAttestedEventDTO e: rows.Add(new FactRow(S.Hours, [Id(e.AttestationId), A(e.Volunteer), A(e.Steward), N(e.HoursWorked), e.EvidenceHash.ToHex(prefix: true)])); break;

            // Emergency pool
            case PoolInitializedEventDTO e:
                rows.Add(Setting("name", e.Name, 0));
                rows.Add(Setting("window", N(e.Window), 1));
                rows.Add(Setting("cooldown", N(e.Cooldown), 2));
                rows.Add(Setting("request_lifetime", N(e.RequestLifetime), 3));
                rows.Add(Setting("emergency_threshold", N(e.EmergencyThreshold), 4));
                // A new pool starts paused (without a Paused event) until M stewards approve an Unpause change.
                rows.Add(new FactRow(S.PoolModes, ["paused", null, null, null]));
                break;
            case WindowChangedEventDTO e: rows.Add(Setting("window", N(e.NewWindow))); break;
            case CooldownChangedEventDTO e: rows.Add(Setting("cooldown", N(e.NewCooldown))); break;
            case RequestLifetimeChangedEventDTO e: rows.Add(Setting("request_lifetime", N(e.NewLifetime))); break;
            case EmergencyThresholdChangedEventDTO e: rows.Add(Setting("emergency_threshold", N(e.NewThreshold))); break;
            case DepositedEventDTO e:
                rows.Add(new FactRow(S.Deposits, [Id(e.DepositId), A(e.Donor), A(e.Asset), N(e.Amount), N(e.Minted)]));
                rows.Add(Ledger(emitter, A(e.Asset), e.Amount, "deposit"));
                break;
            case AidRequestedEventDTO e:
                rows.Add(new FactRow(S.AidRequests, [Id(e.RequestId), A(e.Requester), A(e.Recipient), A(e.Asset), N(e.Amount), (long)e.Urgency, e.DetailsHash.ToHex(prefix: true), (long)e.ExpiresAt]));
                break;
            case RequestApprovedEventDTO e: rows.Add(new FactRow(S.RequestDecisions, [Id(e.RequestId), A(e.Steward), 1L, Id(e.Approvals), Id(e.Required)])); break;
            case RequestRejectedEventDTO e: rows.Add(new FactRow(S.RequestDecisions, [Id(e.RequestId), A(e.Steward), 0L, Id(e.Rejections), Id(e.Threshold)])); break;
            case RequestDeclinedEventDTO e: rows.Add(Outcome(e.RequestId, "declined", null, null, null, false, null)); break;
            case RequestCancelledEventDTO e: rows.Add(Outcome(e.RequestId, "cancelled", null, null, null, false, A(e.By))); break;
            case AidPaidEventDTO e:
                rows.Add(Outcome(e.RequestId, "paid", A(e.Recipient), A(e.Asset), N(e.Amount), e.Delivered, null));
                if (e.Delivered) rows.Add(Ledger(emitter, A(e.Asset), -e.Amount, "aid"));
                break;
            case AidDao.Contracts.EmergencyPool.ContractDefinition.WithdrawnEventDTO e:
                rows.Add(Ledger(emitter, A(e.Asset), -e.Amount, "withdrawal"));
                break;
            case PausedEventDTO e: rows.Add(new FactRow(S.PoolModes, ["paused", null, null, A(e.By)])); break;
            case UnpausedEventDTO e: rows.Add(new FactRow(S.PoolModes, ["unpaused", Id(e.ChangeId), null, null])); break;
            case EmergencyDeclaredEventDTO e: rows.Add(new FactRow(S.PoolModes, ["emergency", Id(e.ChangeId), (long)e.EndsAt, e.Reason.ToHex(prefix: true)])); break;
            case EmergencyEndedEventDTO e: rows.Add(new FactRow(S.PoolModes, ["emergency-ended", Id(e.ChangeId), null, null])); break;
            case AssetLimitsSetEventDTO e:
                rows.Add(new FactRow(S.AssetLimits, [A(e.Asset), N(e.MintRate), N(e.PerRequestMax), N(e.WindowCap), N(e.ReserveFloor), N(e.FastPathCap), 0L]));
                break;
            case AssetRemovedEventDTO e: rows.Add(new FactRow(S.AssetLimits, [A(e.Asset), null, null, null, null, null, 1L])); break;

            // Funding round
            case RoundInitializedEventDTO e: rows.Add(new FactRow(S.Rounds, [A(e.Community), A(e.Asset), (long)e.Mode, e.Name])); break;
            case ProjectAppliedEventDTO e: rows.Add(new FactRow(S.Projects, [Id(e.ProjectId), A(e.Applicant), A(e.Recipient), e.Metadata.ToHex(prefix: true)])); break;
            case ProjectReviewedEventDTO e: rows.Add(new FactRow(S.ProjectReviews, [Id(e.ProjectId), A(e.Steward), e.Approved])); break;
            case MatchingFundedEventDTO e:
                rows.Add(new FactRow(S.MatchingFunds, [A(e.Funder), N(e.Amount), N(e.MatchingPool)]));
                rows.Add(Ledger(emitter, null, e.Amount, "matching"));
                break;
            case ContributedEventDTO e:
                rows.Add(new FactRow(S.Contributions, [A(e.Contributor), Id(e.ProjectId), N(e.Amount), e.Matched]));
                rows.Add(Ledger(emitter, null, e.Amount, "contribution"));
                break;
            case VotedEventDTO e: rows.Add(new FactRow(S.Votes, [A(e.Member), Id(e.ProjectId), N(e.Credits), N(e.Votes), N(e.CreditsLeft)])); break;
            case RoundFinalizedEventDTO e:
                rows.Add(new FactRow(S.RoundFinalizations, [N(e.MatchingPool), N(e.Matched), N(e.Remainder), N(e.TotalRaised), (long)e.ClaimDeadline]));
                break;
            case MatchComputedEventDTO e: rows.Add(new FactRow(S.Matches, [Id(e.ProjectId), N(e.RawMatch), N(e.MatchAmount), e.Capped])); break;
            case ProjectPaidEventDTO e:
                rows.Add(new FactRow(S.Payouts, [Id(e.ProjectId), A(e.To), N(e.Amount), true]));
                rows.Add(Ledger(emitter, null, -e.Amount, "payout"));
                break;
            case PayoutDeferredEventDTO e: rows.Add(new FactRow(S.Payouts, [Id(e.ProjectId), A(e.Recipient), N(e.Amount), false])); break;
            case RefundedEventDTO e:
                rows.Add(new FactRow(S.Refunds, [A(e.Account), Id(e.ProjectId), N(e.Amount), e.Delivered]));
                if (e.Delivered) rows.Add(Ledger(emitter, null, -e.Amount, "refund"));
                break;
            case AidDao.Contracts.FundingRound.ContractDefinition.WithdrawnEventDTO e:
                rows.Add(Ledger(emitter, null, -e.Amount, "withdrawal"));
                break;
            case SweptEventDTO e: rows.Add(Ledger(emitter, null, -e.Amount, "sweep")); break;
            case RoundCancelledEventDTO: rows.Add(new FactRow(S.RoundCancellations, [])); break;
        }
    }

    private bool Ours(string community) => _communities.Contains(community.ToLowerInvariant());

    private static FactRow Contract(string address, string kind, string community, string name, string creator, long position, int entry) =>
        new(S.Contracts, [address, kind, community, name, creator, position], entry);

    private static FactRow Setting(string name, string value, int entry = 0) => new(S.Settings, [name, value], entry);

    private static FactRow Outcome(BigInteger requestId, string outcome, string? recipient, string? asset, string? amount, bool delivered, string? by) =>
        new(S.RequestOutcomes, [Id(requestId), outcome, recipient, asset, amount, delivered, by]);

    /// <summary>A ledger row: asset null means "the round's asset" (resolved by the read queries).</summary>
    private static FactRow Ledger(WatchedContract holder, string? asset, BigInteger delta, string reason) =>
        new(S.Ledger, [holder.Address, asset, N(delta), reason]);

    private static string A(string address) => address.ToLowerInvariant();

    private static string N(BigInteger value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string N(ulong value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static long Id(BigInteger value) => (long)value;
}
