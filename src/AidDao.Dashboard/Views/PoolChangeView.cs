namespace AidDao.Dashboard.Views;

/// <summary>
/// A proposed change to a pool's rules, waiting for stewards' approvals (or recently decided). <see cref="Kind"/> is the
/// contract's ChangeKind number; <see cref="Text"/> says what it does in plain words. For a SetAssetLimits change,
/// <see cref="Limits"/> holds every limit it would set and <see cref="AssetAccepted"/> says whether the pool already takes
/// the asset (a new token deserves a careful look: deposits of it mint contribution tokens).
/// </summary>
public sealed record PoolChangeView(
    long Id,
    int Kind,
    string Text,
    string Proposer,
    AssetView Asset,
    string Value,
    string Reason,
    long ExpiresAt,
    IReadOnlyList<string> Approvals,
    int Required,
    string Status,
    AssetLimitsView? Limits,
    bool AssetAccepted);
