using System.Numerics;
using AidDao.Core.Rounds;
using AidDao.Core.Rounds.Analysis;
using Xunit;

namespace AidDao.Core.Tests.Rounds.Analysis;

/// <summary><see cref="PairwiseMatching"/>: hand-computed pairs, coordination discounts, the per-project bound and the split.</summary>
public class PairwiseMatchingTests
{
    private static readonly QuadraticMatchingOptions Pool = new(1_000);

    private static EligibleContributions Contributions(int projects, params (string Who, int Project, double Amount)[] contributions) =>
        EligibleContributions.From(projects, contributions.Select(c => (c.Who, c.Project, new BigInteger(c.Amount))), _ => true);

    [Fact]
    public void Compute_TwoContributors_DiscountsTheirPairByMOverMPlusK()
    {
        // √(4 × 9) = 6, k = 6, M = 6: 6 × 6 / 12 = 3; linear 6.
        var result = PairwiseMatching.Compute(Contributions(1, ("a", 0, 4), ("b", 0, 9)), Pool, new PairwiseMatchingOptions(6));

        Assert.Equal(3, result.Subsidies[0], 12);
        Assert.Equal(6, result.LinearSubsidies[0], 12);
        Assert.Equal(1, result.PairsEvaluated);
    }

    [Fact]
    public void Compute_ThreeContributors_SumsTheThreePairs()
    {
        // Roots 1, 2, 4; M = 2: ab 2 × 2/4 = 1, ac 4 × 2/6 = 4/3, bc 8 × 2/10 = 1.6. Linear 2 + 4 + 8 = 14 = ((7)² − 21) / 2.
        var result = PairwiseMatching.Compute(Contributions(1, ("a", 0, 1), ("b", 0, 4), ("c", 0, 16)), Pool, new PairwiseMatchingOptions(2));

        Assert.Equal(1 + 4.0 / 3 + 1.6, result.Subsidies[0], 12);
        Assert.Equal(14, result.LinearSubsidies[0], 12);
        Assert.Equal(3, result.PairsEvaluated);
    }

    [Fact]
    public void Compute_CoordinatedPair_GetsLessThanAnIndependentPair()
    {
        // a and b fund projects 0 and 2 together (k = 2); c and d only project 1 (k = 1). M = 1: 1/3, 1/2, 1/3.
        var result = PairwiseMatching.Compute(
            Contributions(3, ("a", 0, 1), ("b", 0, 1), ("c", 1, 1), ("d", 1, 1), ("a", 2, 1), ("b", 2, 1)), Pool, new PairwiseMatchingOptions(1));

        Assert.Equal(1.0 / 3, result.Subsidies[0], 12);
        Assert.Equal(1.0 / 2, result.Subsidies[1], 12);
        Assert.Equal(1.0 / 3, result.Subsidies[2], 12);
        Assert.Equal([1.0, 1.0, 1.0], result.LinearSubsidies);
    }

    [Fact]
    public void Compute_LargeAmounts_SplitsThePoolByTheRoundsRules()
    {
        // The coordinated example in wei (10^18 each, M = 10^18): raw ⌊2s⌋ ≈ 2/3, 1, 2/3 × 10^18; 1000 × 2/7 = 285, × 3/7 = 428.
        const double Token = 1e18;
        var result = PairwiseMatching.Compute(
            Contributions(3, ("a", 0, Token), ("b", 0, Token), ("c", 1, Token), ("d", 1, Token), ("a", 2, Token), ("b", 2, Token)), Pool, new PairwiseMatchingOptions(Token));

        Assert.Equal([new BigInteger(285), new BigInteger(428), new BigInteger(285)], result.Split.Matches);
        Assert.Equal(new BigInteger(2), result.Split.Remainder);
        Assert.Equal(1e18, (double)result.Split.RawMatches[1], 1e18 * 1e-12); // floating point: within an ulp or so, not to the wei
    }

    [Fact]
    public void Compute_RandomRounds_StayAtOrBelowLinearAndBoundedStaysBetweenExactAndLinear()
    {
        var random = new Random(29);
        for (var round = 0; round < 100; round++)
        {
            var projects = random.Next(1, 10);
            var contributions = Enumerable.Range(0, random.Next(0, 150))
                .Select(_ => ($"m{random.Next(25)}", random.Next(projects), (BigInteger)random.NextInt64(0, 1L << 50)))
                .ToList();
            var eligible = EligibleContributions.From(projects, contributions, _ => true);
            var tallies = eligible.Tally();

            var tight = PairwiseMatching.Compute(eligible, Pool, new PairwiseMatchingOptions(1e6));
            var loose = PairwiseMatching.Compute(eligible, Pool, new PairwiseMatchingOptions(1e40));
            var bounded = PairwiseMatching.Compute(eligible, Pool, new PairwiseMatchingOptions(1e6, MaxContributorsPerProject: 3));

            for (var p = 0; p < projects; p++)
            {
                var linear = tight.LinearSubsidies[p];
                Assert.True(tight.Subsidies[p] <= linear * (1 + 1e-12), $"round {round}, project {p}: {tight.Subsidies[p]} above linear {linear}");
                Assert.True(bounded.Subsidies[p] <= linear * (1 + 1e-12), $"round {round}, project {p}: bounded {bounded.Subsidies[p]} above linear {linear}");
                Assert.True(bounded.Subsidies[p] >= tight.Subsidies[p] * (1 - 1e-12), $"round {round}, project {p}: bounded {bounded.Subsidies[p]} below exact {tight.Subsidies[p]}");
                Assert.Equal(linear, loose.Subsidies[p], linear * 1e-9);
                // Exact roots make (Σ√c)² − Σc twice the pair sum; the on-chain floor roots only lower it.
                Assert.True((double)tallies[p].RawMatch <= 2 * linear * (1 + 1e-12) + 1);
                Assert.Equal(eligible.ContributorsOf(p).Length > 3, bounded.Approximated[p]);
            }
        }
    }

