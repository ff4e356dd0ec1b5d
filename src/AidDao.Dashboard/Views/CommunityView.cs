namespace AidDao.Dashboard.Views;

/// <summary>A community: settings, stewards, members, pools and rounds.</summary>
public sealed record CommunityView(
    string Address,
    string Name,
    string? Token,
    int Threshold,
    int AdmissionApprovals,
    int VouchesRequired,
    IReadOnlyList<string> Stewards,
    IReadOnlyList<string> Members,
    IReadOnlyList<string> Pools,
    IReadOnlyList<string> Rounds);
