namespace AidDao.Core.Communities;

/// <summary>Where a proposal stands (same order as <c>ICommunity.ProposalStatus</c>).</summary>
public enum ProposalStatus
{
    /// <summary>No such proposal.</summary>
    None = 0,
    /// <summary>Open for approvals.</summary>
    Pending = 1,
    /// <summary>Passed; its change was made.</summary>
    Executed = 2,
    /// <summary>Withdrawn by its proposer.</summary>
    Cancelled = 3,
}
