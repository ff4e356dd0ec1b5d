namespace AidDao.Core.Rounds.Analysis;

/// <summary>The pairwise-bounded analysis of a round (floating point: an estimate for stewards, not wei-exact).</summary>
/// <param name="Subsidies">Per project, Σ over pairs i &lt; j of √(c_ip c_jp) × M / (M + k_ij), in smallest units.</param>
/// <param name="LinearSubsidies">
/// Per project, the same sum without the discount, Σ_{i&lt;j} √(c_ip c_jp) = ((Σ√c)² − Σc) / 2 with exact roots: the
/// linear quadratic-funding subsidy in the same pair form, for comparison. Every subsidy is at most its linear one.
/// </param>
/// <param name="Approximated">Which projects had more contributors than the bound: part of their subsidy is estimated, from above.</param>
/// <param name="PairsEvaluated">How many pairs were evaluated exactly (the work done: Σ_p min(n_p, bound)² / 2).</param>
/// <param name="Split">
/// The pool split with the round's own rules (<see cref="QuadraticMatching.Compute"/>: budget, cap, remainder), with
/// ⌊2 × subsidy⌋ as each project's raw match: the ordered-pair sum, in the same units as the on-chain raw match
/// (Σ√c)² − Σc, so the budget rule compares like with like.
/// </param>
public sealed record PairwiseMatchingResult(IReadOnlyList<double> Subsidies, IReadOnlyList<double> LinearSubsidies, IReadOnlyList<bool> Approximated,
    long PairsEvaluated, QuadraticMatchingResult Split);
