using AidDao.Core;
using AidDao.Core.Communities;
using AidDao.Indexer;
using AidDao.Indexer.Rpc;

namespace AidDao.Cli.Commands;

/// <summary>What <c>aiddao index</c> and <c>aiddao serve</c> follow: communities, their factories and the first block.</summary>
internal static class IndexTargets
{
    /// <summary>
    /// The target for <paramref name="communities"/>: factories and start block as given, else found from each
    /// community's creation in the chain's logs (all must share the factories).
    /// </summary>
    public static Task<IndexTarget> ResolveAsync(CliContext c, ChainConnection connection, EthLogClient rpc, IReadOnlyList<EthAddress> communities,
        string? factory, string? roundFactory, long? from, CancellationToken ct) =>
        ResolveAsync(c, connection, rpc, communities, factory, roundFactory, from, null, ct);

    /// <summary>
    /// As <see cref="ResolveAsync(CliContext, ChainConnection, EthLogClient, IReadOnlyList{EthAddress}, string?, string?, long?, CancellationToken)"/>;
    /// when no round of the communities exists yet, the RoundFactory comes from <paramref name="record"/> if it is the
    /// deployment of the communities' factory.
    /// </summary>
    public static async Task<IndexTarget> ResolveAsync(CliContext c, ChainConnection connection, EthLogClient rpc, IReadOnlyList<EthAddress> communities,
        string? factory, string? roundFactory, long? from, DeploymentRecord? record, CancellationToken ct)
    {
        EthAddress? communityFactory = factory is { } f ? EthAddress.Parse(f, "--factory address") : null;
        EthAddress? rounds = roundFactory is { } rf ? EthAddress.Parse(rf, "--round-factory address") : null;
        var start = from;
        if (communityFactory is null || rounds is null || start is null)
        {
            foreach (var community in communities)
            {
                var found = await FactoryDiscovery.FindAsync(rpc, connection.Web3, community, ct).ConfigureAwait(false);
                if (communityFactory is { } known && known != found.CommunityFactory)
                    throw new AidDaoInputException($"Community {community} was created by factory {found.CommunityFactory}, not {known}: index communities of different factories into different databases.");
                communityFactory = found.CommunityFactory;
                if (rounds is { } knownRounds && found.RoundFactory is { } r && r != knownRounds && roundFactory is null)
                    throw new AidDaoInputException($"Community {community}'s rounds come from {r}, not {knownRounds}: index them into different databases.");
                rounds ??= found.RoundFactory;
                if (from is null) start = Math.Min(start ?? long.MaxValue, found.CreatedAt);
            }
            if (rounds is null && record is not null && record.CommunityFactory == communityFactory)
                rounds = record.RoundFactory;
            if (rounds is null)
                await c.Error.WriteLineAsync("note: no round of these communities exists yet, so their round factory is unknown; give --round-factory to follow rounds created later.").ConfigureAwait(false);
        }
        return new IndexTarget(connection.ChainId, connection.RpcUrl, communityFactory!.Value, rounds, communities, start!.Value);
    }
}
