namespace AidDao.Dashboard.Views;

/// <summary>A signed-in account.</summary>
public sealed record SessionView(string Address, bool Steward, long ExpiresAt);
