using AidDao.Core.Indexing;
using AidDao.Data;

namespace AidDao.Indexer;

/// <summary>The chains a process indexes, with their store, options and change sink: what <see cref="IndexerJob"/> needs.</summary>
public sealed class IndexerRegistry
{
    private readonly Dictionary<long, IndexTarget> _targets = [];

    /// <summary>Creates a registry.</summary>
    public IndexerRegistry(IndexStore store, IndexerOptions options, IIndexChangeSink? changes)
    {
        Store = store ?? throw new ArgumentNullException(nameof(store));
        Options = options ?? throw new ArgumentNullException(nameof(options));
        Changes = changes;
    }

    /// <summary>Where the indexes live.</summary>
    public IndexStore Store { get; }

    /// <summary>How chains are followed.</summary>
    public IndexerOptions Options { get; }

    /// <summary>Where committed changes are reported.</summary>
    public IIndexChangeSink? Changes { get; }

    /// <summary>The chains, by id.</summary>
    public IReadOnlyDictionary<long, IndexTarget> Targets => _targets;

    /// <summary>Adds (or replaces) the target of a chain.</summary>
    public void Add(IndexTarget target)
    {
        ArgumentNullException.ThrowIfNull(target);
        _targets[target.ChainId] = target;
    }

    /// <summary>Creates an indexer for a configured chain.</summary>
    public ChainIndexer CreateIndexer(long chainId) =>
        _targets.TryGetValue(chainId, out var target)
            ? new ChainIndexer(target, Store, Options, Changes)
            : throw new InvalidOperationException($"Chain {chainId} is not configured for indexing.");
}
