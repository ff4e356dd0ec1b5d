namespace AidDao.Core.Pools;

/// <summary>Where an aid request stands. <see cref="Expired"/> is a pending request past its expiry.</summary>
public enum AidRequestState
{
    /// <summary>Waiting for steward decisions.</summary>
    Pending = 1,

    /// <summary>Paid (or kept for the recipient to withdraw).</summary>
    Paid = 2,

    /// <summary>Closed by M rejections.</summary>
    Rejected = 3,

    /// <summary>Withdrawn by the requester.</summary>
    Cancelled = 4,

    /// <summary>Pending, but past its expiry: it can no longer be approved.</summary>
    Expired = 5,
}
