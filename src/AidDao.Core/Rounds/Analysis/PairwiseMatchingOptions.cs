namespace AidDao.Core.Rounds.Analysis;

/// <summary>The parameters of the pairwise-bounded analysis (<see cref="PairwiseMatching"/>).</summary>
/// <param name="CoordinationThreshold">
/// M, in smallest units of the round's asset (the unit of √(c_i c_j)): a pair's subsidy is multiplied by M / (M + k_ij),
/// where k_ij = Σ_q √(c_iq c_jq) is how much the two co-fund across all projects. Small M discounts co-funding hard; as M
/// grows the result tends to linear quadratic funding. Gitcoin used the equivalent of a few tens of dollars: for an
/// 18-decimal stablecoin, 25 × 10^18. Must be positive and finite.
/// </param>
/// <param name="MaxContributorsPerProject">
/// Bounds the work. A project with more eligible contributors than this has only its largest contributors (by amount,
/// ties by contributor number) paired exactly; the pairs involving the others are estimated from above, never past the
/// linear subsidy (see <see cref="PairwiseMatching"/>). At least 2; default <see cref="DefaultMaxContributorsPerProject"/>.
/// </param>
public sealed record PairwiseMatchingOptions(double CoordinationThreshold, int MaxContributorsPerProject = PairwiseMatchingOptions.DefaultMaxContributorsPerProject)
{
    /// <summary>The default bound: 2,000 contributors per project, about 2 × 10^6 exact pairs for such a project.</summary>
    public const int DefaultMaxContributorsPerProject = 2_000;

    /// <summary>Checks the options; throws <see cref="AidDaoInputException"/>.</summary>
    public void Validate()
    {
        if (!double.IsFinite(CoordinationThreshold) || CoordinationThreshold <= 0)
            throw new AidDaoInputException("The coordination threshold M must be a positive number of smallest units (for example 25 × 10^18 for 25 tokens of 18 decimals).");
        if (MaxContributorsPerProject < 2)
            throw new AidDaoInputException("The pairwise analysis needs at least 2 contributors per project paired exactly; raise the limit.");
    }
}
