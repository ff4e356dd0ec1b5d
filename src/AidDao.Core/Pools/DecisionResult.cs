using System.Numerics;
using AidDao.Core.Transactions;

namespace AidDao.Core.Pools;

/// <summary>A steward's approval or rejection and what it caused.</summary>
/// <param name="RequestId">The request.</param>
/// <param name="Count">Approvals (or rejections) that now count.</param>
/// <param name="Required">How many are needed.</param>
/// <param name="Paid">Whether the request was paid in this transaction.</param>
/// <param name="Delivered">When paid: whether the recipient took the money (false: it is kept for them to withdraw).</param>
/// <param name="Declined">Whether this rejection closed the request.</param>
/// <param name="Transaction">The transaction.</param>
public sealed record DecisionResult(BigInteger RequestId, int Count, int Required, bool Paid, bool Delivered, bool Declined, TransactionOutcome Transaction);
