namespace AidDao.Contracts.Tests.PoolInvariant;

/// <summary>Where a pool change stands (values match IEmergencyPool.ChangeStatus).</summary>
internal enum PoolChangeStatus
{
    None,
    Pending,
    Executed,
    Cancelled,
}
