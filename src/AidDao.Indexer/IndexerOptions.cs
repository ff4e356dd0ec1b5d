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

    /// <summary>
    /// How often <see cref="IndexerHost"/> runs each chain's job as a watchdog (a run that finds the follower alive ends
    /// at once; one that finds it gone takes over from the last committed cursor). Default 1 minute.
    /// </summary>
    /// <remarks>
    /// A cron schedule repeats evenly only in divisors of a minute or an hour, so the interval is one of 5, 6, 10, 12,
    /// 15, 20 or 30 seconds, or 1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30 or 60 minutes. The Hangfire server checks its
    /// schedule and queue every fifth of it (at least 1 s, at most 15 s). A follower that died without releasing its
    /// lease (its machine or network gone) is replaced within about
    /// <see cref="LeaseDuration"/> + 1.4 × <see cref="WatchdogInterval"/>: its lease runs out, the next run comes, the
    /// scheduler sees it and a worker fetches it. One that stopped cleanly, or a killed process of the same machine, is
    /// replaced within about 1.4 × <see cref="WatchdogInterval"/> (its lease is released, or taken over at once when it was of
    /// the same machine and PID namespace, see <see cref="LeaseOwner"/>).
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException">The interval is not one of the allowed values.</exception>
    public TimeSpan WatchdogInterval
    {
        get => _watchdogInterval;
        set
        {
            if (!IsWholeDivisor(value, TimeSpan.FromSeconds(1), 5, 30) && !IsWholeDivisor(value, TimeSpan.FromMinutes(1), 1, 60))
                throw new ArgumentOutOfRangeException(nameof(value), value,
                    "The watchdog interval must be 5, 6, 10, 12, 15, 20 or 30 seconds, or 1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30 or 60 minutes " +
                    "(a schedule repeats evenly only in divisors of a minute or an hour); choose the nearest of these.");
            _watchdogInterval = value;
        }
    }

    private TimeSpan _watchdogInterval = TimeSpan.FromMinutes(1);

    /// <summary>Whether <paramref name="value"/> is a whole number of <paramref name="unit"/>s in [min, max] that divides 60.</summary>
    private static bool IsWholeDivisor(TimeSpan value, TimeSpan unit, int min, int max) =>
        value.Ticks % unit.Ticks == 0 && value.Ticks / unit.Ticks is var count && count >= min && count <= max && 60 % count == 0;
}
