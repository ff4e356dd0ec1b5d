using AidDao.Core;

namespace AidDao.Indexer;

/// <summary>What an indexer follows: the communities of one chain, their factories, and the block to start from.</summary>
/// <param name="ChainId">The chain (checked against the node).</param>
/// <param name="Rpc">The node's JSON-RPC endpoint.</param>
/// <param name="CommunityFactory">The factory whose PoolCreated (and CommunityCreated) events reveal the communities' pools.</param>
/// <param name="RoundFactory">The factory whose RoundCreated events reveal the communities' rounds; null to follow no rounds.</param>
/// <param name="Communities">The communities followed.</param>
/// <param name="FromBlock">The first block to index (at least 1).</param>
public sealed record IndexTarget(
    long ChainId,
    Uri Rpc,
    EthAddress CommunityFactory,
    EthAddress? RoundFactory,
    IReadOnlyList<EthAddress> Communities,
    long FromBlock);
