using AidDao.Contracts.CommunityFactory.ContractDefinition;
using AidDao.Contracts.RoundFactory.ContractDefinition;
using AidDao.Core;
using AidDao.Data;
using AidDao.Indexer.Rpc;
using Nethereum.Contracts;
using Nethereum.RPC.Eth.DTOs;
using CommunityFactoryCreated = AidDao.Contracts.CommunityFactory.ContractDefinition.CommunityCreatedEventDTO;

namespace AidDao.Indexer;

/// <summary>Loading the cursor and the followed contracts, and finding new ones.</summary>
public sealed partial class ChainIndexer
{
    private async Task<BlockRef> LoadAsync(CancellationToken cancellationToken)
    {
        var chainId = await _rpc.GetChainIdAsync(cancellationToken).ConfigureAwait(false);
        if (chainId != _target.ChainId)
            throw new AidDaoInputException($"The node at {_rpcShown} serves chain {chainId}, but this index is for chain {_target.ChainId}; check the RPC URL.");
        var cursor = await _store.GetCursorAsync(_target.ChainId, cancellationToken).ConfigureAwait(false);
        if (cursor is null)
        {
            var start = Math.Max(1, _target.FromBlock);
            var parent = await _rpc.GetBlockAsync(start - 1, cancellationToken).ConfigureAwait(false)
                ?? throw new AidDaoInputException($"The chain has no block {start - 1} yet: choose a start block at or below its head.");
            var startRef = new BlockRef(parent.Number, parent.Hash);
            await _store.StartAsync(_target.ChainId, startRef, await KnownContractsAsync(startRef, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
            cursor = await _store.GetCursorAsync(_target.ChainId, cancellationToken).ConfigureAwait(false) ?? startRef;
        }
        var watched = new Dictionary<string, WatchedContract>(StringComparer.Ordinal);
        var stored = await _store.GetContractsAsync(_target.ChainId, cancellationToken).ConfigureAwait(false);
        var indexedCommunities = stored.Where(c => c.Kind == ContractKinds.Community).Select(c => c.Address).ToHashSet(StringComparer.Ordinal);
        var missing = _target.Communities.Where(c => !indexedCommunities.Contains(c.Value.ToLowerInvariant())).ToList();
        if (missing.Count > 0)
            throw new AidDaoInputException(
                $"This index of chain {_target.ChainId} ({_store.Database.Description}) follows {string.Join(", ", indexedCommunities.Select(EthAddress.FromChain))}, not {string.Join(", ", missing)}: " +
                "index another community into its own database (added to this one, its history before the index's cursor would be missing).");
        foreach (var contract in stored)
            if (_target.Communities.Any(c => c.Value.Equals(contract.Community, StringComparison.OrdinalIgnoreCase)))
                watched.TryAdd(contract.Address, contract);
        foreach (var community in _target.Communities)
            watched.TryAdd(community.Value.ToLowerInvariant(), new WatchedContract(community.Value.ToLowerInvariant(), ContractKinds.Community, community.Value.ToLowerInvariant(), "", cursor.Number));
        _watched = watched;
        _cursor = cursor;
        _metrics.CursorLoaded(_target.ChainId, cursor.Number);
        if (!_started)
        {
            _started = true;
            LogStarted(_log, _target.ChainId, cursor.Number, _rpcShown, Owner);
        }
        return cursor;
    }

    /// <summary>
    /// The contracts of the target communities created up to <paramref name="at"/>, from the factories' own logs (a node
    /// keeps logs where it may have pruned old state): the token named at the community's creation, its pools and rounds.
    /// </summary>
    private async Task<IReadOnlyList<LoggedFact>> KnownContractsAsync(BlockRef at, CancellationToken cancellationToken)
    {
        var facts = new List<LoggedFact>();
        var entry = 0;
        foreach (var community in _target.Communities)
        {
            var address = community.Value.ToLowerInvariant();
            void Add(string contract, string kind, string name) => facts.Add(new LoggedFact(
                new LogPosition(at.Number, at.Hash, -1, "", address),
                new FactRow(ReadModelSchema.Contracts, [contract.ToLowerInvariant(), kind, address, name, "", -1L], entry++)));
            Add(address, ContractKinds.Community, "");
            if (at.Number < 1) continue;
            var topic = "0x" + address[2..].PadLeft(64, '0');
            try
            {
                foreach (var log in await _rpc.FindLogsAsync(0, at.Number, [EventCatalog.TopicOf<CommunityFactoryCreated>(), null, topic], cancellationToken, _target.CommunityFactory.Value).ConfigureAwait(false))
                    Add(log.DecodeEvent<CommunityFactoryCreated>().Event.Token, ContractKinds.Token, "");
                foreach (var log in await _rpc.FindLogsAsync(0, at.Number, [EventCatalog.TopicOf<PoolCreatedEventDTO>(), topic], cancellationToken, _target.CommunityFactory.Value).ConfigureAwait(false))
                    Add(log.DecodeEvent<PoolCreatedEventDTO>().Event.Pool, ContractKinds.Pool, "");
                if (_target.RoundFactory is not { } roundFactory) continue;
                foreach (var log in await _rpc.FindLogsAsync(0, at.Number, [EventCatalog.TopicOf<RoundCreatedEventDTO>(), topic], cancellationToken, roundFactory.Value).ConfigureAwait(false))
                    Add(log.DecodeEvent<RoundCreatedEventDTO>().Event.Round, ContractKinds.Round, "");
            }
            catch (RpcCallException e) when (e.Code is not null)
            {
                throw new AidDaoException($"The node would not list community {community}'s pools and rounds created before block {at.Number + 1} ({e.Message}): start the index at the community's creation block instead.", e);
            }
        }
        return facts;
    }

    /// <summary>Contracts revealed by factory logs (and a community's initialisation) that are not followed yet.</summary>
    private List<WatchedContract> Discover(IReadOnlyList<FilterLog> logs, Dictionary<string, WatchedContract> watched, Dictionary<string, WatchedContract> found)
    {
        var fresh = new List<WatchedContract>();
        var scratchFacts = new List<LoggedFact>();
        var scratch = new List<WatchedContract>();
        foreach (var log in logs)
        {
            var address = log.Address.ToLowerInvariant();
            var fromFactory = _factories.Contains(address);
            watched.TryGetValue(address, out var emitter);
            if (!fromFactory && emitter?.Kind != ContractKinds.Community) continue;
            if (_catalog.Find(log) is not { } definition) continue;
            if (definition.Name is not ("CommunityCreated" or "PoolCreated" or "RoundCreated" or "CommunityInitialized")) continue;
            scratch.Clear();
            _projector.Project(new LogPosition((long)log.BlockNumber.Value, log.BlockHash, (long)log.LogIndex.Value, "", address),
                definition, "", "", definition.Decode(log), fromFactory ? null : emitter, scratchFacts, scratch);
            foreach (var contract in scratch)
                if (!watched.ContainsKey(contract.Address) && found.TryAdd(contract.Address, contract))
                    fresh.Add(contract);
        }
        return fresh;
    }
}
