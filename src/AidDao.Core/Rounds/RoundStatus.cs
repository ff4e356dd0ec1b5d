namespace AidDao.Core.Rounds;

/// <summary>Where a funding round stands on-chain (the contract's <c>IFundingRound.RoundStatus</c>, same numbering).</summary>
public enum RoundStatus
{
    /// <summary>Not finalised or cancelled yet.</summary>
    Active = 0,

    /// <summary>Every project's match is fixed; recipients can claim.</summary>
    Finalized = 1,

    /// <summary>Cancelled by M stewards; everyone can be refunded.</summary>
    Cancelled = 2,
}
