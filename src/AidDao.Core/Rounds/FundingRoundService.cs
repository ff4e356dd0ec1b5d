using System.Numerics;
using AidDao.Contracts.FundingRound.ContractDefinition;
using AidDao.Core.Pools;
using AidDao.Core.Transactions;
using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;
using Nethereum.RPC.Eth.DTOs;
using Nethereum.Web3;
using CommunityContract = AidDao.Contracts.Community.CommunityService;
using RoundContract = AidDao.Contracts.FundingRound.FundingRoundService;

namespace AidDao.Core.Rounds;

/// <summary>
/// What applicants, stewards, donors and members do with a funding round, in their words: apply, review, fund matching,
/// contribute, vote, finalise, claim, cancel and refund, and read the round with its projects, results and estimates.
/// Every call runs as the account of the <see cref="IWeb3"/> it was made with. Contract refusals arrive as
/// <see cref="ContractRevertedException"/>; amounts are in the asset's smallest unit (see <see cref="Asset"/> to format them).
/// Contributor counts, refunds and token claims read the round's events from the chain's first block, which a node that
/// limits log queries may refuse.
/// </summary>
public sealed class FundingRoundService
{
    /// <summary>Pairs (or funders) refunded per transaction.</summary>
    public const int RefundBatchSize = 100;

    /// <summary>Projects paid per distribute transaction.</summary>
    public const int DistributeBatchSize = 50;

    private readonly IWeb3 _web3;
    private readonly RoundContract _contract;
    private readonly CommunityContract _community;

    private FundingRoundService(IWeb3 web3, EthAddress address, EthAddress community, EthAddress token, RoundConfiguration configuration, PoolAsset asset)
    {
        _web3 = web3;
        _contract = new RoundContract(web3, address.Value);
        _community = new CommunityContract(web3, community.Value);
        Address = address;
        Community = community;
        ContributionToken = token;
        Configuration = configuration;
        Asset = asset;
    }

    /// <summary>The round contract.</summary>
    public EthAddress Address { get; }

    /// <summary>The round's community.</summary>
    public EthAddress Community { get; }

    /// <summary>The community's contribution token (accrued by contributors, claimed after finalisation).</summary>
    public EthAddress ContributionToken { get; }

    /// <summary>The round's set-up, fixed at creation.</summary>
    public RoundConfiguration Configuration { get; }

    /// <summary>The round's asset with its symbol and decimals.</summary>
    public PoolAsset Asset { get; }

    /// <summary>The account this service acts as.</summary>
    public EthAddress Caller => _web3.TransactionManager?.Account?.Address is { } address
        ? EthAddress.FromChain(address)
        : throw new AidDaoInputException("This needs a signer (a wallet, a key or a dev account), and none was given.");

    /// <summary>
    /// Connects to the round at <paramref name="address"/>, checking that a funding round is there, and reads its set-up
    /// and asset.
    /// </summary>
    public static async Task<FundingRoundService> ConnectAsync(IWeb3 web3, EthAddress address, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(web3);
        await ContractCode.RequireAsync(web3, address, "contract", cancellationToken).ConfigureAwait(false);
        var contract = new RoundContract(web3, address.Value);
        string community;
        Contracts.FundingRound.ContractDefinition.RoundSetup setup;
        try
        {
            community = await ChainCall.QueryAsync(() => contract.CommunityQueryAsync(), cancellationToken).ConfigureAwait(false);
            setup = (await ChainCall.QueryAsync(() => contract.SetupQueryAsync(), cancellationToken).ConfigureAwait(false)).ReturnValue1;
        }
        catch (Exception exception) when (exception is not OperationCanceledException and not ChainUnavailableException)
        {
            throw new AidDaoInputException($"The contract at {address} is not an AidDao funding round: check the round address.", exception);
        }
        if (!EthAddress.TryParse(community, out var communityAddress) || communityAddress.IsZero || setup.VotingEnd == 0)
            throw new AidDaoInputException($"The contract at {address} is not a set-up AidDao funding round: check the round address.");
        var token = await ChainCall.QueryAsync(() => new CommunityContract(web3, communityAddress.Value).TokenQueryAsync(), cancellationToken).ConfigureAwait(false);
        var asset = await ReadAssetAsync(web3, EthAddress.FromChain(setup.Asset), cancellationToken).ConfigureAwait(false);
        return new FundingRoundService(web3, address, communityAddress, EthAddress.FromChain(token), ToConfiguration(setup), asset);
    }

