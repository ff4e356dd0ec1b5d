using System.Numerics;
using AidDao.Core.Transactions;

namespace AidDao.Core.Pools;

/// <summary>A filed aid request.</summary>
/// <param name="RequestId">Its id.</param>
/// <param name="ExpiresAt">When it can no longer be approved.</param>
/// <param name="Transaction">The transaction.</param>
public sealed record AidRequestResult(BigInteger RequestId, DateTimeOffset ExpiresAt, TransactionOutcome Transaction);
