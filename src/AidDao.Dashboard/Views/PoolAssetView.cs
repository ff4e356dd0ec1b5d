namespace AidDao.Dashboard.Views;

/// <summary>One asset of a pool: what it holds and its limits (amounts in the asset's smallest unit).</summary>
public sealed record PoolAssetView(
    AssetView Asset,
    string Balance,
    string Deposited,
    string WindowCap,
    string WindowUsed,
    string PerRequestMax,
    string ReserveFloor,
    string FastPathCap);
