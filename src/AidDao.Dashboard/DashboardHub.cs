using AidDao.Dashboard.Views;
using Microsoft.AspNetCore.SignalR;

namespace AidDao.Dashboard;

/// <summary>
/// The live channel to the pages. The server pushes <see cref="IDashboardClient.Update"/> after every committed indexer
/// step; a page that (re)connects calls <see cref="CatchUp"/> with the newest event it has shown.
/// </summary>
public sealed class DashboardHub : Hub<IDashboardClient>
{
    /// <summary>Where the hub is mapped.</summary>
    public const string Path = "/hubs/dashboard";

    private readonly DashboardSnapshots _snapshots;

    /// <summary>Creates the hub for one connection's call.</summary>
    public DashboardHub(DashboardSnapshots snapshots) => _snapshots = snapshots;

    /// <summary>
    /// Every event after (<paramref name="afterBlock"/>, <paramref name="afterLogIndex"/>), oldest first, at most
    /// <see cref="DashboardSnapshots.CatchUpPage"/> (ask again from the last one while a full page comes back), with
    /// snapshots of the community, every pool and every round. A page that has shown nothing passes -1, -1.
    /// </summary>
    public Task<DashboardUpdate> CatchUp(long afterBlock, long afterLogIndex) =>
        _snapshots.CatchUpAsync(afterBlock, afterLogIndex, Context.ConnectionAborted);
}
