namespace AidDao.Data;

/// <summary>Where a log sits on the chain: the shared columns of every fact derived from it.</summary>
/// <param name="BlockNumber">The block's number.</param>
/// <param name="BlockHash">The block's hash (0x-hex, lower case).</param>
/// <param name="LogIndex">The log's index in the block.</param>
/// <param name="TransactionHash">The transaction's hash.</param>
/// <param name="Contract">The emitting contract (0x-hex, lower case, like every address in the read model).</param>
/// <param name="BlockTime">The block's timestamp (Unix seconds) when known; kept with the log's event (<c>events.block_time</c>).</param>
public sealed record LogPosition(long BlockNumber, string BlockHash, long LogIndex, string TransactionHash, string Contract, long? BlockTime = null);
