namespace AidDao.Dashboard.Views;

/// <summary>Everything the page shows when it opens, with the chain's time (Unix seconds) for countdowns.</summary>
public sealed record OverviewView(
    ChainView Chain,
    CursorView? Cursor,
    CommunityView? Community,
    IReadOnlyList<PoolView> Pools,
    IReadOnlyList<RoundView> Rounds,
    IReadOnlyList<EventView> Activity,
    long ChainTime);
