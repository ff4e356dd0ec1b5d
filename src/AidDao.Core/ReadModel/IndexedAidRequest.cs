using System.Numerics;
using AidDao.Core.Pools;

namespace AidDao.Core.ReadModel;

/// <summary>An aid request as indexed.</summary>
/// <param name="Id">The request's id in its pool.</param>
/// <param name="Requester">Who asked.</param>
/// <param name="Recipient">Who is to be paid.</param>
/// <param name="Asset">The asset (zero address = ETH).</param>
/// <param name="Amount">The amount asked for.</param>
/// <param name="Urgency">The urgency given.</param>
/// <param name="ExpiresAt">When it expires if undecided (Unix seconds).</param>
/// <param name="State">Its state.</param>
/// <param name="Approvals">Stewards who approved it.</param>
/// <param name="Rejections">Stewards who rejected it.</param>
/// <param name="Delivered">For a paid request: whether the payment reached the recipient (false: it waits to be withdrawn).</param>
/// <param name="DecidedInTransaction">The transaction that paid, declined or cancelled it.</param>
/// <param name="DetailsHash">keccak-256 of its private details as UTF-8 (0x-hex, lower case), as the request carries it on chain.</param>
/// <param name="CreatedAt">When it was made: the block time of its <c>AidRequested</c> (Unix seconds); null in an index that has no time for that block.</param>
public sealed record IndexedAidRequest(
    long Id,
    EthAddress Requester,
    EthAddress Recipient,
    EthAddress Asset,
    BigInteger Amount,
    int Urgency,
    long ExpiresAt,
    AidRequestState State,
    IReadOnlyList<EthAddress> Approvals,
    IReadOnlyList<EthAddress> Rejections,
    bool Delivered,
    string? DecidedInTransaction,
    string DetailsHash,
    long? CreatedAt);
