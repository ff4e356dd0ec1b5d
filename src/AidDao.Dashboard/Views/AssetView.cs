namespace AidDao.Dashboard.Views;

/// <summary>An asset (the zero address is the chain's native coin).</summary>
public sealed record AssetView(string Address, string Symbol, int Decimals);
