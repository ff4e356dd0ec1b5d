using System.Numerics;

namespace AidDao.Core.Rounds.Analysis;

/// <summary>
/// What-if estimates for contributors: how project p's match, and every other project's, would change if someone added
/// X to p. The tally is updated as the contract books it (root = ⌊√(eligible + X)⌋; roots − old root + new root;
/// contributions + X) and <see cref="QuadraticMatching.Compute"/> is re-run, so an estimate is exact to the wei for the
/// tallies it was given. The current result is computed once; each estimate costs O(projects) (plus
/// <see cref="QuadraticMatching.Compute"/>'s capping passes), never a re-tally of the contributions. Thread-safe: the
/// estimator never changes after construction.
/// <para>In a quadratic-voting round the same update applies to voice credits (votes = ⌊√credits⌋), not money.</para>
/// </summary>
public sealed class MatchEstimator
{
    private readonly ProjectTally[] _tallies;
    private readonly QuadraticMatchingOptions _options;

    /// <summary>Prepares estimates against these tallies (read them from one block) and the round's options.</summary>
    public MatchEstimator(IReadOnlyList<ProjectTally> tallies, QuadraticMatchingOptions options)
    {
        ArgumentNullException.ThrowIfNull(tallies);
        ArgumentNullException.ThrowIfNull(options);
        _tallies = [.. tallies];
        _options = options;
        Current = QuadraticMatching.Compute(_tallies, options);
    }

    /// <summary>The matches with the current tallies.</summary>
    public QuadraticMatchingResult Current { get; }

    /// <summary>Estimates the effect of adding <paramref name="addition"/> to <paramref name="project"/>.</summary>
    /// <param name="project">The project (0 to count − 1).</param>
    /// <param name="currentEligible">The contributor's eligible cumulative amount on the project now (0 if none).</param>
    /// <param name="isMember">Whether the contributor is a member; a stake that already counts keeps counting either way.</param>
    /// <param name="addition">The amount they would add (smallest units, ≥ 0).</param>
    /// <param name="largestOthers">How many other projects to report, largest change first.</param>
    public MatchEstimate Estimate(int project, BigInteger currentEligible, bool isMember, BigInteger addition, int largestOthers = 5)
    {
        if (project < 0 || project >= _tallies.Length) throw new AidDaoInputException($"There is no project {project}; projects are 0 to {_tallies.Length - 1}.");
        if (addition.Sign < 0) throw new AidDaoInputException("An amount to add cannot be negative.");
        if (currentEligible.Sign < 0) throw new AidDaoInputException("A contributor's current eligible amount cannot be negative; give 0 if they have none.");
        ArgumentOutOfRangeException.ThrowIfNegative(largestOthers);
        var tally = _tallies[project];
        var oldRoot = IntegerMath.FloorSqrt(currentEligible);
        if (currentEligible > tally.SumOfContributions || oldRoot > tally.SumOfRoots)
            throw new AidDaoInputException($"The contributor's eligible amount {currentEligible} is more than project {project}'s eligible total {tally.SumOfContributions}; read both from the same block.");

        var counts = isMember || !currentEligible.IsZero;
        if (!counts || addition.IsZero) return Unchanged(project, counts, tally);
        var after = new ProjectTally(tally.SumOfRoots - oldRoot + IntegerMath.FloorSqrt(currentEligible + addition), tally.SumOfContributions + addition);
        var tallies = (ProjectTally[])_tallies.Clone();
        tallies[project] = after;
        var result = QuadraticMatching.Compute(tallies, _options);
        var others = Enumerable.Range(0, tallies.Length)
            .Where(p => p != project && result.Matches[p] != Current.Matches[p])
            .Select(p => new ProjectMatchChange(p, Current.Matches[p], result.Matches[p]))
            .OrderByDescending(c => BigInteger.Abs(c.Change)).ThenBy(c => c.Project)
            .Take(largestOthers)
            .ToList();
        return new MatchEstimate(true, after, new ProjectMatchChange(project, Current.Matches[project], result.Matches[project]), others,
            Current.Remainder, result.Remainder);
    }

    private MatchEstimate Unchanged(int project, bool counts, ProjectTally tally) =>
        new(counts, tally, new ProjectMatchChange(project, Current.Matches[project], Current.Matches[project]), [], Current.Remainder, Current.Remainder);
}
