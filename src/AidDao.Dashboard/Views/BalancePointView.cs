namespace AidDao.Dashboard.Views;

/// <summary>A pool's balance of one asset after a block that changed it.</summary>
public sealed record BalancePointView(string Asset, long Block, long? Time, string Balance);