    // ------------------------------------------------------------------------------------------- projects

    /// <summary>
    /// Applies for funding for <paramref name="recipient"/> while applications are open. Only <paramref name="metadata"/>,
    /// the 32-byte hash of the application text (see <see cref="DetailsHash"/>), goes on-chain.
    /// </summary>
    public async Task<ProjectApplication> ApplyAsync(EthAddress recipient, byte[] metadata, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        if (metadata.Length != 32) throw new AidDaoInputException("An application's metadata is the 32-byte hash of its text.");
        if (recipient.IsZero) throw new AidDaoInputException("A project needs a recipient: the zero address cannot receive its money.");
        var receipt = await Send(source => _contract.ApplyForFundingRequestAndWaitForReceiptAsync(recipient.Value, metadata, source), cancellationToken).ConfigureAwait(false);
        var applied = receipt.DecodeAllEvents<ProjectAppliedEventDTO>().Single().Event;
        return new ProjectApplication(applied.ProjectId, EthAddress.FromChain(applied.Recipient), receipt.Outcome());
    }

    /// <summary>As a steward, approves (or with <paramref name="approve"/> false, rejects) a pending application, until voting opens.</summary>
    public async Task<TransactionOutcome> ReviewAsync(BigInteger projectId, bool approve, CancellationToken cancellationToken = default) =>
        (await Send(source => _contract.ReviewProjectRequestAndWaitForReceiptAsync(projectId, approve, source), cancellationToken).ConfigureAwait(false)).Outcome();

    // ------------------------------------------------------------------------------------------- money in

    /// <summary>Adds <paramref name="amount"/> to the matching pool (until voting ends); a token is approved first when needed.</summary>
    public async Task<MatchingResult> FundMatchingAsync(BigInteger amount, CancellationToken cancellationToken = default)
    {
        if (amount.Sign <= 0) throw new AidDaoInputException("Matching funds must be above zero.");
        await ApproveTokenAsync(amount, cancellationToken).ConfigureAwait(false);
        var receipt = await Send(source => _contract.FundMatchingRequestAndWaitForReceiptAsync(
            new FundMatchingFunction { Amount = amount, AmountToSend = Asset.IsEth ? amount : 0 }, source), cancellationToken).ConfigureAwait(false);
        var funded = receipt.DecodeAllEvents<MatchingFundedEventDTO>().Single().Event;
        return new MatchingResult(funded.Amount, funded.MatchingPool, receipt.Outcome());
    }

    /// <summary>Contributes <paramref name="amount"/> to approved project <paramref name="projectId"/> during voting.</summary>
    public async Task<ContributionResult> ContributeAsync(BigInteger projectId, BigInteger amount, CancellationToken cancellationToken = default)
    {
        CheckContribution(amount);
        await ApproveTokenAsync(amount, cancellationToken).ConfigureAwait(false);
        var receipt = await Send(source => _contract.ContributeToRequestAndWaitForReceiptAsync(
            new ContributeToFunction { ProjectId = projectId, Amount = amount, AmountToSend = Asset.IsEth ? amount : 0 }, source), cancellationToken).ConfigureAwait(false);
        return Contributions(receipt);
    }

    /// <summary>Contributes to several approved projects in one transaction (the token, if any, is approved for the sum first).</summary>
    public async Task<ContributionResult> ContributeAsync(IReadOnlyList<(BigInteger ProjectId, BigInteger Amount)> contributions, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(contributions);
        if (contributions.Count == 0) throw new AidDaoInputException("Name at least one project to contribute to.");
        foreach (var (_, amount) in contributions) CheckContribution(amount);
        var total = contributions.Aggregate(BigInteger.Zero, (sum, c) => sum + c.Amount);
        await ApproveTokenAsync(total, cancellationToken).ConfigureAwait(false);
        var receipt = await Send(source => _contract.ContributeRequestAndWaitForReceiptAsync(new ContributeFunction
        {
            ProjectIds = [.. contributions.Select(c => c.ProjectId)],
            Amounts = [.. contributions.Select(c => c.Amount)],
            AmountToSend = Asset.IsEth ? total : 0,
        }, source), cancellationToken).ConfigureAwait(false);
        return Contributions(receipt);
    }

