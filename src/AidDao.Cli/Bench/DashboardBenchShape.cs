namespace AidDao.Cli.Bench;

/// <summary>What one <c>aiddao bench dashboard</c> run does.</summary>
/// <param name="Clients">Clients connected in each phase.</param>
/// <param name="Updates">Indexer commits (so updates) measured per phase.</param>
/// <param name="Rate">Round contributions sent per second during a phase.</param>
/// <param name="Runs">Runs of the phases (SignalR, through the backplane when measured, raw), alternating; the median of each figure is reported.</param>
/// <param name="Backplane">Whether SignalR through a Redis backplane is measured too.</param>
internal sealed record DashboardBenchShape(int Clients, int Updates, double Rate, int Runs, bool Backplane = false)
{
    /// <summary>How long a phase waits after its last commit for deliveries still on their way.</summary>
    public static TimeSpan Grace { get; } = TimeSpan.FromSeconds(5);

    /// <summary>Clients connecting at the same time; the next batch starts when one has finished.</summary>
    public const int ConnectBatch = 50;

    /// <summary>Why the shape cannot run, or null.</summary>
    public string? Problem() =>
        Clients < 1 || Updates < 1 || Runs < 1 ? "--clients, --updates and --runs must be at least 1."
        : !(Rate > 0 && Rate <= 100) ? "--rate must be above 0 and at most 100 updates per second."
        : null;
}
