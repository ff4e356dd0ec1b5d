using System.Numerics;

namespace AidDao.Contracts.Tests.RoundInvariant;

/// <summary>What the model expects <c>stakeOf(party, project)</c> to hold.</summary>
internal sealed class RoundStakeModel
{
    /// <summary>All money the party gave the project.</summary>
    public BigInteger Amount { get; set; }

    /// <summary>QF: the part that counts for matching; QV: credits spent.</summary>
    public BigInteger Eligible { get; set; }

    public bool TokensClaimed { get; set; }

    public bool Refunded { get; set; }
}