    /// <summary>
    /// As a member of a quadratic-voting round, spends voice credits on projects; credits add up per project, and the
    /// member's votes on a project are ⌊√(credits spent on it)⌋.
    /// </summary>
    public async Task<VoteResult> VoteAsync(IReadOnlyList<(BigInteger ProjectId, BigInteger Credits)> votes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(votes);
        if (votes.Count == 0) throw new AidDaoInputException("Name at least one project to vote for.");
        if (votes.Any(v => v.Credits.Sign <= 0)) throw new AidDaoInputException("Voice credits on a project must be above zero.");
        var receipt = await Send(source => _contract.VoteRequestAndWaitForReceiptAsync(
            [.. votes.Select(v => v.ProjectId)], [.. votes.Select(v => v.Credits)], source), cancellationToken).ConfigureAwait(false);
        var voted = receipt.DecodeAllEvents<VotedEventDTO>().Select(e => e.Event).ToList();
        return new VoteResult([.. voted.Select(v => new RoundVote(v.ProjectId, v.Credits, v.Votes))], voted.Count == 0 ? 0 : voted[^1].CreditsLeft, receipt.Outcome());
    }

    // ------------------------------------------------------------------------------------------- outcome

    /// <summary>Fixes every project's match, once the review period after voting is over. Anyone may call it.</summary>
    public async Task<FinalizationResult> FinalizeAsync(CancellationToken cancellationToken = default)
    {
        var receipt = await Send(source => _contract.FinalizeRequestAndWaitForReceiptAsync(source), cancellationToken).ConfigureAwait(false);
        var done = receipt.DecodeAllEvents<RoundFinalizedEventDTO>().Single().Event;
        return new FinalizationResult(done.MatchingPool, done.Matched, done.Remainder, done.TotalRaised,
            DateTimeOffset.FromUnixTimeSeconds((long)done.ClaimDeadline), receipt.Outcome());
    }

    /// <summary>As a project's recipient, takes its contributions and match, to <paramref name="to"/> (default: the recipient).</summary>
    public async Task<PayoutResult> ClaimAsync(BigInteger projectId, EthAddress? to = null, CancellationToken cancellationToken = default)
    {
        var destination = to ?? Caller;
        if (destination.IsZero) throw new AidDaoInputException("Claim to a real address, not the zero address.");
        var receipt = await Send(source => _contract.ClaimRequestAndWaitForReceiptAsync(projectId, destination.Value, source), cancellationToken).ConfigureAwait(false);
        return new PayoutResult(Payouts(receipt), [receipt.Outcome()]);
    }

    /// <summary>
    /// Pushes every unpaid approved project's payout to its recipient, <see cref="DistributeBatchSize"/> projects per
    /// transaction. A recipient that cannot take the payment is skipped (it can still claim). Anyone may call it.
    /// </summary>
    public async Task<PayoutResult> DistributeAsync(CancellationToken cancellationToken = default)
    {
        var approved = await Query(() => _contract.ApprovedProjectsQueryAsync(), cancellationToken).ConfigureAwait(false);
        var status = await StatusAsync(cancellationToken).ConfigureAwait(false);
        if (status != RoundStatus.Finalized)
        {
            // Not finalised: the contract says so.
            await Send(source => _contract.DistributeRequestAndWaitForReceiptAsync(0, approved.Count, source), cancellationToken).ConfigureAwait(false);
        }
        var payouts = new List<ProjectPayout>();
        var transactions = new List<TransactionOutcome>();
        for (var from = 0; from < approved.Count; from += DistributeBatchSize)
        {
            var to = Math.Min(from + DistributeBatchSize, approved.Count);
            var anyUnpaid = false;
            for (var i = from; i < to && !anyUnpaid; i++)
            {
                var id = approved[i];
                anyUnpaid = !(await Query(() => _contract.GetProjectQueryAsync(id), cancellationToken).ConfigureAwait(false)).ReturnValue1.Paid;
            }
            if (!anyUnpaid) continue;
            var (start, end) = (from, to);
            var receipt = await Send(source => _contract.DistributeRequestAndWaitForReceiptAsync(start, end, source), cancellationToken).ConfigureAwait(false);
            payouts.AddRange(Payouts(receipt));
            transactions.Add(receipt.Outcome());
        }
        return new PayoutResult(payouts, transactions);
    }

