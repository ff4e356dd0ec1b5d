namespace AidDao.Contracts.Tests;

/// <summary>The governance actions the invariant test uses (values match the contract's enum).</summary>
internal enum ModelAction
{
    AddSteward = 0,
    RemoveSteward = 1,
    SetThreshold = 2,
}
