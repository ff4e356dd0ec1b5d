namespace AidDao.Dashboard.Views;

/// <summary>Where the index stands: the last indexed block and how many events it holds.</summary>
public sealed record CursorView(long Block, string Hash, long Events);
