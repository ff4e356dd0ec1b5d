namespace AidDao.Core.Rounds;

/// <summary>How a round splits its matching pool (the contract's <c>IFundingRound.RoundMode</c>, same numbering).</summary>
public enum RoundMode
{
    /// <summary>Members' contributions attract matching: raw_p = (Σ_i ⌊√c_ip⌋)² − Σ_i c_ip.</summary>
    QuadraticFunding = 0,

    /// <summary>Members spend voice credits: raw_p = Σ_i ⌊√k_ip⌋ (votes); the whole pool is always spread.</summary>
    QuadraticVoting = 1,
}
