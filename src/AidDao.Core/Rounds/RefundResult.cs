using AidDao.Core.Transactions;

namespace AidDao.Core.Rounds;

/// <summary>Refunds pushed after a cancel.</summary>
/// <param name="Refunds">Each refund made.</param>
/// <param name="Transactions">The transactions sent (none when nothing was left to refund).</param>
public sealed record RefundResult(IReadOnlyList<RoundRefund> Refunds, IReadOnlyList<TransactionOutcome> Transactions);
