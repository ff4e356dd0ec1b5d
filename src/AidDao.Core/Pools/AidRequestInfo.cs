using System.Numerics;

namespace AidDao.Core.Pools;

/// <summary>An aid request with its decisions so far.</summary>
/// <param name="Id">The request id.</param>
/// <param name="Requester">The member who filed it.</param>
/// <param name="Recipient">Who is paid.</param>
/// <param name="Asset">What is paid.</param>
/// <param name="Amount">How much, in the asset's smallest unit.</param>
/// <param name="Urgency">1 (can wait) to 5 (life or safety).</param>
/// <param name="State">Where it stands.</param>
/// <param name="CreatedAt">When it was filed.</param>
/// <param name="ExpiresAt">When it can no longer be approved.</param>
/// <param name="DetailsHash">Hash of the off-chain details (hex).</param>
/// <param name="Approvals">Approvals of current stewards.</param>
/// <param name="Rejections">Rejections of current stewards.</param>
/// <param name="RequiredApprovals">Approvals needed now (lower on the emergency fast path).</param>
public sealed record AidRequestInfo(
    BigInteger Id,
    EthAddress Requester,
    EthAddress Recipient,
    PoolAsset Asset,
    BigInteger Amount,
    int Urgency,
    AidRequestState State,
    DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt,
    string DetailsHash,
    int Approvals,
    int Rejections,
    int RequiredApprovals);
