using System.Numerics;
using AidDao.Core.Rounds;
using AidDao.Core.Rounds.Analysis;
using Xunit;

namespace AidDao.Core.Tests.Rounds.Analysis;

/// <summary><see cref="CappedMatching"/> and <see cref="EligibleContributions"/>: each c_ip counts up to the cap; above every amount it is linear QF.</summary>
public class CappedMatchingTests
{
    private static EligibleContributions Contributions(int projects, params (string Who, int Project, long Amount)[] contributions) =>
        EligibleContributions.From(projects, contributions.Select(c => (c.Who, c.Project, new BigInteger(c.Amount))), who => !who.StartsWith("outsider", StringComparison.Ordinal));

    [Fact]
    public void Compute_CapOf25_HoldsTheWhaleAndMovesMatchToTheBroadProject()
    {
        // Project 0: a gives 100 (counts 25), b gives 4 → (5 + 2, 25 + 4), raw 20; uncapped (12, 104), raw 40.
        // Project 1: c 9, d 16 → (7, 25), raw 24. Pool 1000: capped 20000/44 = 454, 24000/44 = 545; linear 625, 375.
        var contributions = Contributions(2, ("a", 0, 60), ("a", 0, 40), ("b", 0, 4), ("c", 1, 9), ("d", 1, 16), ("outsider", 1, 1_000));

        var capped = CappedMatching.Compute(contributions, 25, new QuadraticMatchingOptions(1_000));

        Assert.Equal([new ProjectTally(7, 29), new ProjectTally(7, 25)], CappedMatching.Tally(contributions, 25));
        Assert.Equal([new BigInteger(20), new BigInteger(24)], capped.RawMatches);
        Assert.Equal([new BigInteger(454), new BigInteger(545)], capped.Matches);
        Assert.Equal([new BigInteger(625), new BigInteger(375)], QuadraticMatching.Compute(contributions.Tally(), new QuadraticMatchingOptions(1_000)).Matches);
    }

    [Fact]
    public void Compute_CapZero_CountsNothingAndReturnsThePool()
    {
        var result = CappedMatching.Compute(Contributions(1, ("a", 0, 4), ("b", 0, 9)), 0, new QuadraticMatchingOptions(1_000));

        Assert.Equal([BigInteger.Zero], result.Matches);
        Assert.Equal(new BigInteger(1_000), result.Remainder);
    }

    [Fact]
    public void Compute_RandomRoundsWithTheCapAboveEveryAmount_EqualsLinearQuadraticFunding()
    {
        var random = new Random(23);
        for (var round = 0; round < 200; round++)
        {
            var projects = random.Next(1, 20);
            var contributions = Enumerable.Range(0, random.Next(0, 200))
                .Select(_ => ($"m{random.Next(30)}", random.Next(projects), (BigInteger)random.NextInt64(0, long.MaxValue) * random.Next(1, 1000)))
                .ToList();
            bool IsEligible(string who) => who != "m0";
            var options = new QuadraticMatchingOptions((BigInteger)random.NextInt64(0, long.MaxValue) * 1_000, random.Next(2) == 0 ? 0 : random.Next(1, 10_001), random.Next(2) == 0);
            var eligible = EligibleContributions.From(projects, contributions, IsEligible);
            var cap = Enumerable.Range(0, projects).SelectMany(p => eligible.AmountsOf(p).ToArray()).DefaultIfEmpty().Max() + random.Next(0, 2);

            var capped = CappedMatching.Compute(eligible, cap, options);

            var linearTallies = QuadraticMatching.Tally(projects, contributions, IsEligible);
            Assert.Equal(linearTallies, eligible.Tally());
            var linear = QuadraticMatching.Compute(linearTallies, options);
            Assert.Equal(linear.RawMatches, capped.RawMatches);
            Assert.Equal(linear.Matches, capped.Matches);
            Assert.Equal(linear.Capped, capped.Capped);
            Assert.Equal(linear.Remainder, capped.Remainder);
        }
    }

    [Fact]
    public void Compute_NegativeCap_SaysWhatACapIs()
    {
        var error = Assert.Throws<AidDaoInputException>(() => CappedMatching.Compute(Contributions(1), -1, new QuadraticMatchingOptions(1)));

        Assert.Equal("A contribution cap cannot be negative; give the most one contributor's money on one project may count for.", error.Message);
    }

    [Fact]
    public void Compute_QuadraticVotingRound_IsRefused()
    {
        var error = Assert.Throws<AidDaoInputException>(() => CappedMatching.Compute(Contributions(1), 1, new QuadraticMatchingOptions(1, Mode: RoundMode.QuadraticVoting)));

        Assert.Equal("Capped matching is an analysis of quadratic-funding rounds; this round uses quadratic voting, where money does not attract matching.", error.Message);
    }
}