    [Fact]
    public void Compute_BoundBelowTheContributors_PairsOnlyTheHeadAndEstimatesTheRest()
    {
        // Ten equal contributors to one project and nowhere else: every pair has k = 1, so the estimate is exact.
        var contributions = Contributions(1, [.. Enumerable.Range(0, 10).Select(i => ($"m{i}", 0, 1.0))]);

        var exact = PairwiseMatching.Compute(contributions, Pool, new PairwiseMatchingOptions(3));
        var bounded = PairwiseMatching.Compute(contributions, Pool, new PairwiseMatchingOptions(3, MaxContributorsPerProject: 4));

        Assert.Equal(45 * 0.75, exact.Subsidies[0], 12);
        Assert.Equal(exact.Subsidies[0], bounded.Subsidies[0], 12);
        Assert.Equal((45L, 6L), (exact.PairsEvaluated, bounded.PairsEvaluated));
        Assert.Equal((false, true), (exact.Approximated[0], bounded.Approximated[0]));
    }

    [Fact]
    public void Compute_BoundedWhales_AreTheOnesPairedExactly()
    {
        // Bound 2: the two largest (16 and 9, roots 4 and 3) form the head, 12 × 1/(1 + 12); a (root 1) pairs as if
        // funding only this project: 4 × 1/(1 + 4) and 3 × 1/(1 + 3).
        var result = PairwiseMatching.Compute(Contributions(1, ("a", 0, 1), ("b", 0, 16), ("c", 0, 9)), Pool, new PairwiseMatchingOptions(1, MaxContributorsPerProject: 2));

        Assert.Equal(1, result.PairsEvaluated);
        Assert.Equal(12.0 / 13 + 0.8 + 0.75, result.Subsidies[0], 12);
        Assert.True(result.Approximated[0]);
    }

    [Fact]
    public void Compute_TailPairCoFundingElsewhere_IsDiscountedLessNeverMore()
    {
        // Project 0: a 16, b 9 (the head under bound 2), c and d 1 each; project 1: c and d again, so exactly k_cd = 2.
        // Exact: cd on project 0 gets 1/(1 + 2) = 1/3. Bounded: c and d are outside project 0's head, so cd counts as funding
        // only there (1/2), and on project 1 their k counts only heads they share (1/2 instead of 1/3).
        var contributions = Contributions(2, ("a", 0, 16), ("b", 0, 9), ("c", 0, 1), ("d", 0, 1), ("c", 1, 1), ("d", 1, 1));
        var rest = 12.0 / 13 + 2 * (0.8 + 0.75);

        var exact = PairwiseMatching.Compute(contributions, Pool, new PairwiseMatchingOptions(1));
        var bounded = PairwiseMatching.Compute(contributions, Pool, new PairwiseMatchingOptions(1, MaxContributorsPerProject: 2));

        Assert.Equal(rest + 1.0 / 3, exact.Subsidies[0], 12);
        Assert.Equal(rest + 1.0 / 2, bounded.Subsidies[0], 12);
        Assert.Equal([1.0 / 3, 1.0 / 2], [exact.Subsidies[1], bounded.Subsidies[1]]);
        Assert.Equal([true, false], bounded.Approximated);
    }

    [Theory]
    [InlineData(0, 2, "The coordination threshold M must be a positive number of smallest units (for example 25 × 10^18 for 25 tokens of 18 decimals).")]
    [InlineData(double.NaN, 2, "The coordination threshold M must be a positive number of smallest units (for example 25 × 10^18 for 25 tokens of 18 decimals).")]
    [InlineData(1, 1, "The pairwise analysis needs at least 2 contributors per project paired exactly; raise the limit.")]
    public void Compute_BadOptions_SayWhatIsAllowed(double threshold, int bound, string message)
    {
        var error = Assert.Throws<AidDaoInputException>(() => PairwiseMatching.Compute(Contributions(1), Pool, new PairwiseMatchingOptions(threshold, bound)));

        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void Compute_QuadraticVotingRound_IsRefused()
    {
        var error = Assert.Throws<AidDaoInputException>(() =>
            PairwiseMatching.Compute(Contributions(1), new QuadraticMatchingOptions(1, Mode: RoundMode.QuadraticVoting), new PairwiseMatchingOptions(1)));

        Assert.Equal("Pairwise matching is an analysis of quadratic-funding rounds; this round uses quadratic voting, where money does not attract matching.", error.Message);
    }
}
