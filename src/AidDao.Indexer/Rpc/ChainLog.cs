using Nethereum.RPC.Eth.DTOs;

namespace AidDao.Indexer.Rpc;

/// <summary>
/// A log as <see cref="EthLogClient"/> reads it: Nethereum's <see cref="FilterLog"/> (ready for the generated event DTOs
/// to decode) plus its block's timestamp, which some nodes (Anvil, Reth, recent Geth) put in every log
/// (<c>blockTimestamp</c>) and others leave out.
/// </summary>
public sealed class ChainLog : FilterLog
{
    /// <summary>The block's timestamp (Unix seconds); null when the node did not include it.</summary>
    public long? BlockTimestamp { get; set; }
}
