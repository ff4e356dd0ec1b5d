using System.Diagnostics;
using System.Globalization;
using AidDao.Contracts.CommunityFactory.ContractDefinition;
using AidDao.Contracts.RoundFactory.ContractDefinition;
using Nethereum.Contracts;
using CommunityFactoryCreated = AidDao.Contracts.CommunityFactory.ContractDefinition.CommunityCreatedEventDTO;
using AidDao.Core;
using AidDao.Core.Indexing;
using AidDao.Data;
using AidDao.Indexer.Rpc;
using Nethereum.RPC.Eth.DTOs;

namespace AidDao.Indexer;

/// <summary>
/// Follows the AidDao contracts of some communities on one chain into an <see cref="IndexStore"/>, one committed batch per
/// step: check that the last indexed block is still on the chain (else walk back to the common ancestor and undo the
/// orphaned blocks), fetch the logs of the next range with <c>eth_getLogs</c> (ranges adapt to the node), discover new
/// pools and rounds from the factories' events, decode, project, and commit the facts with the cursor in one transaction.
/// One instance per chain and database at a time (a lease); the cursor's compare-and-set makes even two at once safe.
/// </summary>
public sealed class ChainIndexer : IDisposable
{
    private static readonly string[] RefusalWords = ["range", "limit", "too many", "exceed", "more than", "too large", "response size", "timeout", "timed out"];

    private readonly IndexTarget _target;
    private readonly IndexStore _store;
    private readonly IndexerOptions _options;
    private readonly IIndexChangeSink? _changes;
    private readonly EthLogClient _rpc;
    private readonly HttpClient? _http;
    private readonly EventCatalog _catalog = EventCatalog.AidDao;
    private readonly LogProjector _projector;
    private readonly LogRangePlanner _planner;
    private readonly HashSet<string> _factories;
    private Dictionary<string, WatchedContract>? _watched;
    private BlockRef? _cursor;
    private long _head = -1;

    /// <summary>Creates an indexer.</summary>
    /// <param name="target">What to follow.</param>
    /// <param name="store">Where the index lives (migrated).</param>
    /// <param name="options">How to follow; null for defaults.</param>
    /// <param name="changes">Where to report committed changes; null for nowhere.</param>
    /// <param name="http">The HTTP client for JSON-RPC (for example with fault-injecting handlers); null to create one.</param>
    public ChainIndexer(IndexTarget target, IndexStore store, IndexerOptions? options = null, IIndexChangeSink? changes = null, HttpClient? http = null)
    {
        _target = target ?? throw new ArgumentNullException(nameof(target));
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _options = options ?? new IndexerOptions();
        _changes = changes;
        _http = http;
        _rpc = new EthLogClient(target.Rpc, _options.RpcTimeout, http);
        _projector = new LogProjector(target.Communities.Select(c => c.Value));
        _planner = new LogRangePlanner(_options.InitialSpan, _options.MaxSpan);
        _factories = [target.CommunityFactory.Value.ToLowerInvariant()];
        if (target.RoundFactory is { } roundFactory) _factories.Add(roundFactory.Value.ToLowerInvariant());
        Owner = string.Create(CultureInfo.InvariantCulture, $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}");
    }

    /// <summary>This indexer's name in the lease table.</summary>
    public string Owner { get; }

    /// <summary>The target.</summary>
    public IndexTarget Target => _target;

    /// <summary>The blocks the next <c>eth_getLogs</c> asks for.</summary>
    public long Span => _planner.Span;

    /// <summary>Where this indexer's time went.</summary>
    public IndexerStats Stats { get; } = new();

    /// <summary>The last indexed block as this indexer knows it (null before the first step).</summary>
    public BlockRef? Cursor => _cursor;

