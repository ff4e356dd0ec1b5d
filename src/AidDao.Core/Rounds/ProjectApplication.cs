using System.Numerics;
using AidDao.Core.Transactions;

namespace AidDao.Core.Rounds;

/// <summary>A filed application.</summary>
/// <param name="ProjectId">Its project id.</param>
/// <param name="Recipient">Who would receive its money.</param>
/// <param name="Transaction">The transaction.</param>
public sealed record ProjectApplication(BigInteger ProjectId, EthAddress Recipient, TransactionOutcome Transaction);
