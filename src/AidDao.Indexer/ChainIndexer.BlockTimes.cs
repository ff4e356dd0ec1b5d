using System.Diagnostics;
using AidDao.Data;
using AidDao.Indexer.Rpc;

namespace AidDao.Indexer;

/// <summary>The block time of each event: from the logs, from block headers, and for events indexed without one.</summary>
public sealed partial class ChainIndexer
{
    /// <summary>Blocks whose events lack a time, read per query when filling them in.</summary>
    private const int BlockTimeFillPage = 200;

    private bool _blockTimesFilled;

    /// <summary>
    /// The timestamp of every block with logs in a step, and of the range's last block: from the logs' own
    /// <c>blockTimestamp</c>, else from the block's header, read once per block. Null when a header no longer carries
    /// the logs' block hash (the chain moved under the step: it starts again).
    /// </summary>
    private async Task<Dictionary<long, long>?> BlockTimesAsync(List<ChainLog> logs, ChainBlock end, CancellationToken cancellationToken)
    {
        var times = new Dictionary<long, long> { [end.Number] = end.Timestamp };
        foreach (var log in logs)
            if (log.BlockTimestamp is { } time) times.TryAdd((long)log.BlockNumber.Value, time);
        foreach (var log in logs)
        {
            var number = (long)log.BlockNumber.Value;
            if (times.ContainsKey(number)) continue;
            var header = await _rpc.GetBlockAsync(number, cancellationToken).ConfigureAwait(false);
            if (header is null || header.Hash != log.BlockHash) return null;
            times[number] = header.Timestamp;
        }
        return times;
    }

    /// <summary>
    /// Gives a time to the events indexed before the index kept block times (schema version 1), once per indexer: one
    /// header per block, written only where the block's hash still matches (a reorganised block is left to the reorg
    /// check, which removes its rows).
    /// </summary>
    private async Task FillMissingBlockTimesAsync(CancellationToken cancellationToken)
    {
        var after = -1L;
        while (true)
        {
            var blocks = await _store.GetBlocksWithoutTimeAsync(_target.ChainId, after, BlockTimeFillPage, cancellationToken).ConfigureAwait(false);
            if (blocks.Count == 0) return;
            var started = Stopwatch.GetTimestamp();
            var times = new List<(BlockRef Block, long Time)>(blocks.Count);
            foreach (var block in blocks)
            {
                if (await _rpc.GetBlockAsync(block.Number, cancellationToken).ConfigureAwait(false) is { } header && header.Hash == block.Hash)
                    times.Add((block, header.Timestamp));
            }
            Stats.AddHeaders(started);
            await _store.SetBlockTimesAsync(_target.ChainId, times, cancellationToken).ConfigureAwait(false);
            after = blocks[^1].Number;
        }
    }
}
