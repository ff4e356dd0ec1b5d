namespace AidDao.Dashboard.Views;

/// <summary>The limits a SetAssetLimits change would give an asset (smallest units; mint rate in token units per whole asset unit).</summary>
public sealed record AssetLimitsView(string MintRate, string PerRequestMax, string WindowCap, string ReserveFloor, string FastPathCap);