    /// <summary>
    /// Mints the caller's accrued contribution tokens for its contributions to a finalised round. The caller's projects
    /// are found from its Contributed events; projects already claimed are left out.
    /// </summary>
    public async Task<TokenClaimResult> ClaimTokensAsync(CancellationToken cancellationToken = default)
    {
        var caller = Caller;
        var contributed = await EventsAsync<ContributedEventDTO>(caller.Value, cancellationToken).ConfigureAwait(false);
        var projects = new List<BigInteger>();
        foreach (var id in contributed.Select(e => e.Event.ProjectId).Distinct())
        {
            var stake = (await Query(() => _contract.StakeOfQueryAsync(caller.Value, id), cancellationToken).ConfigureAwait(false)).ReturnValue1;
            if (!stake.TokensClaimed && stake.Amount.Sign > 0) projects.Add(id);
        }
        var receipt = await Send(source => _contract.ClaimTokensRequestAndWaitForReceiptAsync(projects, source), cancellationToken).ConfigureAwait(false);
        var claimed = receipt.DecodeAllEvents<TokensClaimedEventDTO>().Single().Event;
        return new TokenClaimResult(claimed.Amount, projects, receipt.Outcome());
    }

    /// <summary>
    /// Sends the remainder (after finalisation) and, after the claim deadline, unclaimed payouts to the community's
    /// emergency pool. Anyone may call it.
    /// </summary>
    public async Task<RoundPaymentResult> SweepAsync(CancellationToken cancellationToken = default)
    {
        var receipt = await Send(source => _contract.SweepRequestAndWaitForReceiptAsync(source), cancellationToken).ConfigureAwait(false);
        var swept = receipt.DecodeAllEvents<SweptEventDTO>().Single().Event;
        return new RoundPaymentResult(swept.Amount, EthAddress.FromChain(swept.Pool), receipt.Outcome());
    }

    // ------------------------------------------------------------------------------------------- cancel

    /// <summary>As a steward, approves cancelling the round (before finalisation); the approval that reaches M cancels it.</summary>
    public async Task<CancelResult> ApproveCancelAsync(CancellationToken cancellationToken = default)
    {
        var receipt = await Send(source => _contract.ApproveCancelRequestAndWaitForReceiptAsync(source), cancellationToken).ConfigureAwait(false);
        var approved = receipt.DecodeAllEvents<CancelApprovedEventDTO>().Single().Event;
        var cancelled = receipt.DecodeAllEvents<RoundCancelledEventDTO>().Count != 0;
        return new CancelResult((int)approved.Approvals, (int)approved.Threshold, cancelled, receipt.Outcome());
    }