    /// <summary>
    /// Runs steps until the index reaches the head (when <paramref name="untilCaughtUp"/>) or until cancelled, holding
    /// the chain's lease. Failed steps (node unreachable, timeouts, errors, another writer) are retried with backoff;
    /// a reorganisation deeper than <see cref="IndexerOptions.MaxReorgDepth"/> stops it.
    /// </summary>
    /// <exception cref="IndexLeaseHeldException">Another indexer holds the chain.</exception>
    /// <exception cref="IndexReorgTooDeepException">The chain was reorganised deeper than the index can repair.</exception>
    public async Task RunAsync(bool untilCaughtUp, IProgress<IndexStep>? progress, CancellationToken cancellationToken)
    {
        if (!await _store.TryLeaseAsync(_target.ChainId, Owner, _options.LeaseDuration, cancellationToken).ConfigureAwait(false)
            && !await TakeOverFromDeadProcessAsync(cancellationToken).ConfigureAwait(false))
            throw new IndexLeaseHeldException($"Another indexer is already indexing chain {_target.ChainId} into {_store.Database.Description}; stop it first, or wait {_options.LeaseDuration.TotalSeconds:0} s after it stopped.");
        var renewed = DateTimeOffset.UtcNow;
        var backoff = _options.InitialBackoff;
        var failures = 0;
        // Pipelined: the next range is fetched, decoded and projected while the last batch commits (each batch still
        // commits alone, in order, with the cursor's compare-and-set; a failed commit throws away what was prepared).
        Task<IndexStep>? inFlight = null;
        async Task DrainAsync()
        {
            if (inFlight is null) return;
            var committing = inFlight;
            inFlight = null;
            // Awaited on its own line: in "progress?.Report(await x)" a null progress would skip the await.
            var committed = await committing.ConfigureAwait(false);
            progress?.Report(committed);
        }
        try
        {
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                IndexStep step;
                try
                {
                    if (DateTimeOffset.UtcNow - renewed > _options.LeaseDuration / 3)
                    {
                        if (!await _store.TryLeaseAsync(_target.ChainId, Owner, _options.LeaseDuration, cancellationToken).ConfigureAwait(false))
                            throw new IndexLeaseHeldException($"This indexer lost chain {_target.ChainId} to another indexer (its lease ran out); stopping.");
                        renewed = DateTimeOffset.UtcNow;
                    }
                    var prepared = await PrepareAsync(cancellationToken).ConfigureAwait(false);
                    await DrainAsync().ConfigureAwait(false);
                    if (prepared.Batch is not null)
                    {
                        // On the thread pool: SQLite's "async" calls run synchronously on the caller.
                        inFlight = Task.Run(() => CommitAsync(prepared, cancellationToken), cancellationToken);
                        failures = 0;
                        backoff = _options.InitialBackoff;
                        continue;
                    }
                    step = prepared.Rollback is { } cursor ? await RollBackAsync(cursor, cancellationToken).ConfigureAwait(false) : prepared.Step;
                    failures = 0;
                    backoff = _options.InitialBackoff;
                }
                catch (Exception e) when (IsTransient(e) && !cancellationToken.IsCancellationRequested)
                {
                    await AbandonAsync(inFlight).ConfigureAwait(false);
                    inFlight = null;
                    Stats.AddFailure(e);
                    failures++;
                    if (_options.MaxConsecutiveFailures > 0 && failures >= _options.MaxConsecutiveFailures) throw;
                    _cursor = null;
                    _watched = null;
                    await Task.Delay(backoff, cancellationToken).ConfigureAwait(false);
                    backoff = TimeSpan.FromTicks(Math.Min(_options.MaxBackoff.Ticks, backoff.Ticks * 2));
                    continue;
                }
                progress?.Report(step);
                if (step.Kind == IndexStepKind.Retry)
                    await Task.Delay(_options.InitialBackoff, cancellationToken).ConfigureAwait(false);
                if (step.Kind == IndexStepKind.CaughtUp)
                {
                    if (untilCaughtUp) return;
                    await Task.Delay(_options.PollInterval, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            await AbandonAsync(inFlight).ConfigureAwait(false);
            await _store.ReleaseLeaseAsync(_target.ChainId, Owner, CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>Waits for a commit that is no longer wanted to end (it either landed or rolled back), ignoring its error.</summary>
    private static async Task AbandonAsync(Task<IndexStep>? inFlight)
    {
        if (inFlight is null) return;
        try
        {
            await inFlight.ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Its error was (or will be) handled by the caller's own failure path; the next step reloads the cursor.
        }
    }

    /// <summary>
    /// Takes the lease from a holder that was a process of this machine which no longer runs (killed, crashed): it cannot
    /// be writing, and waiting for its lease to expire would only delay the restart.
    /// </summary>
    private async Task<bool> TakeOverFromDeadProcessAsync(CancellationToken cancellationToken)
    {
        if (await _store.GetLeaseAsync(_target.ChainId, cancellationToken).ConfigureAwait(false) is not { } lease) return false;
        var parts = lease.Owner.Split('/');
        if (parts.Length != 3 || parts[0] != Environment.MachineName || !int.TryParse(parts[1], CultureInfo.InvariantCulture, out var pid)) return false;
        if (pid == Environment.ProcessId || IsRunning(pid)) return false;
        return await _store.TakeOverLeaseAsync(_target.ChainId, lease.Owner, Owner, _options.LeaseDuration, cancellationToken).ConfigureAwait(false);
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>One step: start the index if needed, check for a reorganisation, and index the next range.</summary>
    public async Task<IndexStep> StepAsync(CancellationToken cancellationToken)
    {
        var prepared = await PrepareAsync(cancellationToken).ConfigureAwait(false);
        if (prepared.Rollback is { } cursor) return await RollBackAsync(cursor, cancellationToken).ConfigureAwait(false);
        return prepared.Batch is null ? prepared.Step : await CommitAsync(prepared, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Everything of a step but writing: the reorg check, the logs, discovery, decoding and projection. A prepared batch
    /// moves this indexer's cursor and followed contracts ahead at once (so the next range can be prepared while it
    /// commits); a failed commit resets them from the database.
    /// </summary>
    private async Task<PreparedStep> PrepareAsync(CancellationToken cancellationToken)
    {
        var cursor = _cursor is not null && _watched is not null ? _cursor : await LoadAsync(cancellationToken).ConfigureAwait(false);
        var started = Stopwatch.GetTimestamp();
        var head = await _rpc.GetHeadAsync(cancellationToken).ConfigureAwait(false) - _options.Confirmations;
        _head = head;

        var onChain = await _rpc.GetBlockAsync(cursor.Number, cancellationToken).ConfigureAwait(false);
        Stats.AddHeaders(started);
        // A node that does not have the block yet is behind (a lagging backend), not reorganised: wait for it.
        if (onChain is null) return Only(new IndexStep(IndexStepKind.Retry, cursor.Number + 1, cursor.Number, head, 0));
        if (onChain.Hash != cursor.Hash)
            return new PreparedStep(new IndexStep(IndexStepKind.RolledBack, cursor.Number, cursor.Number, head, 0), null, cursor, null);

        if (_planner.Next(cursor.Number + 1, head) is not { } range)
            return Only(new IndexStep(IndexStepKind.CaughtUp, cursor.Number + 1, cursor.Number, head, 0));

        var watched = _watched!;
        started = Stopwatch.GetTimestamp();
        var endBefore = await _rpc.GetBlockAsync(range.To, cancellationToken).ConfigureAwait(false);
        Stats.AddHeaders(started);
        if (endBefore is null) return Only(new IndexStep(IndexStepKind.Retry, range.From, cursor.Number, head, 0));
        IReadOnlyList<FilterLog> logs;
        started = Stopwatch.GetTimestamp();
        try
        {
            logs = await _rpc.GetLogsAsync(range.From, range.To, Addresses(watched.Keys), cancellationToken).ConfigureAwait(false);
            Stats.AddLogs(started);
        }
        catch (RpcCallException e) when (IsRangeRefusal(e, range))
        {
            Refused(range, e);
            return Only(new IndexStep(IndexStepKind.RangeRefused, range.From, cursor.Number, head, 0));
        }
        // Logs flagged removed belong to a reorganisation in progress: start the step again (its first check repairs).
        if (logs.Any(l => l.Removed)) return Only(new IndexStep(IndexStepKind.Retry, range.From, cursor.Number, head, 0));

        // Pools and rounds created in this range: their own logs were not asked for yet.
        var all = new List<FilterLog>(logs);
        var discoveredAll = new Dictionary<string, WatchedContract>(StringComparer.Ordinal);
        var pending = logs;
        while (true)
        {
            var found = Discover(pending, watched, discoveredAll);
            if (found.Count == 0) break;
            var from = found.Min(c => c.FromBlock);
            try
            {
                started = Stopwatch.GetTimestamp();
                pending = await _rpc.GetLogsAsync(from, range.To, found.Select(c => c.Address).ToArray(), cancellationToken).ConfigureAwait(false);
                Stats.AddLogs(started);
            }
            catch (RpcCallException e) when (IsRangeRefusal(e, range))
            {
                Refused(range, e);
                return Only(new IndexStep(IndexStepKind.RangeRefused, range.From, cursor.Number, head, 0));
            }
            all.AddRange(pending);
        }
        all.Sort(static (a, b) => a.BlockNumber.Value != b.BlockNumber.Value
            ? a.BlockNumber.Value.CompareTo(b.BlockNumber.Value)
            : a.LogIndex.Value.CompareTo(b.LogIndex.Value));

        // The chain must not have changed under the step: the range's last block is the same before and after the logs
        // were read (so the logs come from the chain ending in it), its logs carry its hash, and the cursor's block is
        // still there (so the range continues the index). Anything else: nothing is written, the step starts again.
        started = Stopwatch.GetTimestamp();
        var end = await _rpc.GetBlockAsync(range.To, cancellationToken).ConfigureAwait(false);
        var cursorAfter = await _rpc.GetBlockAsync(cursor.Number, cancellationToken).ConfigureAwait(false);
        Stats.AddHeaders(started);
        if (end is null || end.Hash != endBefore.Hash || cursorAfter?.Hash != cursor.Hash || !Consistent(all, end))
            return Only(new IndexStep(IndexStepKind.Retry, range.From, cursor.Number, head, 0));

        started = Stopwatch.GetTimestamp();
        var known = new Dictionary<string, WatchedContract>(watched, StringComparer.Ordinal);
        foreach (var (address, contract) in discoveredAll) known.TryAdd(address, contract);
        var facts = new List<LoggedFact>(all.Count * 3);
        var discovered = new List<WatchedContract>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        var contracts = new HashSet<string>(StringComparer.Ordinal);
        var blocks = new Dictionary<long, string> { [end.Number] = end.Hash };
        var events = 0;
        foreach (var log in all)
        {
            var address = log.Address.ToLowerInvariant();
            known.TryGetValue(address, out var emitter);
            if (emitter is null && !_factories.Contains(address)) continue;
            var position = new LogPosition((long)log.BlockNumber.Value, log.BlockHash, (long)log.LogIndex.Value, log.TransactionHash.ToLowerInvariant(), address);
            var before = facts.Count;
            if (_catalog.Find(log) is { } definition)
            {
                try
                {
                    _projector.Project(position, definition, string.Join(',', log.Topics), log.Data ?? "0x", definition.Decode(log), emitter, facts, discovered);
                    if (facts.Count > before) names.Add(definition.Name);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // A log that looks like an AidDao event but does not decode (or carries values no AidDao contract
                    // emits) is kept as it is, so one odd log can never stop the index.
                    facts.RemoveRange(before, facts.Count - before);
                    facts.Add(new LoggedFact(position, new FactRow(ReadModelSchema.Events, ["undecodable:" + definition.Name, string.Join(',', log.Topics), log.Data ?? "0x", "{}"])));
                }
            }
            else if (emitter is not null)
            {
                facts.Add(new LoggedFact(position, new FactRow(ReadModelSchema.Events, ["unknown", string.Join(',', log.Topics), log.Data ?? "0x", "{}"])));
            }
            if (facts.Count == before) continue;
            events++;
            contracts.Add(address);
            blocks[position.BlockNumber] = position.BlockHash;
        }

        var to = new BlockRef(end.Number, end.Hash);
        var batch = new IndexBatch(_target.ChainId, cursor, range.From, to, facts,
            blocks.Select(b => new BlockRef(b.Key, b.Value)).ToList(), to.Number - _options.MaxReorgDepth);
        Stats.AddDecode(started);
        _cursor = to;
        foreach (var contract in discovered) watched.TryAdd(contract.Address, contract);
        foreach (var (address, contract) in discoveredAll) watched.TryAdd(address, contract);
        _planner.Succeeded();
        return new PreparedStep(new IndexStep(IndexStepKind.Indexed, range.From, to.Number, head, events), batch, null,
            new IndexChange(_target.ChainId, range.From, to.Number, to.Hash, false, events, names, contracts));
    }

    /// <summary>Writes a prepared batch and reports it; on failure the in-memory cursor is dropped (reloaded next step).</summary>
    private async Task<IndexStep> CommitAsync(PreparedStep prepared, CancellationToken cancellationToken)
    {
        try
        {
            var started = Stopwatch.GetTimestamp();
            await _store.CommitAsync(prepared.Batch!, cancellationToken).ConfigureAwait(false);
            Stats.AddCommit(started, prepared.Step.Events);
        }
        catch
        {
            _cursor = null;
            _watched = null;
            throw;
        }
        if (_changes is not null) await _changes.PublishAsync(prepared.Change!, cancellationToken).ConfigureAwait(false);
        return prepared.Step;
    }

    private static PreparedStep Only(IndexStep step) => new(step, null, null, null);

    /// <summary>A prepared step: a batch to commit, a cursor to roll back from, or just a result (caught up, retry, refused).</summary>
    private sealed record PreparedStep(IndexStep Step, IndexBatch? Batch, BlockRef? Rollback, IndexChange? Change);

    /// <inheritdoc />
    public void Dispose() => _rpc.Dispose();

    private async Task<BlockRef> LoadAsync(CancellationToken cancellationToken)
    {
        var chainId = await _rpc.GetChainIdAsync(cancellationToken).ConfigureAwait(false);
        if (chainId != _target.ChainId)
            throw new AidDaoInputException($"The node at {_target.Rpc} serves chain {chainId}, but this index is for chain {_target.ChainId}; check the RPC URL.");
        var cursor = await _store.GetCursorAsync(_target.ChainId, cancellationToken).ConfigureAwait(false);
        if (cursor is null)
        {
            var start = Math.Max(1, _target.FromBlock);
            var parent = await _rpc.GetBlockAsync(start - 1, cancellationToken).ConfigureAwait(false)
                ?? throw new AidDaoInputException($"The chain has no block {start - 1} yet: choose a start block at or below its head.");
            var startRef = new BlockRef(parent.Number, parent.Hash);
            await _store.StartAsync(_target.ChainId, startRef, await KnownContractsAsync(startRef, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
            cursor = await _store.GetCursorAsync(_target.ChainId, cancellationToken).ConfigureAwait(false) ?? startRef;
        }
        var watched = new Dictionary<string, WatchedContract>(StringComparer.Ordinal);
        var stored = await _store.GetContractsAsync(_target.ChainId, cancellationToken).ConfigureAwait(false);
        var indexedCommunities = stored.Where(c => c.Kind == ContractKinds.Community).Select(c => c.Address).ToHashSet(StringComparer.Ordinal);
        var missing = _target.Communities.Where(c => !indexedCommunities.Contains(c.Value.ToLowerInvariant())).ToList();
        if (missing.Count > 0)
            throw new AidDaoInputException(
                $"This index of chain {_target.ChainId} ({_store.Database.Description}) follows {string.Join(", ", indexedCommunities.Select(EthAddress.FromChain))}, not {string.Join(", ", missing)}: " +
                "index another community into its own database (added to this one, its history before the index's cursor would be missing).");
        foreach (var contract in stored)
            if (_target.Communities.Any(c => c.Value.Equals(contract.Community, StringComparison.OrdinalIgnoreCase)))
                watched.TryAdd(contract.Address, contract);
        foreach (var community in _target.Communities)
            watched.TryAdd(community.Value.ToLowerInvariant(), new WatchedContract(community.Value.ToLowerInvariant(), ContractKinds.Community, community.Value.ToLowerInvariant(), "", cursor.Number));
        _watched = watched;
        _cursor = cursor;
        return cursor;
    }

    /// <summary>
    /// The contracts of the target communities created up to <paramref name="at"/>, from the factories' own logs (a node
    /// keeps logs where it may have pruned old state): the token named at the community's creation, its pools and rounds.
    /// </summary>
    private async Task<IReadOnlyList<LoggedFact>> KnownContractsAsync(BlockRef at, CancellationToken cancellationToken)
    {
        var facts = new List<LoggedFact>();
        var entry = 0;
        foreach (var community in _target.Communities)
        {
            var address = community.Value.ToLowerInvariant();
            void Add(string contract, string kind, string name) => facts.Add(new LoggedFact(
                new LogPosition(at.Number, at.Hash, -1, "", address),
                new FactRow(ReadModelSchema.Contracts, [contract.ToLowerInvariant(), kind, address, name, "", -1L], entry++)));
            Add(address, ContractKinds.Community, "");
            if (at.Number < 1) continue;
            var topic = "0x" + address[2..].PadLeft(64, '0');
            try
            {
                foreach (var log in await _rpc.FindLogsAsync(0, at.Number, [EventCatalog.TopicOf<CommunityFactoryCreated>(), null, topic], cancellationToken, _target.CommunityFactory.Value).ConfigureAwait(false))
                    Add(log.DecodeEvent<CommunityFactoryCreated>().Event.Token, ContractKinds.Token, "");
                foreach (var log in await _rpc.FindLogsAsync(0, at.Number, [EventCatalog.TopicOf<PoolCreatedEventDTO>(), topic], cancellationToken, _target.CommunityFactory.Value).ConfigureAwait(false))
                    Add(log.DecodeEvent<PoolCreatedEventDTO>().Event.Pool, ContractKinds.Pool, "");
                if (_target.RoundFactory is not { } roundFactory) continue;
                foreach (var log in await _rpc.FindLogsAsync(0, at.Number, [EventCatalog.TopicOf<RoundCreatedEventDTO>(), topic], cancellationToken, roundFactory.Value).ConfigureAwait(false))
                    Add(log.DecodeEvent<RoundCreatedEventDTO>().Event.Round, ContractKinds.Round, "");
            }
            catch (RpcCallException e) when (e.Code is not null)
            {
                throw new AidDaoException($"The node would not list community {community}'s pools and rounds created before block {at.Number + 1} ({e.Message}): start the index at the community's creation block instead.", e);
            }
        }
        return facts;
    }

    /// <summary>Contracts revealed by factory logs (and a community's initialisation) that are not followed yet.</summary>
    private List<WatchedContract> Discover(IReadOnlyList<FilterLog> logs, Dictionary<string, WatchedContract> watched, Dictionary<string, WatchedContract> found)
    {
        var fresh = new List<WatchedContract>();
        var scratchFacts = new List<LoggedFact>();
        var scratch = new List<WatchedContract>();
        foreach (var log in logs)
        {
            var address = log.Address.ToLowerInvariant();
            var fromFactory = _factories.Contains(address);
            watched.TryGetValue(address, out var emitter);
            if (!fromFactory && emitter?.Kind != ContractKinds.Community) continue;
            if (_catalog.Find(log) is not { } definition) continue;
            if (definition.Name is not ("CommunityCreated" or "PoolCreated" or "RoundCreated" or "CommunityInitialized")) continue;
            scratch.Clear();
            _projector.Project(new LogPosition((long)log.BlockNumber.Value, log.BlockHash, (long)log.LogIndex.Value, "", address),
                definition, "", "", definition.Decode(log), fromFactory ? null : emitter, scratchFacts, scratch);
            foreach (var contract in scratch)
                if (!watched.ContainsKey(contract.Address) && found.TryAdd(contract.Address, contract))
                    fresh.Add(contract);
        }
        return fresh;
    }

    private async Task<IndexStep> RollBackAsync(BlockRef cursor, CancellationToken cancellationToken)
    {
        var retained = await _store.GetRetainedBlocksAsync(_target.ChainId, cursor.Number, 1_000, cancellationToken).ConfigureAwait(false);
        BlockRef? ancestor = null;
        foreach (var block in retained)
        {
            var canonical = await _rpc.GetBlockAsync(block.Number, cancellationToken).ConfigureAwait(false);
            if (canonical is not null && canonical.Hash == block.Hash)
            {
                ancestor = block;
                break;
            }
            if (cursor.Number - block.Number >= _options.MaxReorgDepth)
                throw TooDeep(cursor, block.Number);
        }
        if (ancestor is null) throw TooDeep(cursor, retained.Count > 0 ? retained[^1].Number : cursor.Number);
        var removed = await _store.RollBackAsync(_target.ChainId, cursor, ancestor, cancellationToken).ConfigureAwait(false);
        _cursor = ancestor;
        _watched = null;
        await LoadAsync(cancellationToken).ConfigureAwait(false);
        if (_changes is not null)
            await _changes.PublishAsync(new IndexChange(_target.ChainId, ancestor.Number + 1, ancestor.Number, ancestor.Hash, true, removed,
                new HashSet<string>(StringComparer.Ordinal), new HashSet<string>(StringComparer.Ordinal)), cancellationToken).ConfigureAwait(false);
        return new IndexStep(IndexStepKind.RolledBack, ancestor.Number + 1, ancestor.Number, _head, removed);
    }

    private IndexReorgTooDeepException TooDeep(BlockRef cursor, long below) => new(
        $"Chain {_target.ChainId} no longer has block {below} as this index saw it: it was reorganised more than {_options.MaxReorgDepth} blocks deep below block {cursor.Number} " +
        "(or the node now serves another chain, such as a restarted development chain). The index was left unchanged; rebuild it into a fresh database.");

    private string[] Addresses(IEnumerable<string> contracts) => contracts.Concat(_factories).Distinct(StringComparer.Ordinal).ToArray();

    /// <summary>Every log of a block carries one hash, and the range's last block's hash is the one read after the logs.</summary>
    private static bool Consistent(List<FilterLog> logs, ChainBlock end)
    {
        var hashes = new Dictionary<long, string>();
        foreach (var log in logs)
        {
            var number = (long)log.BlockNumber.Value;
            if (log.BlockHash is null) return false;
            if (hashes.TryGetValue(number, out var hash) && hash != log.BlockHash) return false;
            hashes[number] = log.BlockHash;
        }
        return !hashes.TryGetValue(end.Number, out var last) || last == end.Hash;
    }

    /// <summary>
    /// Whether a failed <c>eth_getLogs</c> says the range was too much: a timeout or a JSON-RPC error about the range or
    /// the result size. Rate limits and failures of a single-block range are not: those are retried with backoff.
    /// </summary>
    private static bool IsRangeRefusal(RpcCallException e, (long From, long To) range) =>
        e.Method == "eth_getLogs" && range.To > range.From
        && !e.Message.Contains("rate", StringComparison.OrdinalIgnoreCase)
        && (e.TimedOut || e.Code == -32005 || (e.Code is not null && RefusalWords.Any(w => e.Message.Contains(w, StringComparison.OrdinalIgnoreCase))));

    private void Refused((long From, long To) range, RpcCallException e)
    {
        if (e.TimedOut) _planner.TimedOut(range.From, range.To);
        else _planner.Refused(range.From, range.To, e.Message);
    }

    private static bool IsTransient(Exception e) =>
        e is RpcCallException or IndexConflictException or HttpRequestException or System.Data.Common.DbException or Nethereum.JsonRpc.Client.RpcClientUnknownException
            or Nethereum.JsonRpc.Client.RpcClientTimeoutException or Nethereum.JsonRpc.Client.RpcResponseException
            || (e is AidDaoException && e.InnerException is System.Data.Common.DbException);
}
