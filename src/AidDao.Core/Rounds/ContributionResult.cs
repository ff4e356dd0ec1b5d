using AidDao.Core.Transactions;

namespace AidDao.Core.Rounds;

/// <summary>Contributions made in one transaction.</summary>
/// <param name="Contributions">Each contribution, in the order given.</param>
/// <param name="Transaction">The transaction (an ERC-20 approval, when one was needed, came before it).</param>
public sealed record ContributionResult(IReadOnlyList<RoundContribution> Contributions, TransactionOutcome Transaction);
