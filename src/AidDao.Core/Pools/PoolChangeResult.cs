using System.Numerics;
using AidDao.Core.Transactions;

namespace AidDao.Core.Pools;

/// <summary>A proposed or approved pool change and whether it took effect.</summary>
/// <param name="ChangeId">The change.</param>
/// <param name="Approvals">Approvals of current stewards.</param>
/// <param name="Threshold">Approvals needed (M).</param>
/// <param name="Executed">Whether the change took effect in this transaction.</param>
/// <param name="Transaction">The transaction.</param>
public sealed record PoolChangeResult(BigInteger ChangeId, int Approvals, int Threshold, bool Executed, TransactionOutcome Transaction);
