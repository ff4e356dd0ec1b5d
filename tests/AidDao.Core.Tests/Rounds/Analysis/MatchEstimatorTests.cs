using System.Numerics;
using AidDao.Core.Rounds;
using AidDao.Core.Rounds.Analysis;
using Xunit;

namespace AidDao.Core.Tests.Rounds.Analysis;

/// <summary><see cref="MatchEstimator"/>: what one more contribution does to every match, booked as the contract books it.</summary>
public class MatchEstimatorTests
{
    // Project 0: a, b give 25 each → (10, 50), raw 50. Project 1: c 16, d 9 → (7, 25), raw 24. Project 2: f, g give 4 each → (4, 8), raw 8.
    // Pool 1000 spread: 50000/82 = 609, 24000/82 = 292, 8000/82 = 97; remainder 2.
    private static readonly ProjectTally[] Tallies = [new(10, 50), new(7, 25), new(4, 8)];
    private static readonly QuadraticMatchingOptions Pool = new(1_000);

    [Fact]
    public void Estimate_NewMemberAdds16_ProjectGainsAndTheOthersShrinkLargestFirst()
    {
        var estimator = new MatchEstimator(Tallies, Pool);

        var estimate = estimator.Estimate(1, currentEligible: 0, isMember: true, addition: 16);

        // Project 1 becomes (11, 41), raw 80; total 138: 50000/138 = 362, 80000/138 = 579, 8000/138 = 57.
        Assert.True(estimate.Counts);
        Assert.Equal(new ProjectTally(11, 41), estimate.TallyAfter);
        Assert.Equal(new ProjectMatchChange(1, 292, 579), estimate.Project);
        Assert.Equal([new ProjectMatchChange(0, 609, 362), new ProjectMatchChange(2, 97, 57)], estimate.LargestOtherChanges);
        Assert.Equal(new BigInteger(287), estimate.Project.Change);
        Assert.Equal((new BigInteger(2), new BigInteger(2)), (estimate.RemainderBefore, estimate.RemainderAfter));
    }

    [Fact]
    public void Estimate_TopUpOfAStakeOf9By7_ReplacesTheOldRootWithTheNewOne()
    {
        var estimate = new MatchEstimator(Tallies, Pool).Estimate(1, currentEligible: 9, isMember: true, addition: 7);

        // Roots 7 − 3 + 4 = 8, contributions 32: raw 32; total 90: 32000/90 = 355.
        Assert.Equal(new ProjectTally(8, 32), estimate.TallyAfter);
        Assert.Equal(new ProjectMatchChange(1, 292, 355), estimate.Project);
    }

    [Fact]
    public void Estimate_NonMemberWithAStakeThatCounts_KeepsCounting()
    {
        var member = new MatchEstimator(Tallies, Pool).Estimate(1, 9, isMember: true, addition: 7);

        var former = new MatchEstimator(Tallies, Pool).Estimate(1, 9, isMember: false, addition: 7);

        Assert.True(former.Counts);
        Assert.Equal((member.TallyAfter, member.Project, member.RemainderAfter), (former.TallyAfter, former.Project, former.RemainderAfter));
        Assert.Equal(member.LargestOtherChanges, former.LargestOtherChanges);
    }

    [Fact]
    public void Estimate_NonMemberWithoutAStake_ChangesNothing()
    {
        var estimate = new MatchEstimator(Tallies, Pool).Estimate(1, 0, isMember: false, addition: 1_000_000);

        Assert.False(estimate.Counts);
        Assert.Equal(Tallies[1], estimate.TallyAfter);
        Assert.Equal(new ProjectMatchChange(1, 292, 292), estimate.Project);
        Assert.Empty(estimate.LargestOtherChanges);
    }

    [Fact]
    public void Estimate_LargestOthersLimited_KeepsTheBiggestChange()
    {
        var estimate = new MatchEstimator(Tallies, Pool).Estimate(1, 0, true, 16, largestOthers: 1);

        Assert.Equal([new ProjectMatchChange(0, 609, 362)], estimate.LargestOtherChanges);
    }

    [Fact]
    public void Estimate_RandomRounds_EqualsATallyWithTheContributionAppended()
    {
        var random = new Random(17);
        for (var round = 0; round < 200; round++)
        {
            var projects = random.Next(1, 12);
            var contributions = Enumerable.Range(0, random.Next(0, 80))
                .Select(_ => ($"m{random.Next(20)}", random.Next(projects), (BigInteger)random.NextInt64(0, 1L << 40)))
                .ToList();
            bool IsMember(string who) => who.GetHashCode(StringComparison.Ordinal) % 4 != 0;
            var options = new QuadraticMatchingOptions(random.NextInt64(0, 1L << 50), random.Next(2) == 0 ? 0 : random.Next(1, 10_001), random.Next(2) == 0);
            var estimator = new MatchEstimator(QuadraticMatching.Tally(projects, contributions, IsMember), options);
            var (who, project, addition) = ($"m{random.Next(20)}", random.Next(projects), (BigInteger)random.NextInt64(0, 1L << 42));
            var eligible = IsMember(who)
                ? contributions.Where(c => c.Item1 == who && c.Item2 == project).Aggregate(BigInteger.Zero, (sum, c) => sum + c.Item3)
                : BigInteger.Zero;

            var estimate = estimator.Estimate(project, eligible, IsMember(who), addition, largestOthers: projects);

            var expected = QuadraticMatching.Compute(QuadraticMatching.Tally(projects, [.. contributions, (who, project, addition)], IsMember), options);
            Assert.Equal(expected.Matches[project], estimate.Project.After);
            Assert.Equal(expected.Remainder, estimate.RemainderAfter);
            var after = estimator.Current.Matches.ToArray();
            after[project] = estimate.Project.After;
            foreach (var change in estimate.LargestOtherChanges) after[change.Project] = change.After;
            Assert.Equal(expected.Matches, after);
        }
    }

    [Fact]
    public void Estimate_UnknownProject_SaysWhichProjectsExist()
    {
        var error = Assert.Throws<AidDaoInputException>(() => new MatchEstimator(Tallies, Pool).Estimate(3, 0, true, 1));

        Assert.Equal("There is no project 3; projects are 0 to 2.", error.Message);
    }

    [Fact]
    public void Estimate_NegativeAddition_IsRefused()
    {
        var error = Assert.Throws<AidDaoInputException>(() => new MatchEstimator(Tallies, Pool).Estimate(0, 0, true, -1));

        Assert.Equal("An amount to add cannot be negative.", error.Message);
    }

    [Fact]
    public void Estimate_StakeAboveTheProjectsTotal_AsksForFiguresFromOneBlock()
    {
        var error = Assert.Throws<AidDaoInputException>(() => new MatchEstimator(Tallies, Pool).Estimate(2, 9, true, 1));

        Assert.Equal("The contributor's eligible amount 9 is more than project 2's eligible total 8; read both from the same block.", error.Message);
    }
}
