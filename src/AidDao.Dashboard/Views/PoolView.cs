namespace AidDao.Dashboard.Views;

/// <summary>An emergency pool as the dashboard shows it.</summary>
public sealed record PoolView(
    string Address,
    string Name,
    bool Paused,
    long? EmergencyEndsAt,
    int EmergencyThreshold,
    long WindowSeconds,
    long RequestLifetimeSeconds,
    IReadOnlyList<PoolAssetView> Assets,
    IReadOnlyList<RequestView> Pending,
    IReadOnlyList<RequestView> Decided,
    IReadOnlyList<BalancePointView> History,
    IReadOnlyList<PoolChangeView> Changes);
