using AidDao.Core.Indexing;
using AidDao.Data;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AidDao.Indexer;

/// <summary>The chains a process indexes, with their store, options and change sink: what <see cref="IndexerJob"/> needs.</summary>
public sealed class IndexerRegistry
{
    private readonly Dictionary<long, IndexTarget> _targets = [];
    private ILoggerFactory _loggerFactory = NullLoggerFactory.Instance;
    private IndexerMetrics _metrics = IndexerMetrics.Default;

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

    /// <summary>Where the indexers and their jobs log. Default: nowhere (<see cref="NullLoggerFactory"/>).</summary>
    public ILoggerFactory LoggerFactory
    {
        get => _loggerFactory;
        set => _loggerFactory = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>
    /// Where the indexers count (and what a health endpoint reads through <see cref="IndexerMetrics.Snapshot"/>).
    /// Default: <see cref="IndexerMetrics.Default"/>.
    /// </summary>
    public IndexerMetrics Metrics
    {
        get => _metrics;
        set => _metrics = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>The chains, by id.</summary>
    public IReadOnlyDictionary<long, IndexTarget> Targets => _targets;

    /// <summary>
    /// The Hangfire queue of these chains' jobs: <c>aiddao_</c> and 8 hex digits of the SHA-256 of the chains and their
    /// <see cref="IndexTarget.CommunitiesKey"/>s. Servers that follow the same chains and communities share it; servers
    /// of other deployments on the same Hangfire storage never fetch these jobs (nor these servers theirs).
    /// </summary>
    public string Queue => "aiddao_" + IndexTarget.Key(string.Join(';', _targets.Values.OrderBy(t => t.ChainId)
        .Select(t => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{t.ChainId}:{t.CommunitiesKey}"))));

    /// <summary>Adds (or replaces) the target of a chain.</summary>
    public void Add(IndexTarget target)
    {
        ArgumentNullException.ThrowIfNull(target);
        _targets[target.ChainId] = target;
    }

    /// <summary>Creates an indexer for a configured chain.</summary>
    public ChainIndexer CreateIndexer(long chainId) =>
        _targets.TryGetValue(chainId, out var target)
            ? new ChainIndexer(target, Store, Options, Changes, logger: LoggerFactory.CreateLogger<ChainIndexer>(), metrics: Metrics)
            : throw new InvalidOperationException($"Chain {chainId} is not configured for indexing.");
}
