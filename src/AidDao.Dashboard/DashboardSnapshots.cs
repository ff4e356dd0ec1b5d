using System.Globalization;
using System.Numerics;
using AidDao.Core;
using AidDao.Core.Indexing;
using AidDao.Core.Pools;
using AidDao.Core.ReadModel;
using AidDao.Core.Rounds;
using AidDao.Dashboard.Views;
using AidDao.Data;

namespace AidDao.Dashboard;

/// <summary>
/// Builds what the page shows from the index (and, for a round's set-up, token symbols and the clock, from the chain).
/// Each change is read once and sent to every page.
/// </summary>
public sealed class DashboardSnapshots : IDisposable
{
    /// <summary>The most events one catch-up answer carries; the page asks again while it gets this many.</summary>
    public const int CatchUpPage = 1_000;

    /// <summary>How many events the page opens with.</summary>
    public const int RecentEvents = 50;

    private const int DecidedShown = 50;
    private const int RecentChanges = 5;
    private const int ProjectNameLength = 80;
    private const int HistoryPoints = 500;
    private static readonly TimeSpan SnapshotReuse = TimeSpan.FromSeconds(1);

    private readonly IAidDaoReadModel _readModel;
    private readonly RequestDetailsStore _details;
    private readonly ProjectTextStore _projectTexts;
    private readonly DashboardChain _chain;
    private readonly DashboardOptions _options;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<EthAddress, ContractLabel> _labels = new();
    private readonly SemaphoreSlim _snapshotGate = new(1, 1);
    private SnapshotSet? _lastSnapshots;

    /// <summary>Creates the builder.</summary>
    public DashboardSnapshots(IAidDaoReadModel readModel, RequestDetailsStore details, ProjectTextStore projectTexts, DashboardChain chain, DashboardOptions options)
    {
        _readModel = readModel;
        _details = details;
        _projectTexts = projectTexts;
        _chain = chain;
        _options = options;
    }

    /// <inheritdoc />
    public void Dispose() => _snapshotGate.Dispose();

    /// <summary>The chain as wallets need it.</summary>
    public ChainView Chain => new(_options.ChainId, _options.ChainName, PublishableRpcUrl(_options)?.ToString().TrimEnd('/'),
        _options.ExplorerTxUrl, _options.NativeSymbol);

    // The server's own node URL often carries an API key (or a login): it is published only when it is a loopback node,
    // such as the local dev chain; anything else needs an explicit public URL.
    private static Uri? PublishableRpcUrl(DashboardOptions options) =>
        options.PublicRpcUrl ?? (options.RpcUrl.IsLoopback && string.IsNullOrEmpty(options.RpcUrl.UserInfo) && string.IsNullOrEmpty(options.RpcUrl.Query) ? options.RpcUrl : null);

    /// <summary>Everything the page opens with.</summary>
    public async Task<OverviewView> OverviewAsync(CancellationToken cancellationToken)
    {
        var cursor = await _readModel.GetCursorAsync(_options.ChainId, cancellationToken).ConfigureAwait(false);
        var community = await _readModel.GetCommunityAsync(_options.ChainId, _options.Community, cancellationToken).ConfigureAwait(false);
        var labels = await LabelsAsync(community, cancellationToken).ConfigureAwait(false);
        var (pools, rounds) = await AllSnapshotsAsync(community, cursor, cancellationToken).ConfigureAwait(false);
        var recent = await _readModel.GetRecentEventsAsync(_options.ChainId, RecentEvents, cancellationToken, Contracts(community)).ConfigureAwait(false);
        var activity = await EventsAsync(recent, labels, cancellationToken).ConfigureAwait(false);
        return new OverviewView(Chain, Cursor(cursor), community is null ? null : View(community), pools, rounds, activity,
            await _chain.NowAsync(cancellationToken).ConfigureAwait(false));
    }

