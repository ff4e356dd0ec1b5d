using AidDao.Core.Indexing;
using AidDao.Data;

namespace AidDao.Indexer;

/// <summary>Walking back to the common ancestor after a reorganisation.</summary>
public sealed partial class ChainIndexer
{
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
        _metrics.RolledBack(_target.ChainId, ancestor.Number);
        LogRolledBack(_log, _target.ChainId, ancestor.Number + 1, cursor.Number, removed, ancestor.Number);
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
}
