using AidDao.Core.Transactions;

namespace AidDao.Core.Rounds;

/// <summary>A steward's approval of cancelling a round and what it caused.</summary>
/// <param name="Approvals">Approvals that now count.</param>
/// <param name="Threshold">Approvals needed (the community's M).</param>
/// <param name="Cancelled">Whether this approval cancelled the round.</param>
/// <param name="Transaction">The transaction.</param>
public sealed record CancelResult(int Approvals, int Threshold, bool Cancelled, TransactionOutcome Transaction);
