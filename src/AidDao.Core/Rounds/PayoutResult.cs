using AidDao.Core.Transactions;

namespace AidDao.Core.Rounds;

/// <summary>Payouts to projects: one claim, or a distribution in one or more transactions.</summary>
/// <param name="Payouts">Each project paid or deferred.</param>
/// <param name="Transactions">The transactions sent (none when every project was already paid).</param>
public sealed record PayoutResult(IReadOnlyList<ProjectPayout> Payouts, IReadOnlyList<TransactionOutcome> Transactions);
