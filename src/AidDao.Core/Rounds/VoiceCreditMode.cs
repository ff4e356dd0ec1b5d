namespace AidDao.Core.Rounds;

/// <summary>
/// Where each member's voice credits come from in a quadratic-voting round (the contract's <c>IFundingRound.CreditMode</c>,
/// same numbering).
/// </summary>
public enum VoiceCreditMode
{
    /// <summary>Every member gets the same number of credits.</summary>
    Equal = 0,

    /// <summary>A member's credits are their contribution-token votes at the block before the round was created.</summary>
    TokenVotes = 1,
}
