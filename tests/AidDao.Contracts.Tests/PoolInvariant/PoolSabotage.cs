namespace AidDao.Contracts.Tests.PoolInvariant;

/// <summary>A deliberate mistake planted in <see cref="PoolModel"/> to show that the invariant test notices a wrong model.</summary>
internal enum PoolSabotage
{
    None,
    /// <summary>The model forgets that a steward may not approve a request they filed or would be paid by.</summary>
    ForgetsSelfApproval,
    /// <summary>The model believes one approval is enough to pay (M = 1).</summary>
    OneApprovalPays,
    /// <summary>The model believes the fee-on-transfer token arrives whole.</summary>
    IgnoresTransferFee,
}
