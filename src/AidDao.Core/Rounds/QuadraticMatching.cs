using System.Numerics;

namespace AidDao.Core.Rounds;

/// <summary>
/// Exact quadratic-funding matching, to the wei, with integer arithmetic only (groundwork for the funding-round issue;
/// the round contract will compute the same thing).
/// <list type="number">
/// <item>Per project p: raw_p = max(0, (Σ_i ⌊√c_ip⌋)² − Σ_i c_ip), over eligible contributors (members) with their
/// cumulative contributions c_ip; several contributions of one contributor to one project add up before the root.</item>
/// <item>Budget B: the pool when Σ raw ≥ pool, the whole pool is spread, or the round is quadratic voting (raw = Σ votes);
/// otherwise Σ raw.</item>
/// <item>Cap (if any) by water-filling: with S the projects not yet capped and B' the budget not yet given to capped
/// projects, a project whose share raw_p × B' / Σ_S raw reaches the cap is held to the cap (compared exactly, without
/// rounding) and leaves S; repeat until no project newly reaches it. At most one pass per project.</item>
/// <item>Every project left in S gets ⌊raw_p × B' / Σ_S raw⌋. The remainder, pool − Σ matches, is returned.</item>
/// </list>
/// Σ matches ≤ pool always holds; a project never gets more than the cap. The FundingRound contract computes exactly
/// this: it stores only B' and R' (budget and raw total left to uncapped projects) and pays min(cap, ⌊raw × B' / R'⌋),
/// which is the same because B'/R' only grows as projects are capped.
/// </summary>
public static class QuadraticMatching
{
    /// <summary>Sums contributions into per-project tallies: eligible contributors only, cumulative per (contributor, project).</summary>
    /// <param name="projectCount">Projects are numbered 0 to count − 1.</param>
    /// <param name="contributions">Every contribution: contributor, project, amount (smallest units, ≥ 0).</param>
    /// <param name="isEligible">Whether a contributor's money attracts matching (members only).</param>
    public static IReadOnlyList<ProjectTally> Tally<TContributor>(int projectCount, IEnumerable<(TContributor Contributor, int Project, BigInteger Amount)> contributions,
        Func<TContributor, bool> isEligible) where TContributor : notnull
    {
        ArgumentNullException.ThrowIfNull(contributions);
        ArgumentNullException.ThrowIfNull(isEligible);
        ArgumentOutOfRangeException.ThrowIfNegative(projectCount);
        var cumulative = new Dictionary<(TContributor, int), BigInteger>();
        foreach (var (contributor, project, amount) in contributions)
        {
            if (project < 0 || project >= projectCount) throw new AidDaoInputException($"There is no project {project}; projects are 0 to {projectCount - 1}.");
            if (amount.Sign < 0) throw new AidDaoInputException("A contribution cannot be negative.");
            if (!isEligible(contributor)) continue;
            cumulative[(contributor, project)] = cumulative.GetValueOrDefault((contributor, project)) + amount;
        }
        var roots = new BigInteger[projectCount];
        var sums = new BigInteger[projectCount];
        foreach (var ((_, project), amount) in cumulative)
        {
            roots[project] += IntegerMath.FloorSqrt(amount);
            sums[project] += amount;
        }
        return [.. Enumerable.Range(0, projectCount).Select(p => new ProjectTally(roots[p], sums[p]))];
    }

    /// <summary>Splits the matching pool among projects with these tallies.</summary>
    public static QuadraticMatchingResult Compute(IReadOnlyList<ProjectTally> tallies, QuadraticMatchingOptions options)
    {
        ArgumentNullException.ThrowIfNull(tallies);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var raw = tallies.Select(t => t.RawMatchIn(options.Mode)).ToArray();
        var matches = new BigInteger[raw.Length];
        var capped = new bool[raw.Length];
        var totalRaw = raw.Aggregate(BigInteger.Zero, (a, b) => a + b);
        var pool = options.MatchingPool;
        if (totalRaw.IsZero || pool.IsZero) return new QuadraticMatchingResult(matches, raw, capped, pool);

        var budget = totalRaw >= pool || options.SpreadWholePool || options.Mode == RoundMode.QuadraticVoting ? pool : totalRaw;
        var open = Enumerable.Range(0, raw.Length).Where(p => !raw[p].IsZero).ToList();
        var openRaw = totalRaw;
        if (options.Cap is { } cap)
        {
            bool newlyCapped;
            do
            {
                // Each pass compares every open project against the same budget and raw total, so the order of projects
                // never matters; capping frees no budget for itself (raw_p × B ≥ cap × R summed over capped projects
                // keeps the budget left non-negative).
                newlyCapped = false;
                var (passBudget, passRaw) = (budget, openRaw);
                foreach (var p in open.ToArray())
                {
                    if (raw[p] * passBudget < cap * passRaw) continue;
                    matches[p] = cap;
                    capped[p] = true;
                    open.Remove(p);
                    budget -= cap;
                    openRaw -= raw[p];
                    newlyCapped = true;
                }
            }
            while (newlyCapped && open.Count > 0);
        }
        foreach (var p in open) matches[p] = raw[p] * budget / openRaw;
        var paid = matches.Aggregate(BigInteger.Zero, (a, b) => a + b);
        return new QuadraticMatchingResult(matches, raw, capped, pool - paid);
    }
}
