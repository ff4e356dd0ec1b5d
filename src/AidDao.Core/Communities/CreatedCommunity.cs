using AidDao.Core.Transactions;

namespace AidDao.Core.Communities;

/// <summary>A community created through the factory.</summary>
public sealed record CreatedCommunity(EthAddress Community, EthAddress Token, TransactionOutcome Transaction);
