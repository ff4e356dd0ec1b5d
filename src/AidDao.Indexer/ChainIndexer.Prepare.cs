using System.Diagnostics;
using AidDao.Core.Indexing;
using AidDao.Data;
using AidDao.Indexer.Rpc;

namespace AidDao.Indexer;

/// <summary>Preparing a step (reorg check, logs, discovery, decoding, projection) and committing it.</summary>
public sealed partial class ChainIndexer
{
    /// <summary>
    /// Everything of a step but writing: the reorg check, the logs, discovery, decoding and projection. A prepared batch
    /// moves this indexer's cursor and followed contracts ahead at once (so the next range can be prepared while it
    /// commits); a failed commit resets them from the database.
    /// </summary>
    private async Task<PreparedStep> PrepareAsync(CancellationToken cancellationToken)
    {
        var cursor = _cursor is not null && _watched is not null ? _cursor : await LoadAsync(cancellationToken).ConfigureAwait(false);
        if (!_blockTimesFilled)
        {
            await FillMissingBlockTimesAsync(cancellationToken).ConfigureAwait(false);
            _blockTimesFilled = true;
        }
        var started = Stopwatch.GetTimestamp();
        var chainHead = await _rpc.GetHeadAsync(cancellationToken).ConfigureAwait(false);
        var head = chainHead - _options.Confirmations;
        _head = head;
        _metrics.HeadSeen(_target.ChainId, chainHead, _options.Confirmations);

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
        IReadOnlyList<ChainLog> logs;
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
        var all = new List<ChainLog>(logs);
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
        var times = await BlockTimesAsync(all, end, cancellationToken).ConfigureAwait(false);
        Stats.AddHeaders(started);
        if (times is null) return Only(new IndexStep(IndexStepKind.Retry, range.From, cursor.Number, head, 0));

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
            var number = (long)log.BlockNumber.Value;
            var position = new LogPosition(number, log.BlockHash, (long)log.LogIndex.Value, log.TransactionHash.ToLowerInvariant(), address, times[number]);
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
                    facts.Add(new LoggedFact(position, new FactRow(ReadModelSchema.Events, ["undecodable:" + definition.Name, string.Join(',', log.Topics), log.Data ?? "0x", "{}", position.BlockTime])));
                }
            }
            else if (emitter is not null)
            {
                facts.Add(new LoggedFact(position, new FactRow(ReadModelSchema.Events, ["unknown", string.Join(',', log.Topics), log.Data ?? "0x", "{}", position.BlockTime])));
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
        var batch = prepared.Batch!;
        try
        {
            var started = Stopwatch.GetTimestamp();
            await _store.CommitAsync(batch, cancellationToken).ConfigureAwait(false);
            Stats.AddCommit(started, prepared.Step.Events);
            _metrics.Committed(_target.ChainId, batch.Previous?.Number ?? batch.FromBlock - 1, batch.To.Number, prepared.Step.Events, Stopwatch.GetElapsedTime(started));
        }
        catch
        {
            _cursor = null;
            _watched = null;
            throw;
        }
        Interlocked.Add(ref _eventsSinceReport, prepared.Step.Events);
        var lag = Math.Max(0, Volatile.Read(ref _head) - batch.To.Number);
        LogBatchCommitted(_log, _target.ChainId, prepared.Step.FromBlock, batch.To.Number, prepared.Step.Events, lag);
        if (_changes is not null) await _changes.PublishAsync(prepared.Change!, cancellationToken).ConfigureAwait(false);
        return prepared.Step;
    }

    private static PreparedStep Only(IndexStep step) => new(step, null, null, null);

    /// <summary>A prepared step: a batch to commit, a cursor to roll back from, or just a result (caught up, retry, refused).</summary>
    private sealed record PreparedStep(IndexStep Step, IndexBatch? Batch, BlockRef? Rollback, IndexChange? Change);

    private string[] Addresses(IEnumerable<string> contracts) => contracts.Concat(_factories).Distinct(StringComparer.Ordinal).ToArray();

    /// <summary>Every log of a block carries one hash, and the range's last block's hash is the one read after the logs.</summary>
    private static bool Consistent(List<ChainLog> logs, ChainBlock end)
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
}
