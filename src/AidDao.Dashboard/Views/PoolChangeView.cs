namespace AidDao.Dashboard.Views;

/// <summary>
/// A proposed change to a pool's rules, waiting for stewards' approvals (or recently decided). <see cref="Kind"/> is the
/// contract's ChangeKind number; <see cref="Text"/> says what it does in plain words.
/// </summary>
public sealed record PoolChangeView(
    long Id,
    int Kind,
    string Text,
    string Proposer,
    string Asset,
    string Value,
    string Reason,
    long ExpiresAt,
    IReadOnlyList<string> Approvals,
    int Required,
    string Status);
