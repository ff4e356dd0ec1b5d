using AidDao.Core;
using AidDao.Data;

namespace AidDao.Indexer;

/// <summary>
/// The communities an index follows on a chain, as recorded in it (the <c>community</c> contracts it watches), and the
/// check that a process about to index there follows exactly those: one index, one cursor and one lease per chain serve
/// one set of communities.
/// </summary>
public static class IndexedCommunities
{
    /// <summary>The communities the index of <paramref name="chainId"/> follows (lower-case addresses, sorted); empty before it starts.</summary>
    public static async Task<IReadOnlyList<string>> GetAsync(IndexStore store, long chainId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        var contracts = await store.GetContractsAsync(chainId, cancellationToken).ConfigureAwait(false);
        return contracts.Where(c => c.Kind == ContractKinds.Community).Select(c => c.Address.ToLowerInvariant())
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// Refuses to index <paramref name="target"/> into a database whose index of that chain follows other communities
    /// (more, fewer or different ones): the processes would share one lease and one cursor while each indexes only its
    /// own. An index not started yet, or one of exactly these communities, passes.
    /// </summary>
    /// <exception cref="AidDaoInputException">The index follows other communities on that chain.</exception>
    public static async Task EnsureSameAsync(IndexStore store, IndexTarget target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(target);
        var indexed = await GetAsync(store, target.ChainId, cancellationToken).ConfigureAwait(false);
        var wanted = target.Communities.Select(c => c.Value.ToLowerInvariant()).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (indexed.Count == 0 || indexed.SequenceEqual(wanted, StringComparer.Ordinal)) return;
        throw new AidDaoInputException(
            $"The index database {store.Database.Description} already follows chain {target.ChainId} for communities {Names(indexed)}, not {Names(wanted)}: " +
            "use another database (--db) for these communities, or list the same communities it follows.");
    }

    private static string Names(IEnumerable<string> addresses) => string.Join(", ", addresses.Select(EthAddress.FromChain));
}
