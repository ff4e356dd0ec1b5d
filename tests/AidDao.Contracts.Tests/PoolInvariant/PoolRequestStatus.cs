namespace AidDao.Contracts.Tests.PoolInvariant;

/// <summary>Where an aid request stands (values match IEmergencyPool.RequestStatus).</summary>
internal enum PoolRequestStatus
{
    None,
    Pending,
    Paid,
    Rejected,
    Cancelled,
}
