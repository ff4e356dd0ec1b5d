using System.Numerics;
using AidDao.Core.Transactions;

namespace AidDao.Core.Communities;

/// <summary>The result of proposing or approving a governance change.</summary>
/// <param name="ProposalId">The proposal.</param>
/// <param name="Approvals">Current-steward approvals after this call.</param>
/// <param name="Threshold">Approvals needed (M).</param>
/// <param name="Executed">Whether the change was made in this transaction.</param>
/// <param name="Transaction">The mined transaction.</param>
public sealed record ProposalResult(BigInteger ProposalId, int Approvals, int Threshold, bool Executed, TransactionOutcome Transaction);
