using System.Numerics;

namespace AidDao.Core.Rounds.Analysis;

/// <summary>
/// Pairwise-bounded quadratic funding (Buterin, Hitzig and Weyl, "pairwise coordination subsidies"; Gitcoin's pairwise
/// match), an analysis variant shown to stewards beside the on-chain result. Project p's subsidy is
/// Σ over pairs i &lt; j of √(c_ip c_jp) × M / (M + k_ij), with k_ij = Σ_q √(c_iq c_jq): a pair that funds many projects
/// together counts for less everywhere, which blunts collusion and sybil splitting.
/// <para>
/// Floating point (double), off-chain only: not wei-exact, and the contract never computes it. Summing even 10^8 pairs
/// keeps the relative rounding error below 10^-8 (typically far less). The subsidies are then scaled to the pool by the round's own rules
/// (<see cref="PairwiseMatchingResult.Split"/>).
/// </para>
/// <para>
/// Work: no contributors × contributors matrix and no stored pairs. Contributor i's row of k (k_ij for every j &gt; i that
/// co-funds with i) is accumulated in one scratch array of C doubles from the contributor lists of i's projects, used
/// for i's pairs, and reset; only pairs that actually co-fund are touched. Time O(Σ_p h_p²) (each pair visited twice),
/// memory O(C + Σ_p n_p), where n_p is project p's eligible contributors and h_p = min(n_p, bound). A pair dictionary
/// would need the same time and O(Σ_p n_p²) memory: 1.3 × 10^8 pairs, gigabytes, on the large public round shape.
/// </para>
/// <para>
/// The bound (<see cref="PairwiseMatchingOptions.MaxContributorsPerProject"/>): one project with 28,000 contributors alone
/// is 3.9 × 10^8 pairs. Above the bound, only the project's largest h contributors (the head) are paired exactly, and
/// their k_ij counts only projects where both are in a head. Every pair with a member outside the head is estimated as if
/// it co-funded only this project, in O(n_p × buckets) (<see cref="PairwiseTailEstimate"/>). Both simplifications can only
/// lessen the discount, so an approximated project's subsidy lies between its exact pairwise subsidy and its linear one.
/// </para>
/// </summary>
public static class PairwiseMatching
{
    /// <summary>Computes the pairwise-bounded subsidies and splits the pool with the round's rules.</summary>
    /// <param name="contributions">The round's eligible contributions.</param>
    /// <param name="round">The round's options (quadratic funding only): pool, cap, budget rule.</param>
    /// <param name="pairwise">M and the per-project bound.</param>
    public static PairwiseMatchingResult Compute(EligibleContributions contributions, QuadraticMatchingOptions round, PairwiseMatchingOptions pairwise)
    {
        ArgumentNullException.ThrowIfNull(contributions);
        ArgumentNullException.ThrowIfNull(round);
        ArgumentNullException.ThrowIfNull(pairwise);
        round.Validate();
        pairwise.Validate();
        if (round.Mode != RoundMode.QuadraticFunding)
            throw new AidDaoInputException("Pairwise matching is an analysis of quadratic-funding rounds; this round uses quadratic voting, where money does not attract matching.");

        var projects = contributions.ProjectCount;
        var heads = new int[projects][];
        var headRoots = new double[projects][];
        var linear = new double[projects];
        var tailRoots = new double[projects][];
        var approximated = new bool[projects];
        for (var p = 0; p < projects; p++)
        {
            var roots = Roots(contributions.AmountsOf(p));
            linear[p] = PairSum(roots);
            (heads[p], headRoots[p], tailRoots[p]) = Head(contributions.ContributorsOf(p), roots, pairwise.MaxContributorsPerProject);
            approximated[p] = tailRoots[p].Length > 0;
        }

        var (subsidies, pairs) = Accumulate(contributions.ContributorCount, heads, headRoots, pairwise.CoordinationThreshold);
        for (var p = 0; p < projects; p++)
            if (approximated[p]) subsidies[p] += PairwiseTailEstimate.Subsidy(headRoots[p], tailRoots[p], pairwise.CoordinationThreshold);
        var tallies = subsidies.Select(s => RawAsTally(new BigInteger(Math.Floor(2 * s)))).ToArray();
        return new PairwiseMatchingResult(subsidies, linear, approximated, pairs, QuadraticMatching.Compute(tallies, round));
    }

