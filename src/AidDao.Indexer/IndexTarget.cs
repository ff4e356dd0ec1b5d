using System.Security.Cryptography;
using System.Text;
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
    long FromBlock)
{
    /// <summary>
    /// A short name of the followed communities that every process following the same ones computes alike: 8 hex digits
    /// of the SHA-256 of their lower-case addresses, sorted and comma-separated (order and repeats do not matter).
    /// </summary>
    public string CommunitiesKey => Key(string.Join(',', Communities.Select(c => c.Value.ToLowerInvariant()).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)));

    /// <summary>8 lower-case hex digits of the SHA-256 of <paramref name="text"/>.</summary>
    internal static string Key(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)).AsSpan(0, 4));
}
