namespace AidDao.Indexer.Rpc;

/// <summary>A block header as far as the indexer needs it.</summary>
/// <param name="Number">The block's number.</param>
/// <param name="Hash">Its hash (0x-hex, lower case).</param>
/// <param name="ParentHash">Its parent's hash.</param>
/// <param name="Timestamp">Its timestamp (Unix seconds).</param>
public sealed record ChainBlock(long Number, string Hash, string ParentHash, long Timestamp);
