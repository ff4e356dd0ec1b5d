using System.Numerics;

namespace AidDao.Core.Rounds.Analysis;

/// <summary>
/// Capped quadratic funding, an analysis variant shown to stewards beside the on-chain result: each contributor's
/// cumulative amount on a project counts only up to a cap K, so raw_p = (Σ_i ⌊√min(c_ip, K)⌋)² − Σ_i min(c_ip, K). The pool
/// is then split by <see cref="QuadraticMatching.Compute"/> with the round's own options (budget rule, project cap), so the
/// two results differ only by the contribution cap. Exact integer arithmetic, like the engine; with K at or above every
/// amount the result is the linear (on-chain) one. O(eligible (contributor, project) pairs).
/// </summary>
public static class CappedMatching
{
    /// <summary>The tallies with every c_ip held to <paramref name="cap"/> (null: no cap, the on-chain tallies).</summary>
    public static IReadOnlyList<ProjectTally> Tally(EligibleContributions contributions, BigInteger? cap)
    {
        ArgumentNullException.ThrowIfNull(contributions);
        if (cap is { Sign: < 0 }) throw new AidDaoInputException("A contribution cap cannot be negative; give the most one contributor's money on one project may count for.");
        var tallies = new ProjectTally[contributions.ProjectCount];
        for (var p = 0; p < tallies.Length; p++)
        {
            BigInteger roots = BigInteger.Zero, sum = BigInteger.Zero;
            foreach (var amount in contributions.AmountsOf(p))
            {
                var counted = cap is { } k && amount > k ? k : amount;
                roots += IntegerMath.FloorSqrt(counted);
                sum += counted;
            }
            tallies[p] = new ProjectTally(roots, sum);
        }
        return tallies;
    }

    /// <summary>Splits the pool as the round would if each c_ip counted only up to <paramref name="cap"/>.</summary>
    /// <param name="contributions">The round's eligible contributions.</param>
    /// <param name="cap">The most one contributor's cumulative money on one project counts for (smallest units, ≥ 0).</param>
    /// <param name="options">The round's options (quadratic funding only).</param>
    public static QuadraticMatchingResult Compute(EligibleContributions contributions, BigInteger cap, QuadraticMatchingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Mode != RoundMode.QuadraticFunding)
            throw new AidDaoInputException("Capped matching is an analysis of quadratic-funding rounds; this round uses quadratic voting, where money does not attract matching.");
        return QuadraticMatching.Compute(Tally(contributions, cap), options);
    }
}
