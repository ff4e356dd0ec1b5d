namespace AidDao.Dashboard.Views;

/// <summary>A funding round as the dashboard shows it: its windows, money and leaderboard.</summary>
public sealed record RoundView(
    string Address,
    string Name,
    AssetView Asset,
    string Mode,
    string Status,
    string Phase,
    RoundScheduleView Schedule,
    string MinimumContribution,
    int CapBasisPoints,
    string MatchingPool,
    string Balance,
    string Matched,
    string Remainder,
    IReadOnlyList<ProjectView> Projects);
