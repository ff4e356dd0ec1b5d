using AidDao.Indexer;

namespace AidDao.Cli.Bench;

/// <summary>One batch size's figures: the bare loop and the indexer over the same events.</summary>
/// <param name="BatchSize">Blocks per eth_getLogs request.</param>
/// <param name="Events">Events over the range (both saw the same).</param>
/// <param name="RawSeconds">The bare loop's median time.</param>
/// <param name="IndexerSeconds">The indexer's median time.</param>
/// <param name="Stats">Where the median indexer run spent its time.</param>
/// <param name="PostgresSeconds">The indexer's median time into PostgreSQL; null when not measured.</param>
/// <param name="PostgresStats">Where the median PostgreSQL run spent its time.</param>
internal sealed record IndexBenchRow(int BatchSize, long Events, double RawSeconds, double IndexerSeconds, IndexerStats Stats,
    double? PostgresSeconds = null, IndexerStats? PostgresStats = null)
{
    /// <summary>The bare loop's events per second.</summary>
    public double RawRate => Events / RawSeconds;

    /// <summary>The indexer's events per second.</summary>
    public double IndexerRate => Events / IndexerSeconds;

    /// <summary>Indexer throughput over the bare loop's.</summary>
    public double Ratio => IndexerRate / RawRate;

    /// <summary>The indexer's events per second into PostgreSQL; null when not measured.</summary>
    public double? PostgresRate => Events / PostgresSeconds;
}
