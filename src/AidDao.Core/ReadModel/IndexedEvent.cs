namespace AidDao.Core.ReadModel;

/// <summary>One indexed log of an AidDao contract, decoded.</summary>
/// <param name="BlockNumber">Its block.</param>
/// <param name="BlockHash">Its block's hash (0x-hex, lower case).</param>
/// <param name="LogIndex">Its index in the block: (block, log index) orders events and names a position to resume after.</param>
/// <param name="TransactionHash">Its transaction (0x-hex, lower case).</param>
/// <param name="Contract">The contract that emitted it (a factory for <c>PoolCreated</c>, <c>RoundCreated</c>, <c>CommunityCreated</c>).</param>
/// <param name="Name">The event's name as in the contract, e.g. <c>Deposited</c> (<c>undecodable:&lt;name&gt;</c> for a log that would not decode).</param>
/// <param name="Args">
/// Its arguments by their names in the contract: amounts and ids as decimal digits, addresses and bytes as 0x-hex,
/// booleans as <c>true</c>/<c>false</c>.
/// </param>
/// <param name="Timestamp">Its block's time (Unix seconds); null in an index that has no time for that block.</param>
public sealed record IndexedEvent(
    long BlockNumber,
    string BlockHash,
    long LogIndex,
    string TransactionHash,
    EthAddress Contract,
    string Name,
    IReadOnlyDictionary<string, string> Args,
    long? Timestamp);