    /// <summary>One pool; null when the index does not know it (or it belongs to another community).</summary>
    public async Task<PoolView?> PoolAsync(EthAddress pool, CancellationToken cancellationToken)
    {
        var community = await _readModel.GetCommunityAsync(_options.ChainId, _options.Community, cancellationToken).ConfigureAwait(false);
        if (community is null || !community.Pools.Contains(pool)) return null;
        return (await PoolsAsync(community, [pool], cancellationToken).ConfigureAwait(false)).SingleOrDefault();
    }

    /// <summary>One round; null when the index does not know it (or it belongs to another community).</summary>
    public async Task<RoundView?> RoundAsync(EthAddress round, CancellationToken cancellationToken)
    {
        var community = await _readModel.GetCommunityAsync(_options.ChainId, _options.Community, cancellationToken).ConfigureAwait(false);
        if (community is null || !community.Rounds.Contains(round)) return null;
        return (await RoundsAsync([round], cancellationToken).ConfigureAwait(false)).SingleOrDefault();
    }

    /// <summary>The community's current stewards and members; null before the index has seen it.</summary>
    public Task<IndexedCommunity?> CommunityAsync(CancellationToken cancellationToken) =>
        _readModel.GetCommunityAsync(_options.ChainId, _options.Community, cancellationToken);

