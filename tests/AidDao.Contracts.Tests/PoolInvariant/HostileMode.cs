namespace AidDao.Contracts.Tests.PoolInvariant;

/// <summary>How the HostileRecipient reacts to ETH (values match HostileRecipient.Mode; BurnGas is not used).</summary>
internal enum HostileMode
{
    /// <summary>Takes ETH.</summary>
    Accept,
    /// <summary>Refuses ETH: a push is kept for it, and withdrawing to itself fails.</summary>
    Revert,
    /// <summary>Takes ETH, but first tries to be paid again and to withdraw inside the payment (both must fail).</summary>
    Reenter,
}
