using System.Numerics;
using AidDao.Core.Rounds;
using Xunit;

namespace AidDao.Core.Tests.Rounds;

/// <summary><see cref="QuadraticMatching"/>: the formula, eligibility, cumulative contributions, the cap and the remainder.</summary>
public class QuadraticMatchingTests
{
    private static IReadOnlyList<ProjectTally> Tally(int projects, params (string Who, int Project, long Amount)[] contributions) =>
        QuadraticMatching.Tally(projects, contributions.Select(c => (c.Who, c.Project, new BigInteger(c.Amount))), who => !who.StartsWith("outsider", StringComparison.Ordinal));

    [Fact]
    public void BroadSupport_OutweighsDeepPockets()
    {
        // Project 0: 4 members give 25 each; project 1: one member gives 100.
        var tallies = Tally(2, ("a", 0, 25), ("b", 0, 25), ("c", 0, 25), ("d", 0, 25), ("e", 1, 100));

        var result = QuadraticMatching.Compute(tallies, new QuadraticMatchingOptions(1_000));

        Assert.Equal([new BigInteger(300), BigInteger.Zero], result.RawMatches); // (4×5)² − 100, (10)² − 100
        Assert.Equal([new BigInteger(1_000), BigInteger.Zero], result.Matches);
        Assert.Equal(BigInteger.Zero, result.Remainder);
    }

    [Fact]
    public void NonMembers_ReachTheProjectButAttractNoMatch_EvenSplitAcross100Addresses()
    {
        var sybils = Enumerable.Range(0, 100).Select(i => ($"outsider{i}", 0, 1L)).ToArray();

        var tallies = Tally(1, sybils);

        Assert.Equal(new ProjectTally(0, 0), tallies[0]);
        Assert.Equal(BigInteger.Zero, QuadraticMatching.Compute(tallies, new QuadraticMatchingOptions(1_000)).Matches[0]);
    }

    [Fact]
    public void AMembersContributionsToOneProject_CountAsOneCumulativeContribution()
    {
        var chunked = Tally(1, ("a", 0, 10), ("a", 0, 6), ("b", 0, 16));
        var once = Tally(1, ("a", 0, 16), ("b", 0, 16));

        Assert.Equal(once, chunked);
        Assert.Equal(new ProjectTally(8, 32), once[0]);
    }

    [Fact]
    public void FormulaBelowThePool_SpreadsTheWholePoolOrPaysRawAndReturnsTheRest()
    {
        var tallies = Tally(2, ("a", 0, 1), ("b", 0, 1), ("a", 1, 4), ("b", 1, 4)); // raw 2 and 8

        var spread = QuadraticMatching.Compute(tallies, new QuadraticMatchingOptions(100, SpreadWholePool: true));
        var raw = QuadraticMatching.Compute(tallies, new QuadraticMatchingOptions(100, SpreadWholePool: false));

        Assert.Equal([new BigInteger(20), new BigInteger(80)], spread.Matches);
        Assert.Equal(BigInteger.Zero, spread.Remainder);
        Assert.Equal([new BigInteger(2), new BigInteger(8)], raw.Matches);
        Assert.Equal(new BigInteger(90), raw.Remainder);
    }

    [Fact]
    public void Cap_HoldsABigProjectAndRedistributesTheExcessToTheOthers()
    {
        // Raw 80, 15, 5 of a pool of 1000 with a 50 % cap: 800 → 500, the other 500 split 15:5.
        var tallies = new[] { new ProjectTally(10, 20), new ProjectTally(5, 10), new ProjectTally(3, 4) };

        var result = QuadraticMatching.Compute(tallies, new QuadraticMatchingOptions(1_000, CapBasisPoints: 5_000));

        Assert.Equal([new BigInteger(80), new BigInteger(15), new BigInteger(5)], result.RawMatches);
        Assert.Equal([new BigInteger(500), new BigInteger(375), new BigInteger(125)], result.Matches);
        Assert.Equal([true, false, false], result.Capped);
        Assert.Equal(BigInteger.Zero, result.Remainder);
    }

    [Fact]
    public void Cap_ReachedByARedistributionToo_IsAppliedInALaterPass()
    {
        // Raw 60, 30, 10 of 1000, cap 40 %: 600 → 400; then 600 over 30:10 gives 450 → 400; the last gets the 200 left.
        var tallies = new[] { new ProjectTally(10, 40), new ProjectTally(6, 6), new ProjectTally(4, 6) };

        var result = QuadraticMatching.Compute(tallies, new QuadraticMatchingOptions(1_000, CapBasisPoints: 4_000));

        Assert.Equal([new BigInteger(60), new BigInteger(30), new BigInteger(10)], result.RawMatches);
        Assert.Equal([new BigInteger(400), new BigInteger(400), new BigInteger(200)], result.Matches);
        Assert.Equal(BigInteger.Zero, result.Remainder);
    }

    [Fact]
    public void RandomRounds_NeverPayMoreThanThePoolOrTheCap_AndTheRemainderClosesTheBooks()
    {
        var random = new Random(5);
        for (var round = 0; round < 300; round++)
        {
            var projects = random.Next(1, 30);
            var contributions = Enumerable.Range(0, random.Next(0, 300))
                .Select(_ => ($"m{random.Next(40)}", random.Next(projects), (BigInteger)random.NextInt64(1, long.MaxValue) * random.Next(1, 1000)))
                .ToList();
            var tallies = QuadraticMatching.Tally(projects, contributions, _ => true);
            var options = new QuadraticMatchingOptions((BigInteger)random.NextInt64(0, long.MaxValue) * random.Next(1, 1_000_000),
                random.Next(2) == 0 ? 0 : random.Next(1, 10_001), random.Next(2) == 0);

            var result = QuadraticMatching.Compute(tallies, options);

            var paid = result.Matches.Aggregate(BigInteger.Zero, (a, b) => a + b);
            Assert.True(paid <= options.MatchingPool, $"round {round}: paid {paid} of {options.MatchingPool}");
            Assert.Equal(options.MatchingPool - paid, result.Remainder);
            Assert.All(result.Matches, m => Assert.True(m.Sign >= 0));
            if (options.Cap is { } cap) Assert.All(result.Matches, m => Assert.True(m <= cap, $"round {round}: {m} over the cap {cap}"));
            Assert.All(Enumerable.Range(0, projects), p => Assert.True(!result.RawMatches[p].IsZero || result.Matches[p].IsZero));
        }
    }

    [Fact]
    public void Compute_BadOptions_SayWhatIsAllowed()
    {
        var error = Assert.Throws<AidDaoInputException>(() => QuadraticMatching.Compute([], new QuadraticMatchingOptions(1, CapBasisPoints: 10_001)));

        Assert.Equal("A matching cap is 0 (none) to 10,000 basis points of the pool.", error.Message);
    }
}
