namespace AidDao.Indexer;

/// <summary>
/// The latest values an indexer of this process saw for one chain (see <see cref="IndexerMetrics.Snapshot"/>): what a
/// health endpoint shows.
/// </summary>
/// <param name="ChainId">The chain.</param>
/// <param name="Head">The chain's head as the node last reported it; null before the first step.</param>
/// <param name="Cursor">The last committed block of the index; null before the indexer loaded it.</param>
/// <param name="Lag">
/// Blocks the index is behind: head − <see cref="IndexerOptions.Confirmations"/> − cursor, at least 0 (0 when caught up);
/// null while head or cursor is unknown.
/// </param>
/// <param name="LeaseHeld">Whether an indexer of this process holds the chain's lease (so it is the one following it).</param>
/// <param name="LastCommitAt">When a batch was last committed; null when none was since the process started.</param>
/// <param name="UpdatedAt">When an indexer last reported anything for the chain (a live follower does so every poll).</param>
public sealed record IndexerChainSnapshot(
    long ChainId,
    long? Head,
    long? Cursor,
    long? Lag,
    bool LeaseHeld,
    DateTimeOffset? LastCommitAt,
    DateTimeOffset UpdatedAt);
