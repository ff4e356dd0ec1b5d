namespace AidDao.Dashboard.Views;

/// <summary>
/// What a page receives after each committed indexer step (and in answer to a catch-up): the new events, oldest first,
/// fresh snapshots of what changed, and the chain's time (Unix seconds) for countdowns.
/// </summary>
public sealed record DashboardUpdate(
    long ChainId,
    CursorView Cursor,
    long FromBlock,
    bool RolledBack,
    IReadOnlyList<EventView> Events,
    CommunityView? Community,
    IReadOnlyList<PoolView> Pools,
    IReadOnlyList<RoundView> Rounds,
    long ChainTime);
