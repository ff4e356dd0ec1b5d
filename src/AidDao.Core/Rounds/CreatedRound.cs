using AidDao.Core.Transactions;

namespace AidDao.Core.Rounds;

/// <summary>A round created through the RoundFactory.</summary>
/// <param name="Round">The round contract.</param>
/// <param name="Community">Its community.</param>
/// <param name="Index">Its number among the community's rounds (0-based).</param>
/// <param name="Transaction">The transaction.</param>
public sealed record CreatedRound(EthAddress Round, EthAddress Community, int Index, TransactionOutcome Transaction);
