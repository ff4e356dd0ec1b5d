namespace AidDao.Contracts.Tests.Round;

/// <summary>What a HostileRoundRecipient does when paid (values match HostileRoundRecipient.Mode).</summary>
public enum HostileRoundMode : byte
{
    /// <summary>Takes the payment (a few storage writes: within distribute's gas stipend).</summary>
    Accept,
    /// <summary>Refuses every payment.</summary>
    Revert,
    /// <summary>Calls claim on the round inside the payment.</summary>
    ReenterClaim,
    /// <summary>Calls distribute on the round inside the payment.</summary>
    ReenterDistribute,
    /// <summary>Burns all the gas it is given.</summary>
    BurnGas,
}