    /// <summary>Both passes over every contributor's row: k_ij for j &gt; i, then the discounted pairs of i.</summary>
    private static (double[] Subsidies, long Pairs) Accumulate(int contributorCount, int[][] heads, double[][] headRoots, double m)
    {
        // Row index: for each contributor, the (project, position in that project's head) entries, in CSR form.
        var rowStart = new int[contributorCount + 1];
        foreach (var head in heads)
            foreach (var who in head) rowStart[who + 1]++;
        for (var i = 0; i < contributorCount; i++) rowStart[i + 1] += rowStart[i];
        var entryProject = new int[rowStart[contributorCount]];
        var entryPosition = new int[entryProject.Length];
        var cursor = rowStart[..^1];
        for (var p = 0; p < heads.Length; p++)
            for (var pos = 0; pos < heads[p].Length; pos++)
            {
                var slot = cursor[heads[p][pos]]++;
                (entryProject[slot], entryPosition[slot]) = (p, pos);
            }

        var subsidies = new double[heads.Length];
        var k = new double[contributorCount];
        var owner = new int[contributorCount]; // i + 1 when k[j] holds row i's value
        long pairs = 0;
        for (var i = 0; i < contributorCount; i++)
        {
            for (var e = rowStart[i]; e < rowStart[i + 1]; e++)
            {
                var (p, pos) = (entryProject[e], entryPosition[e]);
                var si = headRoots[p][pos];
                var others = heads[p].AsSpan(pos + 1);
                var roots = headRoots[p].AsSpan(pos + 1);
                for (var t = 0; t < others.Length; t++)
                {
                    var j = others[t];
                    if (owner[j] != i + 1) (owner[j], k[j]) = (i + 1, 0);
                    k[j] += si * roots[t];
                }
            }
            for (var e = rowStart[i]; e < rowStart[i + 1]; e++)
            {
                var (p, pos) = (entryProject[e], entryPosition[e]);
                var si = headRoots[p][pos];
                var others = heads[p].AsSpan(pos + 1);
                var roots = headRoots[p].AsSpan(pos + 1);
                // Σ_t s_i s_t M / (M + k_it) with s_i M taken out of the sum; two accumulators halve the add chain.
                double even = 0, odd = 0;
                var t = 0;
                for (; t + 1 < others.Length; t += 2)
                {
                    even += roots[t] / (m + k[others[t]]);
                    odd += roots[t + 1] / (m + k[others[t + 1]]);
                }
                if (t < others.Length) even += roots[t] / (m + k[others[t]]);
                subsidies[p] += si * m * (even + odd);
                pairs += others.Length;
            }
        }
        return (subsidies, pairs);
    }

    /// <summary>The head (the <paramref name="bound"/> largest, by contributor number) with its roots, and the others' roots.</summary>
    private static (int[] Head, double[] HeadRoots, double[] TailRoots) Head(ReadOnlySpan<int> contributors, double[] roots, int bound)
    {
        if (contributors.Length <= bound) return (contributors.ToArray(), roots, []);
        var order = Enumerable.Range(0, roots.Length).ToArray();
        var who = contributors.ToArray();
        Array.Sort(order, (a, b) => roots[a] != roots[b] ? roots[b].CompareTo(roots[a]) : who[a].CompareTo(who[b]));
        var head = order[..bound];
        Array.Sort(head); // positions ascending = contributor numbers ascending
        return ([.. head.Select(t => who[t])], [.. head.Select(t => roots[t])], [.. order[bound..].Select(t => roots[t])]);
    }

    private static double[] Roots(ReadOnlySpan<BigInteger> amounts)
    {
        var roots = new double[amounts.Length];
        for (var i = 0; i < roots.Length; i++)
        {
            roots[i] = Math.Sqrt((double)amounts[i]);
            if (!double.IsFinite(roots[i])) throw new AidDaoInputException("An amount is too large for the pairwise analysis (above 10^308); amounts are smallest units of a token.");
        }
        return roots;
    }

    /// <summary>Σ_{i&lt;j} r_i r_j in O(n), without the cancellation of ((Σr)² − Σr²) / 2.</summary>
    private static double PairSum(ReadOnlySpan<double> roots)
    {
        double before = 0, sum = 0;
        foreach (var r in roots)
        {
            sum += r * before;
            before += r;
        }
        return sum;
    }

    /// <summary>A tally whose raw match is exactly <paramref name="raw"/>: roots ⌈√raw⌉, contributions roots² − raw.</summary>
    private static ProjectTally RawAsTally(BigInteger raw)
    {
        var root = IntegerMath.FloorSqrt(raw);
        if (root * root != raw) root += 1;
        return new ProjectTally(root, root * root - raw);
    }
}
