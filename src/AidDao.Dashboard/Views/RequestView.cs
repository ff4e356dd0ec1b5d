namespace AidDao.Dashboard.Views;

/// <summary>An aid request. The details stay off-chain: only their hash is public.</summary>
public sealed record RequestView(
    long Id,
    string Requester,
    string Recipient,
    AssetView Asset,
    string Amount,
    int Urgency,
    long? CreatedAt,
    long ExpiresAt,
    string State,
    IReadOnlyList<string> Approvals,
    IReadOnlyList<string> Rejections,
    int Required,
    string DetailsHash,
    bool HasDetails,
    string? PayoutTx,
    bool Delivered);
