namespace AidDao.Indexer;

/// <summary>How an indexer follows a chain. Defaults suit a local development chain.</summary>
public sealed class IndexerOptions
{
    /// <summary>Blocks below the head the index stays (a block is indexed once it has this many on top). Default 0.</summary>
    public int Confirmations { get; set; }

    /// <summary>Blocks per <c>eth_getLogs</c> request to start with. Default 500.</summary>
    public long InitialSpan { get; set; } = 500;

    /// <summary>The most blocks per <c>eth_getLogs</c> request. Default 2,000.</summary>
    public long MaxSpan { get; set; } = 2_000;

    /// <summary>
    /// The deepest reorganisation repaired in place, in blocks; block hashes are retained this far back. A deeper one stops
    /// the indexer with <see cref="IndexReorgTooDeepException"/>. Default 64.
    /// </summary>
    public int MaxReorgDepth { get; set; } = 64;

    /// <summary>How long one JSON-RPC call may take. Default 30 s.</summary>
    public TimeSpan RpcTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often a caught-up indexer asks for a new head. Default 250 ms.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>The first wait after a failed step; it doubles up to <see cref="MaxBackoff"/>. Default 200 ms.</summary>
    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The longest wait between retries of a failing step. Default 10 s.</summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long an indexer's claim on a chain lasts without renewal (another instance may take over after). Default 30 s.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Consecutive failed steps after which the indexer gives up (0: never). Default 0.</summary>
    public int MaxConsecutiveFailures { get; set; }
}
