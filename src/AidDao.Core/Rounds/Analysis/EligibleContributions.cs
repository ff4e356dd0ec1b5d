using System.Numerics;

namespace AidDao.Core.Rounds.Analysis;

/// <summary>
/// A round's eligible money as a sparse contributors × projects table: for each project, the contributors whose money
/// attracts matching (members) with their cumulative contribution c_ip, by the same rules as
/// <see cref="QuadraticMatching.Tally{TContributor}"/>. Contributors are numbered 0 to <see cref="ContributorCount"/> − 1
/// in order of first appearance; each project's list is sorted by that number. Built once in O(contributions); the
/// analysis variants (<see cref="CappedMatching"/>, <see cref="PairwiseMatching"/>) read it without copying.
/// </summary>
public sealed class EligibleContributions
{
    private readonly int[][] _contributors;
    private readonly BigInteger[][] _amounts;

    private EligibleContributions(int contributorCount, int[][] contributors, BigInteger[][] amounts)
    {
        ContributorCount = contributorCount;
        _contributors = contributors;
        _amounts = amounts;
    }

    /// <summary>Projects, numbered 0 to count − 1.</summary>
    public int ProjectCount => _contributors.Length;

    /// <summary>Distinct eligible contributors.</summary>
    public int ContributorCount { get; }

    /// <summary>The contributors of <paramref name="project"/> (their numbers, ascending).</summary>
    public ReadOnlySpan<int> ContributorsOf(int project) => _contributors[project];

    /// <summary>The cumulative amounts of <paramref name="project"/>'s contributors, in the order of <see cref="ContributorsOf"/>.</summary>
    public ReadOnlySpan<BigInteger> AmountsOf(int project) => _amounts[project];

    /// <summary>Sums contributions per (eligible contributor, project), as <see cref="QuadraticMatching.Tally{TContributor}"/> does.</summary>
    /// <param name="projectCount">Projects are numbered 0 to count − 1.</param>
    /// <param name="contributions">Every contribution: contributor, project, amount (smallest units, ≥ 0).</param>
    /// <param name="isEligible">Whether a contributor's money attracts matching (members only).</param>
    public static EligibleContributions From<TContributor>(int projectCount, IEnumerable<(TContributor Contributor, int Project, BigInteger Amount)> contributions,
        Func<TContributor, bool> isEligible) where TContributor : notnull
    {
        ArgumentNullException.ThrowIfNull(contributions);
        ArgumentNullException.ThrowIfNull(isEligible);
        ArgumentOutOfRangeException.ThrowIfNegative(projectCount);
        var expected = contributions.TryGetNonEnumeratedCount(out var count) ? count : 0;
        var numbers = new Dictionary<TContributor, int>();
        var positions = new Dictionary<long, int>(expected); // key: contributor number << 32 | project
        var lists = new List<(int Contributor, BigInteger Amount)>[projectCount];
        for (var p = 0; p < projectCount; p++) lists[p] = [];
        foreach (var (contributor, project, amount) in contributions)
        {
            if (project < 0 || project >= projectCount) throw new AidDaoInputException($"There is no project {project}; projects are 0 to {projectCount - 1}.");
            if (amount.Sign < 0) throw new AidDaoInputException("A contribution cannot be negative.");
            if (!isEligible(contributor)) continue;
            if (!numbers.TryGetValue(contributor, out var number)) numbers.Add(contributor, number = numbers.Count);
            var list = lists[project];
            var key = ((long)number << 32) | (uint)project;
            if (positions.TryGetValue(key, out var position)) list[position] = (number, list[position].Amount + amount);
            else
            {
                positions.Add(key, list.Count);
                list.Add((number, amount));
            }
        }
        var contributors = new int[projectCount][];
        var amounts = new BigInteger[projectCount][];
        for (var p = 0; p < projectCount; p++)
        {
            var list = lists[p];
            list.Sort((a, b) => a.Contributor.CompareTo(b.Contributor));
            contributors[p] = [.. list.Select(e => e.Contributor)];
            amounts[p] = [.. list.Select(e => e.Amount)];
        }
        return new EligibleContributions(numbers.Count, contributors, amounts);
    }

    /// <summary>The per-project tallies, equal to <see cref="QuadraticMatching.Tally{TContributor}"/> on the same contributions.</summary>
    public IReadOnlyList<ProjectTally> Tally() => CappedMatching.Tally(this, cap: null);
}
