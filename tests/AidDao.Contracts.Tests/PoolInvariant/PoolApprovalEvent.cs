namespace AidDao.Contracts.Tests.PoolInvariant;

/// <summary>One RequestApproved event: which steward approved which request, in which block.</summary>
internal sealed record PoolApprovalEvent(long RequestId, int Steward, long Block);
