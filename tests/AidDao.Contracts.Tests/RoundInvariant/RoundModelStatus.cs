namespace AidDao.Contracts.Tests.RoundInvariant;

/// <summary>IFundingRound.RoundStatus, same numbering.</summary>
internal enum RoundModelStatus
{
    Active = 0,
    Finalized = 1,
    Cancelled = 2,
}
