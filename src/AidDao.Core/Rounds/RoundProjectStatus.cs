namespace AidDao.Core.Rounds;

/// <summary>Where an application stands (the contract's <c>IFundingRound.ProjectStatus</c>, same numbering).</summary>
public enum RoundProjectStatus
{
    /// <summary>No such application.</summary>
    None = 0,

    /// <summary>Waiting for a steward's review.</summary>
    Pending = 1,

    /// <summary>Approved: takes contributions and votes, and can be matched.</summary>
    Approved = 2,

    /// <summary>Rejected by a steward.</summary>
    Rejected = 3,

    /// <summary>Was approved; the round was cancelled.</summary>
    Cancelled = 4,
}
