namespace AidDao.Cli.Bench;

/// <summary>One phase (or the medians of several) of the dashboard benchmark.</summary>
/// <param name="Transport">"SignalR" or "raw WebSocket".</param>
/// <param name="Clients">Clients connected.</param>
/// <param name="Updates">Indexer commits stamped, each sent as one update.</param>
/// <param name="Expected">Clients × updates.</param>
/// <param name="Delivered">(client, update) pairs received.</param>
/// <param name="P50">Median latency from commit to a client having the update, in milliseconds.</param>
/// <param name="P99">99th percentile of that latency.</param>
/// <param name="Max">Its maximum.</param>
/// <param name="BuildP50">Median time from commit to the publisher sending the update (reading the index, building it).</param>
/// <param name="ConnectSeconds">Time to connect every client, in batches.</param>
internal sealed record DashboardBenchRow(string Transport, int Clients, int Updates, long Expected, long Delivered,
    double P50, double P99, double Max, double BuildP50, double ConnectSeconds)
{
    /// <summary>Delivered / expected.</summary>
    public double Fraction => Expected == 0 ? 0 : (double)Delivered / Expected;

    /// <summary>The median of each figure over <paramref name="rows"/> (one transport's phases).</summary>
    public static DashboardBenchRow Median(IReadOnlyList<DashboardBenchRow> rows)
    {
        ArgumentOutOfRangeException.ThrowIfZero(rows.Count);
        double M(Func<DashboardBenchRow, double> f) => rows.Select(f).Order().ElementAt(rows.Count / 2);
        var byFraction = rows.OrderBy(r => r.Fraction).ElementAt(rows.Count / 2);
        return new DashboardBenchRow(rows[0].Transport, rows[0].Clients, byFraction.Updates, byFraction.Expected, byFraction.Delivered,
            M(r => r.P50), M(r => r.P99), M(r => r.Max), M(r => r.BuildP50), M(r => r.ConnectSeconds));
    }
}
