using AidDao.Dashboard.Views;

namespace AidDao.Dashboard;

/// <summary>What the hub calls on every open page.</summary>
public interface IDashboardClient
{
    /// <summary>A committed indexer step: new events and fresh snapshots of what changed.</summary>
    Task Update(DashboardUpdate update);
}
