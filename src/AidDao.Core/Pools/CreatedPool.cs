using AidDao.Core.Transactions;

namespace AidDao.Core.Pools;

/// <summary>A pool created through the factory.</summary>
/// <param name="Pool">The pool contract.</param>
/// <param name="Community">Its community.</param>
/// <param name="Index">Its number among the community's pools (0-based).</param>
/// <param name="Transaction">The transaction.</param>
public sealed record CreatedPool(EthAddress Pool, EthAddress Community, int Index, TransactionOutcome Transaction);
