using AidDao.Contracts.CommunityFactory.ContractDefinition;
using AidDao.Contracts.RoundFactory.ContractDefinition;
using AidDao.Core;
using AidDao.Indexer.Rpc;

namespace AidDao.Indexer;

/// <summary>
/// Finds the factories of a community from the chain's logs when they are not given: the contract that announced the
/// community's creation (CommunityCreated) and the one that announced its rounds (RoundCreated). Each must be the only
/// such announcer; a second one (a look-alike contract) makes discovery refuse and ask for the address.
/// </summary>
public static class FactoryDiscovery
{
    /// <summary>The community factory and round factory (null when the community has no round yet) of <paramref name="community"/>.</summary>
    /// <exception cref="AidDaoInputException">The community's creation is not on this chain, or several contracts claim it.</exception>
    public static async Task<(EthAddress CommunityFactory, EthAddress? RoundFactory, long CreatedAt)> FindAsync(EthLogClient rpc, Nethereum.Web3.IWeb3 web3, EthAddress community, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rpc);
        try
        {
            return await SearchAsync(rpc, web3, community, cancellationToken).ConfigureAwait(false);
        }
        catch (RpcCallException e)
        {
            throw new AidDaoInputException($"The node would not search the whole chain for community {community}'s factories ({e.Message}): give --factory, --round-factory and --from.", e);
        }
    }

    private static async Task<(EthAddress CommunityFactory, EthAddress? RoundFactory, long CreatedAt)> SearchAsync(EthLogClient rpc, Nethereum.Web3.IWeb3 web3, EthAddress community, CancellationToken cancellationToken)
    {
        var head = await rpc.GetHeadAsync(cancellationToken).ConfigureAwait(false);
        var topic = "0x" + community.Value[2..].ToLowerInvariant().PadLeft(64, '0');
        var created = await rpc.FindLogsAsync(0, head, [EventCatalog.TopicOf<CommunityCreatedEventDTO>(), null, topic], cancellationToken).ConfigureAwait(false);
        var factories = created.Select(l => l.Address.ToLowerInvariant()).Distinct(StringComparer.Ordinal).ToList();
        if (factories.Count == 0)
            throw new AidDaoInputException($"No AidDao factory created community {community} on this chain: check the address and the RPC URL, or give --factory.");
        if (factories.Count > 1)
            throw new AidDaoInputException($"{factories.Count} contracts claim to have created community {community}: give the real one with --factory.");
        var rounds = await rpc.FindLogsAsync(0, head, [EventCatalog.TopicOf<RoundCreatedEventDTO>(), topic], cancellationToken).ConfigureAwait(false);
        // A round factory must name this community factory as its own (a contract that merely emits RoundCreated does not).
        var roundFactories = new List<string>();
        foreach (var candidate in rounds.Select(l => l.Address.ToLowerInvariant()).Distinct(StringComparer.Ordinal))
        {
            string named;
            try
            {
                named = await new AidDao.Contracts.RoundFactory.RoundFactoryService(web3, candidate).CommunityFactoryQueryAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is Nethereum.JsonRpc.Client.RpcResponseException or Nethereum.ABI.FunctionEncoding.SmartContractRevertException or ArgumentException or FormatException)
            {
                continue;
            }
            if (named.Equals(factories[0], StringComparison.OrdinalIgnoreCase)) roundFactories.Add(candidate);
        }
        if (roundFactories.Count > 1)
            throw new AidDaoInputException($"{roundFactories.Count} contracts claim to have created rounds of community {community}: give the real one with --round-factory.");
        return (EthAddress.FromChain(factories[0]), roundFactories.Count == 1 ? EthAddress.FromChain(roundFactories[0]) : null, (long)created[0].BlockNumber.Value);
    }
}
