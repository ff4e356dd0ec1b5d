namespace AidDao.Dashboard.Views;

/// <summary>The backplane's Redis as <c>/health</c> found it (present only when one is configured).</summary>
public sealed record RedisHealthView(bool Reachable);