    /// <summary>Events strictly after a position, oldest first, at most <see cref="CatchUpPage"/>.</summary>
    public async Task<IReadOnlyList<EventView>> EventsAfterAsync(long afterBlock, long afterLogIndex, int limit, CancellationToken cancellationToken)
    {
        var community = await _readModel.GetCommunityAsync(_options.ChainId, _options.Community, cancellationToken).ConfigureAwait(false);
        var labels = await LabelsAsync(community, cancellationToken).ConfigureAwait(false);
        var events = await _readModel.GetEventsAsync(_options.ChainId, afterBlock, afterLogIndex, Math.Clamp(limit, 1, CatchUpPage), cancellationToken, Contracts(community)).ConfigureAwait(false);
        return await EventsAsync(events, labels, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// What one committed indexer step changed, as the pages receive it. With <paramref name="resyncAfterBlock"/>, it
    /// also carries every event after that block (paged, however many) and snapshots of every pool and round: the
    /// publisher uses it after a failed send or a dropped change, so open pages have no gap.
    /// </summary>
    public async Task<DashboardUpdate> UpdateAsync(IndexChange change, CancellationToken cancellationToken, long? resyncAfterBlock = null)
    {
        ArgumentNullException.ThrowIfNull(change);
        var community = await _readModel.GetCommunityAsync(_options.ChainId, _options.Community, cancellationToken).ConfigureAwait(false);
        var cursor = await _readModel.GetCursorAsync(_options.ChainId, cancellationToken).ConfigureAwait(false);
        if (change.RolledBack)
        {
            // The page reloads everything after a reorganisation; it gets full snapshots here as well.
            return await FullUpdateAsync(community, cursor, change.FromBlock, true, [], cancellationToken).ConfigureAwait(false);
        }
        var labels = await LabelsAsync(community, cancellationToken).ConfigureAwait(false);
        var fromBlock = Math.Min(change.FromBlock, (resyncAfterBlock ?? long.MaxValue - 1) + 1);
        var events = new List<IndexedEvent>();
        var after = (Block: fromBlock - 1, LogIndex: long.MaxValue);
        while (true)
        {
            var page = await _readModel.GetEventsAsync(_options.ChainId, after.Block, after.LogIndex, CatchUpPage, cancellationToken, Contracts(community)).ConfigureAwait(false);
            events.AddRange(page.Where(e => e.BlockNumber <= change.ToBlock));
            if (page.Count < CatchUpPage || page[^1].BlockNumber > change.ToBlock) break;
            after = (page[^1].BlockNumber, page[^1].LogIndex);
        }
        var touched = change.Contracts.Select(c => EthAddress.Parse(c)).ToHashSet();
        // A change to the community (stewards, M) alters what every pool's requests need: it resends every pool.
        var communityChanged = community is not null && (touched.Contains(community.Address) || (community.Token is { } token && touched.Contains(token)));
        var everything = resyncAfterBlock is not null || communityChanged;
        var pools = everything ? community?.Pools ?? [] : community?.Pools.Where(touched.Contains).ToList() ?? [];
        var rounds = resyncAfterBlock is not null ? community?.Rounds ?? [] : community?.Rounds.Where(touched.Contains).ToList() ?? [];
        return new DashboardUpdate(
            _options.ChainId,
            // The step's own end, not the index's cursor now (another step may have committed since): pages and
            // benchmarks match this update to the commit that made it.
            new CursorView(change.ToBlock, change.ToBlockHash, cursor?.Events ?? 0),
            fromBlock,
            false,
            await EventsAsync(events, labels, cancellationToken).ConfigureAwait(false),
            communityChanged || resyncAfterBlock is not null ? (community is null ? null : View(community)) : null,
            await PoolsAsync(community, pools, cancellationToken).ConfigureAwait(false),
            await RoundsAsync(rounds, cancellationToken).ConfigureAwait(false),
            await _chain.NowAsync(cancellationToken).ConfigureAwait(false));
    }

    /// <summary>What a page that reconnects missed since its newest shown event: the events after it and every snapshot.</summary>
    public async Task<DashboardUpdate> CatchUpAsync(long afterBlock, long afterLogIndex, CancellationToken cancellationToken)
    {
        var community = await _readModel.GetCommunityAsync(_options.ChainId, _options.Community, cancellationToken).ConfigureAwait(false);
        var cursor = await _readModel.GetCursorAsync(_options.ChainId, cancellationToken).ConfigureAwait(false);
        var labels = await LabelsAsync(community, cancellationToken).ConfigureAwait(false);
        var events = await _readModel.GetEventsAsync(_options.ChainId, afterBlock, afterLogIndex, CatchUpPage, cancellationToken, Contracts(community)).ConfigureAwait(false);
        return await FullUpdateAsync(community, cursor, afterBlock + 1, false, await EventsAsync(events, labels, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
    }

    private async Task<DashboardUpdate> FullUpdateAsync(IndexedCommunity? community, IndexedCursor? cursor, long fromBlock, bool rolledBack, IReadOnlyList<EventView> events, CancellationToken cancellationToken)
    {
        var (pools, rounds) = rolledBack
            ? (await PoolsAsync(community, community?.Pools ?? [], cancellationToken).ConfigureAwait(false), await RoundsAsync(community?.Rounds ?? [], cancellationToken).ConfigureAwait(false))
            : await AllSnapshotsAsync(community, cursor, cancellationToken).ConfigureAwait(false);
        return new(_options.ChainId,
            Cursor(cursor) ?? new CursorView(0, "", 0),
            fromBlock,
            rolledBack,
            events,
            community is null ? null : View(community),
            pools,
            rounds,
            await _chain.NowAsync(cancellationToken).ConfigureAwait(false));
    }

    /// <summary>
    /// Every pool and round at <paramref name="cursor"/>. Pages that open or reconnect together (after a restart, say)
    /// share one read: the answer is kept while the cursor stays and for at most <see cref="SnapshotReuse"/> (pools'
    /// window use and expiries move with the clock).
    /// </summary>
    private async Task<(IReadOnlyList<PoolView> Pools, IReadOnlyList<RoundView> Rounds)> AllSnapshotsAsync(IndexedCommunity? community, IndexedCursor? cursor, CancellationToken cancellationToken)
    {
        var key = (cursor?.BlockNumber ?? -1, cursor?.BlockHash ?? "", community?.Pools.Count ?? 0, community?.Rounds.Count ?? 0);
        await _snapshotGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_lastSnapshots is { } last && last.Key == key && _options.Time.GetElapsedTime(last.At) < SnapshotReuse)
                return (last.Pools, last.Rounds);
            var pools = await PoolsAsync(community, community?.Pools ?? [], cancellationToken).ConfigureAwait(false);
            var rounds = await RoundsAsync(community?.Rounds ?? [], cancellationToken).ConfigureAwait(false);
            _lastSnapshots = new SnapshotSet(key, _options.Time.GetTimestamp(), pools, rounds);
            return (pools, rounds);
        }
        finally
        {
            _snapshotGate.Release();
        }
    }

    // ------------------------------------------------------------------------------------------- pools

    private async Task<IReadOnlyList<PoolView>> PoolsAsync(IndexedCommunity? community, IReadOnlyList<EthAddress> pools, CancellationToken cancellationToken)
    {
        if (community is null || pools.Count == 0) return [];
        var now = await _chain.NowAsync(cancellationToken).ConfigureAwait(false);
        var views = new List<PoolView>(pools.Count);
        foreach (var address in pools)
        {
            var pool = await _readModel.GetPoolAsync(_options.ChainId, address, now, cancellationToken).ConfigureAwait(false);
            if (pool is null) continue;
            var history = await _readModel.GetPoolBalanceHistoryAsync(_options.ChainId, address, cancellationToken).ConfigureAwait(false);
            var withDetails = await _details.GetSubmittedAsync(_options.ChainId, address, cancellationToken).ConfigureAwait(false);
            var changes = await _readModel.GetPoolChangesAsync(_options.ChainId, address, now, cancellationToken).ConfigureAwait(false);
            views.Add(await PoolViewAsync(community, pool, history, withDetails, changes, now, cancellationToken).ConfigureAwait(false));
        }
        return views;
    }

    private async Task<PoolView> PoolViewAsync(IndexedCommunity community, IndexedPool pool, IReadOnlyList<BalancePoint> history, IReadOnlySet<long> withDetails,
        IReadOnlyList<IndexedPoolChange> changes, long now, CancellationToken cancellationToken)
    {
        var assetAddresses = pool.Assets.Keys.Concat(pool.Balances.Keys).Distinct().ToList();
        var assets = new Dictionary<EthAddress, PoolAsset>();
        foreach (var a in assetAddresses.Concat(pool.Requests.Select(r => r.Asset)).Concat(changes.Select(c => c.Asset)).Distinct())
            assets[a] = await _chain.AssetAsync(a, cancellationToken).ConfigureAwait(false);

        var assetViews = assetAddresses.Select(a =>
        {
            var limits = pool.Assets.GetValueOrDefault(a);
            return new PoolAssetView(Asset(assets[a]), S(pool.Balances.GetValueOrDefault(a)), S(pool.Deposited.GetValueOrDefault(a)),
                S(limits?.WindowCap ?? 0), S(limits?.WindowUsed ?? 0), S(limits?.PerRequestMax ?? 0), S(limits?.ReserveFloor ?? 0), S(limits?.FastPathCap ?? 0));
        }).ToList();

        var emergency = pool.EmergencyEndsAt is { } ends && ends > now;
        // Ballots of stewards who have left no longer count on-chain.
        var stewards = community.Stewards.ToHashSet();
        RequestView View(IndexedAidRequest r)
        {
            var approvals = r.Approvals.Where(stewards.Contains).ToList();
            var rejections = r.Rejections.Where(stewards.Contains).ToList();
            // As the pool's _required: during an emergency, a request within the fast-path cap that no steward rejects
            // needs min(emergency threshold, M); otherwise M.
            var fastPath = emergency && rejections.Count == 0 && pool.Assets.TryGetValue(r.Asset, out var limits) && r.Amount <= limits.FastPathCap;
            var required = fastPath && pool.EmergencyThreshold > 0 ? Math.Min(pool.EmergencyThreshold, community.Threshold) : community.Threshold;
            return new RequestView(r.Id, r.Requester.Value, r.Recipient.Value, Asset(assets[r.Asset]), S(r.Amount), r.Urgency, r.CreatedAt, r.ExpiresAt,
                State(r.State), approvals.Select(a => a.Value).ToList(), rejections.Select(a => a.Value).ToList(), required,
                r.DetailsHash, withDetails.Contains(r.Id), r.DecidedInTransaction, r.Delivered);
        }

        var pending = pool.Requests.Where(r => r.State == AidRequestState.Pending)
            .OrderByDescending(r => r.Urgency).ThenBy(r => r.CreatedAt ?? long.MaxValue).ThenBy(r => r.Id)
            .Select(View).ToList();
        var decided = pool.Requests.Where(r => r.State != AidRequestState.Pending)
            .OrderByDescending(r => r.Id).Take(DecidedShown).Select(View).ToList();
        // Every change still waiting, and the last few decided, newest first.
        var shownChanges = changes.Where(c => c.Status == "pending").Reverse()
            .Concat(changes.Where(c => c.Status != "pending").Reverse().Take(RecentChanges))
            .Select(c => new PoolChangeView(c.Id, c.Kind, PoolChangeText.Describe(c, assets[c.Asset]), c.Proposer.Value, Asset(assets[c.Asset]), S(c.Value), c.Reason, c.ExpiresAt,
                c.Approvals.Where(stewards.Contains).Select(a => a.Value).ToList(), community.Threshold, c.Status,
                c.Limits is { } l ? new AssetLimitsView(S(l.MintRate), S(l.PerRequestMax), S(l.WindowCap), S(l.ReserveFloor), S(l.FastPathCap)) : null,
                pool.Assets.ContainsKey(c.Asset)))
            .ToList();
        return new PoolView(pool.Address.Value, pool.Name, pool.Paused, emergency ? pool.EmergencyEndsAt : null, pool.EmergencyThreshold,
            pool.WindowSeconds, pool.RequestLifetimeSeconds, assetViews, pending, decided,
            Recent(history).Select(h => new BalancePointView(h.Asset.Value, h.BlockNumber, h.Timestamp, S(h.Balance))).ToList(), shownChanges);
    }

    // The chart's points: the newest HistoryPoints per asset (an update carries the whole view to every page).
    private static IEnumerable<BalancePoint> Recent(IReadOnlyList<BalancePoint> history) =>
        history.GroupBy(h => h.Asset).SelectMany(g => g.TakeLast(HistoryPoints)).OrderBy(h => h.BlockNumber);

    private static string State(AidRequestState state) => state switch
    {
        AidRequestState.Pending => "pending",
        AidRequestState.Paid => "paid",
        AidRequestState.Rejected => "rejected",
        AidRequestState.Cancelled => "cancelled",
        AidRequestState.Expired => "expired",
        _ => state.ToString().ToLowerInvariant(),
    };

    // ------------------------------------------------------------------------------------------- rounds

    private async Task<IReadOnlyList<RoundView>> RoundsAsync(IReadOnlyList<EthAddress> rounds, CancellationToken cancellationToken)
    {
        if (rounds.Count == 0) return [];
        var now = await _chain.NowAsync(cancellationToken).ConfigureAwait(false);
        var views = new List<RoundView>(rounds.Count);
        foreach (var address in rounds)
        {
            var round = await _readModel.GetRoundAsync(_options.ChainId, address, cancellationToken).ConfigureAwait(false);
            if (round is null) continue;
            var service = await _chain.RoundAsync(address, cancellationToken).ConfigureAwait(false);
            var tallies = round.Finalized || round.Cancelled
                ? []
                : await _readModel.GetRoundTalliesAsync(_options.ChainId, address, cancellationToken).ConfigureAwait(false);
            var texts = await _projectTexts.GetAsync(_options.ChainId, address, cancellationToken).ConfigureAwait(false);
            views.Add(RoundView(round, service.Configuration, service.Asset, tallies, texts, now));
        }
        return views;
    }

    private static RoundView RoundView(IndexedRound round, RoundConfiguration configuration, PoolAsset asset, IReadOnlyList<IndexedProjectTally> tallies,
        IReadOnlyDictionary<long, string> texts, long now)
    {
        var schedule = configuration.Schedule;
        var projected = new Dictionary<long, BigInteger>();
        if (tallies.Count > 0)
        {
            var options = new QuadraticMatchingOptions(round.MatchingPool, configuration.CapBasisPoints, configuration.SpreadWholePool, configuration.Mode);
            var matches = QuadraticMatching.Compute(tallies.Select(t => t.Tally).ToList(), options).Matches;
            for (var i = 0; i < tallies.Count; i++) projected[tallies[i].ProjectId] = matches[i];
        }
        var projects = round.Projects.Select(p =>
        {
            var final = p.Match is not null;
            var match = p.Match ?? projected.GetValueOrDefault(p.Id);
            var claim = !round.Finalized ? "none"
                : p.PayoutDeferred ? "deferred"
                : p.Paid > 0 ? "paid"
                : p.Raised + match > 0 && p.Status == RoundProjectStatus.Approved ? "waiting"
                : "none";
            return (Total: p.Raised + match, View: new ProjectView(p.Id, ProjectName(p, texts.GetValueOrDefault(p.Id)), p.Applicant.Value, p.Recipient.Value, p.Status.ToString().ToLowerInvariant(),
                S(p.Raised), p.Contributions, p.Contributors, S(p.Votes), S(match), final, p.Capped, S(p.Raised + match), S(p.Paid), p.PayoutDeferred, claim));
        }).OrderByDescending(p => p.Total).ThenBy(p => p.View.Id).Select(p => p.View).ToList();

        var status = round.Cancelled ? "cancelled" : round.Finalized ? "finalized" : "active";
        var phase = round.Cancelled ? "cancelled"
            : round.Finalized ? (round.ClaimDeadline is { } deadline && now >= deadline ? "closed" : "claims")
            : now < schedule.ApplicationsStart.ToUnixTimeSeconds() ? "upcoming"
            : now < schedule.ApplicationsEnd.ToUnixTimeSeconds() ? "applications"
            : now < schedule.VotingStart.ToUnixTimeSeconds() ? "vetting"
            : now < schedule.VotingEnd.ToUnixTimeSeconds() ? "voting"
            : now < schedule.FinalizeFrom.ToUnixTimeSeconds() ? "review"
            : "finalizable";
        return new RoundView(round.Address.Value, round.Name, Asset(asset), configuration.Mode == RoundMode.QuadraticVoting ? "qv" : "qf", status, phase,
            new RoundScheduleView(schedule.ApplicationsStart.ToUnixTimeSeconds(), schedule.ApplicationsEnd.ToUnixTimeSeconds(), schedule.VotingStart.ToUnixTimeSeconds(), schedule.VotingEnd.ToUnixTimeSeconds(),
                schedule.FinalizeFrom.ToUnixTimeSeconds(), round.ClaimDeadline),
            S(configuration.MinimumContribution), configuration.CapBasisPoints, S(round.MatchingPool), S(round.Balance), S(round.Matched), S(round.Remainder), projects);
    }

    // The application's first line when its text was sent (it hashes to the on-chain metadata), else "Project N".
    private static string ProjectName(IndexedProject project, string? text)
    {
        var line = text?.Split('\n', 2)[0].Trim();
        if (string.IsNullOrEmpty(line)) return $"Project {project.Id}";
        return line.Length <= ProjectNameLength ? line : string.Concat(line.AsSpan(0, ProjectNameLength - 1), "…");
    }

    // ------------------------------------------------------------------------------------------- events

    // Contract names and kinds never change once indexed; each is read once.
    private async Task<IReadOnlyDictionary<EthAddress, ContractLabel>> LabelsAsync(IndexedCommunity? community, CancellationToken cancellationToken)
    {
        if (community is null) return _labels;
        _labels.TryAdd(community.Address, new ContractLabel("community", community.Name, null));
        if (community.Token is { } token) _labels.TryAdd(token, new ContractLabel("token", community.Name + " contribution token", null));
        var missingPools = community.Pools.Where(p => !_labels.ContainsKey(p)).ToList();
        if (missingPools.Count > 0)
        {
            var now = await _chain.NowAsync(cancellationToken).ConfigureAwait(false);
            foreach (var pool in missingPools)
            {
                var indexed = await _readModel.GetPoolAsync(_options.ChainId, pool, now, cancellationToken).ConfigureAwait(false);
                if (indexed is not null) _labels.TryAdd(pool, new ContractLabel("pool", indexed.Name, null));
            }
        }
        foreach (var round in community.Rounds.Where(r => !_labels.ContainsKey(r)).ToList())
        {
            var indexed = await _readModel.GetRoundAsync(_options.ChainId, round, cancellationToken).ConfigureAwait(false);
            if (indexed is not null) _labels.TryAdd(round, new ContractLabel("round", indexed.Name, indexed.Asset));
        }
        return _labels;
    }

    private async Task<IReadOnlyList<EventView>> EventsAsync(IReadOnlyList<IndexedEvent> events, IReadOnlyDictionary<EthAddress, ContractLabel> labels, CancellationToken cancellationToken)
    {
        var assets = new Dictionary<EthAddress, PoolAsset>();
        foreach (var e in events)
        {
            var own = labels.TryGetValue(e.Contract, out var l) ? l.Asset : null;
            foreach (var a in (e.Args.TryGetValue("asset", out var text) && EthAddress.TryParse(text, out var arg) ? [arg] : Array.Empty<EthAddress>()).Append(own ?? EthAddress.Zero))
                if (!assets.ContainsKey(a)) assets[a] = await _chain.AssetAsync(a, cancellationToken).ConfigureAwait(false);
        }
        return events.Select(e =>
        {
            var (kind, label, own) = labels.TryGetValue(e.Contract, out var l) ? l : new ContractLabel("contract", e.Contract.Abbreviated, null);
            PoolAsset AssetOf(string? address) =>
                address is not null && EthAddress.TryParse(address, out var a) ? assets.GetValueOrDefault(a) ?? PoolAsset.Eth : assets.GetValueOrDefault(own ?? EthAddress.Zero) ?? PoolAsset.Eth;
            return new EventView(string.Create(CultureInfo.InvariantCulture, $"{e.BlockNumber}:{e.LogIndex}"), e.BlockNumber, e.LogIndex, e.TransactionHash,
                e.Contract.Value, kind, e.Name, e.Timestamp, EventSummaries.Describe(e.Name, e.Args, label, AssetOf));
        }).ToList();
    }

    // ------------------------------------------------------------------------------------------- shared

    private static CommunityView View(IndexedCommunity c) => new(c.Address.Value, c.Name, c.Token?.Value, c.Threshold, c.AdmissionApprovals, c.VouchesRequired,
        c.Stewards.Select(a => a.Value).ToList(), c.Members.Select(a => a.Value).ToList(), c.Pools.Select(a => a.Value).ToList(), c.Rounds.Select(a => a.Value).ToList());

    // The community's own contracts: an index may follow several communities; the feed shows this one's.
    private static EthAddress[] Contracts(IndexedCommunity? community) =>
        community is null ? [] : [community.Address, .. community.Token is { } t ? new[] { t } : [], .. community.Pools, .. community.Rounds];

    private static CursorView? Cursor(IndexedCursor? cursor) => cursor is null ? null : new CursorView(cursor.BlockNumber, cursor.BlockHash, cursor.Events);

    private static AssetView Asset(PoolAsset asset) => new(asset.Address.Value, asset.Symbol, asset.Decimals);

    private static string S(BigInteger value) => value.ToString(CultureInfo.InvariantCulture);

    private sealed record ContractLabel(string Kind, string Label, EthAddress? Asset);

    private sealed record SnapshotSet((long Block, string Hash, int Pools, int Rounds) Key, long At, IReadOnlyList<PoolView> Pools, IReadOnlyList<RoundView> Rounds);
}