    /// <summary>
    /// After a cancel, pushes every contribution not yet refunded back to its contributor, <see cref="RefundBatchSize"/>
    /// per transaction; the contributor/project pairs come from the round's Contributed and Refunded events. A refund
    /// whose push fails is kept for the contributor to withdraw. Anyone may call it.
    /// </summary>
    public async Task<RefundResult> RefundContributionsAsync(CancellationToken cancellationToken = default)
    {
        var contributed = await EventsAsync<ContributedEventDTO>(null, cancellationToken).ConfigureAwait(false);
        var refunded = (await EventsAsync<RefundedEventDTO>(null, cancellationToken).ConfigureAwait(false))
            .Select(e => (EthAddress.FromChain(e.Event.Account), e.Event.ProjectId)).ToHashSet();
        var pairs = contributed.Select(e => (Contributor: EthAddress.FromChain(e.Event.Contributor), e.Event.ProjectId))
            .Distinct().Where(pair => !refunded.Contains(pair)).ToList();
        return await RefundInBatchesAsync(pairs, batch => source => _contract.RefundContributionsRequestAndWaitForReceiptAsync(
            [.. batch.Select(p => p.Contributor.Value)], [.. batch.Select(p => p.ProjectId)], source), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// After a cancel, pushes every matching funder's money back (funders come from the round's MatchingFunded and
    /// Refunded events). Anyone may call it.
    /// </summary>
    public async Task<RefundResult> RefundMatchingAsync(CancellationToken cancellationToken = default)
    {
        var funded = await EventsAsync<MatchingFundedEventDTO>(null, cancellationToken).ConfigureAwait(false);
        var refunded = (await EventsAsync<RefundedEventDTO>(null, cancellationToken).ConfigureAwait(false))
            .Where(e => e.Event.ProjectId.IsZero).Select(e => EthAddress.FromChain(e.Event.Account)).ToHashSet();
        var funders = funded.Select(e => (Contributor: EthAddress.FromChain(e.Event.Funder), ProjectId: BigInteger.Zero))
            .Distinct().Where(f => !refunded.Contains(f.Contributor)).ToList();
        return await RefundInBatchesAsync(funders, batch => source => _contract.RefundMatchingRequestAndWaitForReceiptAsync(
            [.. batch.Select(f => f.Contributor.Value)], source), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Withdraws money the round keeps for the caller (a refund whose push failed) to <paramref name="to"/> (default: the caller).</summary>
    public async Task<RoundPaymentResult> WithdrawAsync(EthAddress? to = null, CancellationToken cancellationToken = default)
    {
        var destination = to ?? Caller;
        if (destination.IsZero) throw new AidDaoInputException("Withdraw to a real address, not the zero address.");
        var receipt = await Send(source => _contract.WithdrawRequestAndWaitForReceiptAsync(destination.Value, source), cancellationToken).ConfigureAwait(false);
        var withdrawn = receipt.DecodeAllEvents<WithdrawnEventDTO>().Single().Event;
        return new RoundPaymentResult(withdrawn.Amount, destination, receipt.Outcome());
    }

    // ------------------------------------------------------------------------------------------- reading

    /// <summary>Reads the round's state: status, phase at the chain's time, matching pool, project counts, outcome.</summary>
    public async Task<RoundInfo> GetInfoAsync(CancellationToken cancellationToken = default)
    {
        var status = await StatusAsync(cancellationToken).ConfigureAwait(false);
        var now = await ChainClock.NowAsync(_web3, cancellationToken).ConfigureAwait(false);
        var pool = await Query(() => _contract.MatchingPoolQueryAsync(), cancellationToken).ConfigureAwait(false);
        var count = await Query(() => _contract.ProjectCountQueryAsync(), cancellationToken).ConfigureAwait(false);
        var approved = await Query(() => _contract.ApprovedProjectsQueryAsync(), cancellationToken).ConfigureAwait(false);
        var cancelApprovals = await Query(() => _contract.CancelApprovalsQueryAsync(), cancellationToken).ConfigureAwait(false);
        var threshold = await Query(() => _community.ThresholdQueryAsync(), cancellationToken).ConfigureAwait(false);
        RoundOutcome? outcome = null;
        if (status == RoundStatus.Finalized)
        {
            var o = (await Query(() => _contract.OutcomeQueryAsync(), cancellationToken).ConfigureAwait(false)).ReturnValue1;
            outcome = new RoundOutcome(o.MatchingPool, o.Budget, o.OpenRaw, o.Cap, o.Matched, o.Remainder, o.TotalRaised,
                DateTimeOffset.FromUnixTimeSeconds((long)o.FinalizedAt), DateTimeOffset.FromUnixTimeSeconds((long)o.ClaimDeadline));
        }
        return new RoundInfo(Address, Community, Configuration, Asset, status, PhaseAt(status, outcome, now), now, pool, (int)count, approved.Count,
            outcome, (int)cancelApprovals, (int)threshold);
    }

    /// <summary>One project with its totals and (projected or final) match.</summary>
    public async Task<RoundProject> GetProjectAsync(BigInteger projectId, CancellationToken cancellationToken = default)
    {
        var projects = await ReadProjectsAsync([projectId], cancellationToken).ConfigureAwait(false);
        return projects[0];
    }

    /// <summary>Every application, in id order, with its totals and (projected or final) match.</summary>
    public async Task<IReadOnlyList<RoundProject>> GetProjectsAsync(CancellationToken cancellationToken = default)
    {
        var count = (int)await Query(() => _contract.ProjectCountQueryAsync(), cancellationToken).ConfigureAwait(false);
        return await ReadProjectsAsync([.. Enumerable.Range(1, count).Select(i => new BigInteger(i))], cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The results: the round and its approved projects (in approval order) with contributions, contributors and match.</summary>
    public async Task<RoundResults> GetResultsAsync(CancellationToken cancellationToken = default)
    {
        var info = await GetInfoAsync(cancellationToken).ConfigureAwait(false);
        var approved = await Query(() => _contract.ApprovedProjectsQueryAsync(), cancellationToken).ConfigureAwait(false);
        return new RoundResults(info, await ReadProjectsAsync(approved, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>What the round keeps for <paramref name="account"/> (refunds whose push failed).</summary>
    public Task<BigInteger> GetOwedAsync(EthAddress account, CancellationToken cancellationToken = default) =>
        Query(() => _contract.OwedToQueryAsync(account.Value), cancellationToken);

    /// <summary>
    /// "If <paramref name="contributor"/> (default: the caller) adds <paramref name="amount"/> to project
    /// <paramref name="projectId"/>, its match changes by …": the match the project would get if the round were finalised
    /// now, with and without the extra contribution. The extra counts when the round is quadratic funding and the
    /// contributor is a member (or already has a matched stake in the project): the contributor's root in the project
    /// becomes ⌊√(matched stake + amount)⌋.
    /// </summary>
    public async Task<ContributionEstimate> EstimateAsync(BigInteger projectId, BigInteger amount, EthAddress? contributor = null, CancellationToken cancellationToken = default)
    {
        var who = contributor ?? Caller;
        CheckContribution(amount);
        var status = await StatusAsync(cancellationToken).ConfigureAwait(false);
        if (status != RoundStatus.Active)
            throw new AidDaoInputException(status == RoundStatus.Finalized
                ? "The round is finalised: its matches are fixed, and contributions are closed."
                : "The round is cancelled: it takes no contributions, and nothing is matched.");
        var approved = await Query(() => _contract.ApprovedProjectsQueryAsync(), cancellationToken).ConfigureAwait(false);
        var index = approved.IndexOf(projectId);
        if (index < 0)
        {
            var totals = (await Query(() => _contract.ProjectTotalsQueryAsync(projectId), cancellationToken).ConfigureAwait(false)).ReturnValue1;
            throw new AidDaoInputException(totals.Status == 0
                ? $"There is no project {projectId} in this round; check the id."
                : $"Project {projectId} is {((RoundProjectStatus)totals.Status).ToString().ToLowerInvariant()}, not approved: it takes no contributions.");
        }
        var tallies = new List<ProjectTally>(approved.Count);
        foreach (var id in approved)
        {
            var totals = (await Query(() => _contract.ProjectTotalsQueryAsync(id), cancellationToken).ConfigureAwait(false)).ReturnValue1;
            tallies.Add(new ProjectTally(totals.Roots, totals.Eligible));
        }
        var pool = await Query(() => _contract.MatchingPoolQueryAsync(), cancellationToken).ConfigureAwait(false);
        var isMember = await Query(() => _community.IsMemberQueryAsync(who.Value), cancellationToken).ConfigureAwait(false);
        var stake = (await Query(() => _contract.StakeOfQueryAsync(who.Value, projectId), cancellationToken).ConfigureAwait(false)).ReturnValue1;
        var counts = Configuration.Mode == RoundMode.QuadraticFunding && (isMember || stake.Eligible.Sign > 0);

        var options = MatchingOptions(pool);
        var current = QuadraticMatching.Compute(tallies, options).Matches[index];
        var estimated = current;
        if (counts)
        {
            var tally = tallies[index];
            var newRoot = IntegerMath.FloorSqrt(stake.Eligible + amount);
            tallies[index] = new ProjectTally(tally.SumOfRoots - stake.Root + newRoot, tally.SumOfContributions + amount);
            estimated = QuadraticMatching.Compute(tallies, options).Matches[index];
        }
        return new ContributionEstimate(projectId, who, amount, counts, isMember, Configuration.Mode, current, estimated, pool);
    }

    // ------------------------------------------------------------------------------------------- plumbing

    private async Task<List<RoundProject>> ReadProjectsAsync(List<BigInteger> ids, CancellationToken cancellationToken)
    {
        var status = await StatusAsync(cancellationToken).ConfigureAwait(false);
        var contributors = (await EventsAsync<ContributedEventDTO>(null, cancellationToken).ConfigureAwait(false))
            .GroupBy(e => e.Event.ProjectId)
            .ToDictionary(g => g.Key, g => g.Select(e => EthAddress.FromChain(e.Event.Contributor)).Distinct().Count());
        var projections = status == RoundStatus.Active ? await ProjectedMatchesAsync(cancellationToken).ConfigureAwait(false) : [];
        var projects = new List<RoundProject>(ids.Count);
        foreach (var id in ids)
        {
            var project = (await Query(() => _contract.GetProjectQueryAsync(id), cancellationToken).ConfigureAwait(false)).ReturnValue1;
            var totals = (await Query(() => _contract.ProjectTotalsQueryAsync(id), cancellationToken).ConfigureAwait(false)).ReturnValue1;
            var raw = new ProjectTally(totals.Roots, totals.Eligible).RawMatchIn(Configuration.Mode);
            var match = status == RoundStatus.Finalized
                ? await Query(() => _contract.MatchOfQueryAsync(id), cancellationToken).ConfigureAwait(false)
                : projections.GetValueOrDefault(id);
            projects.Add(new RoundProject(id, EthAddress.FromChain(project.Recipient), EthAddress.FromChain(project.Applicant),
                "0x" + Convert.ToHexStringLower(project.Metadata), (RoundProjectStatus)totals.Status, project.Paid, totals.Raised,
                contributors.GetValueOrDefault(id), totals.Eligible, totals.Roots, raw, match, status == RoundStatus.Finalized));
        }
        return projects;
    }

    /// <summary>Each approved project's match if the round were finalised now (the engine on the chain's tallies).</summary>
    private async Task<Dictionary<BigInteger, BigInteger>> ProjectedMatchesAsync(CancellationToken cancellationToken)
    {
        var approved = await Query(() => _contract.ApprovedProjectsQueryAsync(), cancellationToken).ConfigureAwait(false);
        var tallies = new List<ProjectTally>(approved.Count);
        foreach (var id in approved)
        {
            var totals = (await Query(() => _contract.ProjectTotalsQueryAsync(id), cancellationToken).ConfigureAwait(false)).ReturnValue1;
            tallies.Add(new ProjectTally(totals.Roots, totals.Eligible));
        }
        var pool = await Query(() => _contract.MatchingPoolQueryAsync(), cancellationToken).ConfigureAwait(false);
        var matches = QuadraticMatching.Compute(tallies, MatchingOptions(pool)).Matches;
        return approved.Select((id, i) => (id, i)).ToDictionary(p => p.id, p => matches[p.i]);
    }

    private QuadraticMatchingOptions MatchingOptions(BigInteger pool) =>
        new(pool, Configuration.CapBasisPoints, Configuration.SpreadWholePool, Configuration.Mode);

    private RoundPhase PhaseAt(RoundStatus status, RoundOutcome? outcome, DateTimeOffset now)
    {
        var schedule = Configuration.Schedule;
        return status switch
        {
            RoundStatus.Cancelled => RoundPhase.Cancelled,
            RoundStatus.Finalized => now < outcome!.ClaimDeadline ? RoundPhase.Claims : RoundPhase.ClaimsClosed,
            _ when now < schedule.ApplicationsStart => RoundPhase.Upcoming,
            _ when now < schedule.ApplicationsEnd => RoundPhase.Applications,
            _ when now < schedule.VotingStart => RoundPhase.ApplicationReview,
            _ when now < schedule.VotingEnd => RoundPhase.Voting,
            _ when now < schedule.FinalizeFrom => RoundPhase.ReviewPeriod,
            _ => RoundPhase.ReadyToFinalize,
        };
    }

    private async Task<RoundStatus> StatusAsync(CancellationToken cancellationToken) =>
        (RoundStatus)await Query(() => _contract.StatusQueryAsync(), cancellationToken).ConfigureAwait(false);

    private void CheckContribution(BigInteger amount)
    {
        if (amount.Sign <= 0) throw new AidDaoInputException("A contribution must be above zero.");
        if (amount < Configuration.MinimumContribution)
            throw new AidDaoInputException($"{Asset.Format(amount)} is below this round's minimum contribution of {Asset.Format(Configuration.MinimumContribution)}.");
    }

    /// <summary>For a token round, approves the round for <paramref name="amount"/> when the caller's allowance is short.</summary>
    private async Task ApproveTokenAsync(BigInteger amount, CancellationToken cancellationToken)
    {
        if (Asset.IsEth) return;
        var erc20 = _web3.Eth.ERC20.GetContractService(Asset.Address.Value);
        var allowance = await Query(() => erc20.AllowanceQueryAsync(Caller.Value, Address.Value), cancellationToken).ConfigureAwait(false);
        if (allowance < amount)
            await Send(source => erc20.ApproveRequestAndWaitForReceiptAsync(Address.Value, amount, source.Token), cancellationToken).ConfigureAwait(false);
    }

    private static ContributionResult Contributions(TransactionReceipt receipt) =>
        new([.. receipt.DecodeAllEvents<ContributedEventDTO>().Select(e => new RoundContribution(e.Event.ProjectId, e.Event.Amount, e.Event.Matched))], receipt.Outcome());

    private static List<ProjectPayout> Payouts(TransactionReceipt receipt) =>
    [
        .. receipt.DecodeAllEvents<ProjectPaidEventDTO>().Select(e => new ProjectPayout(e.Event.ProjectId, EthAddress.FromChain(e.Event.To), e.Event.Amount, true)),
        .. receipt.DecodeAllEvents<PayoutDeferredEventDTO>().Select(e => new ProjectPayout(e.Event.ProjectId, EthAddress.FromChain(e.Event.Recipient), e.Event.Amount, false)),
    ];

    private async Task<RefundResult> RefundInBatchesAsync(List<(EthAddress Contributor, BigInteger ProjectId)> entries,
        Func<IReadOnlyList<(EthAddress Contributor, BigInteger ProjectId)>, Func<CancellationTokenSource, Task<TransactionReceipt>>> send, CancellationToken cancellationToken)
    {
        var refunds = new List<RoundRefund>();
        var transactions = new List<TransactionOutcome>();
        if (entries.Count == 0)
        {
            // Nothing left to refund in a cancelled round; otherwise the contract says why it refunds nothing.
            if (await StatusAsync(cancellationToken).ConfigureAwait(false) == RoundStatus.Cancelled) return new RefundResult(refunds, transactions);
            await Send(send([(EthAddress.Zero, BigInteger.Zero)]), cancellationToken).ConfigureAwait(false);
        }
        foreach (var batch in entries.Chunk(RefundBatchSize))
        {
            var receipt = await Send(send(batch), cancellationToken).ConfigureAwait(false);
            refunds.AddRange(receipt.DecodeAllEvents<RefundedEventDTO>()
                .Select(e => new RoundRefund(EthAddress.FromChain(e.Event.Account), e.Event.ProjectId, e.Event.Amount, e.Event.Delivered)));
            transactions.Add(receipt.Outcome());
        }
        return new RefundResult(refunds, transactions);
    }

    /// <summary>The round's events of type <typeparamref name="TEvent"/>, optionally only those whose first indexed field is <paramref name="firstTopic"/>.</summary>
    private async Task<List<EventLog<TEvent>>> EventsAsync<TEvent>(object? firstTopic, CancellationToken cancellationToken) where TEvent : IEventDTO, new()
    {
        var handler = _web3.Eth.GetEvent<TEvent>(Address.Value);
        var filter = firstTopic is null
            ? handler.CreateFilterInput(BlockParameter.CreateEarliest(), BlockParameter.CreateLatest())
            : handler.CreateFilterInput(firstTopic, BlockParameter.CreateEarliest(), BlockParameter.CreateLatest());
        return await Query(() => handler.GetAllChangesAsync(filter), cancellationToken).ConfigureAwait(false);
    }

    private static RoundConfiguration ToConfiguration(Contracts.FundingRound.ContractDefinition.RoundSetup setup) => new()
    {
        Name = setup.Name,
        Asset = EthAddress.FromChain(setup.Asset),
        EmergencyPool = EthAddress.FromChain(setup.EmergencyPool),
        Schedule = new RoundSchedule(
            DateTimeOffset.FromUnixTimeSeconds((long)setup.ApplicationsStart), DateTimeOffset.FromUnixTimeSeconds((long)setup.ApplicationsEnd),
            DateTimeOffset.FromUnixTimeSeconds((long)setup.VotingStart), DateTimeOffset.FromUnixTimeSeconds((long)setup.VotingEnd),
            TimeSpan.FromSeconds(setup.ReviewPeriod), TimeSpan.FromSeconds(setup.ClaimPeriod)),
        MinimumContribution = setup.MinimumContribution,
        CapBasisPoints = setup.MatchingCapBps,
        MaxProjects = setup.MaxProjects,
        SpreadWholePool = setup.SpreadWholePool,
        Mode = (RoundMode)setup.Mode,
        CreditMode = (VoiceCreditMode)setup.CreditMode,
        CreditsPerMember = setup.CreditsPerMember,
        TokenRate = setup.TokenRate,
    };

    private static Task<PoolAsset> ReadAssetAsync(IWeb3 web3, EthAddress asset, CancellationToken cancellationToken) =>
        PoolAsset.ReadAsync(web3, asset, cancellationToken);

    private static Task<TransactionReceipt> Send(Func<CancellationTokenSource, Task<TransactionReceipt>> send, CancellationToken cancellationToken) =>
        ChainCall.SendAsync(send, cancellationToken);

    private static Task<T> Query<T>(Func<Task<T>> query, CancellationToken cancellationToken) => ChainCall.QueryAsync(query, cancellationToken);
}
