using AidDao.Core.Transactions;

namespace AidDao.Core.Communities;

/// <summary>Progress of a planned deployment: a transaction was sent, or it was mined.</summary>
/// <param name="Contract">The contract.</param>
/// <param name="Number">Its place, from 1.</param>
/// <param name="Count">How many transactions there are.</param>
/// <param name="TransactionHash">The transaction's hash.</param>
/// <param name="Mined">The outcome once mined; null right after sending.</param>
public sealed record DeploymentStep(AidDaoContract Contract, int Number, int Count, string TransactionHash, TransactionOutcome? Mined);
