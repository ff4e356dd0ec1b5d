namespace AidDao.Data;

/// <summary>
/// What one indexing step writes in one transaction: the facts of blocks <see cref="FromBlock"/>..<see cref="To"/>,
/// the hashes of the blocks to remember for reorg checks, and the cursor's move from <see cref="Previous"/> to
/// <see cref="To"/>.
/// </summary>
/// <param name="ChainId">The chain.</param>
/// <param name="Previous">The cursor this batch follows (null for the first batch of a chain).</param>
/// <param name="FromBlock">The first block covered.</param>
/// <param name="To">The last block covered: the new cursor.</param>
/// <param name="Facts">The rows, in log order.</param>
/// <param name="Blocks">Block hashes to retain (blocks with logs and the last block).</param>
/// <param name="RetainFrom">Retained hashes of blocks below this number may be forgotten.</param>
public sealed record IndexBatch(
    long ChainId,
    BlockRef? Previous,
    long FromBlock,
    BlockRef To,
    IReadOnlyList<LoggedFact> Facts,
    IReadOnlyList<BlockRef> Blocks,
    long RetainFrom);
