using System.Numerics;

namespace AidDao.Core.Rounds;

/// <summary>
/// One project's running sums, as the round contract keeps them: the sum over eligible contributors of the floor square
/// root of each one's cumulative contribution, and the sum of those contributions.
/// </summary>
/// <param name="SumOfRoots">Σ_i floor(√c_ip) over eligible contributors i (quadratic voting: Σ_i floor(√k_ip), the votes).</param>
/// <param name="SumOfContributions">Σ_i c_ip over eligible contributors i (quadratic voting: the credits spent).</param>
public readonly record struct ProjectTally(BigInteger SumOfRoots, BigInteger SumOfContributions)
{
    /// <summary>The formula's raw match: (Σ√c)² − Σc, never below zero (floor roots can make the square smaller than the sum).</summary>
    public BigInteger RawMatch
    {
        get
        {
            var raw = SumOfRoots * SumOfRoots - SumOfContributions;
            return raw.Sign > 0 ? raw : BigInteger.Zero;
        }
    }

    /// <summary>The raw match in <paramref name="mode"/>: <see cref="RawMatch"/> for quadratic funding, the votes for quadratic voting.</summary>
    public BigInteger RawMatchIn(RoundMode mode) => mode == RoundMode.QuadraticVoting ? SumOfRoots : RawMatch;
}
