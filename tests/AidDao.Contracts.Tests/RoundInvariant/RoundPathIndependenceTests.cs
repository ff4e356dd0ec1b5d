using System.Numerics;
using AidDao.Contracts.Tests.Round;
using AidDao.Contracts.Tests.Support;
using AidDao.Core.Rounds;
using AidDao.TestUtils;
using Xunit;

namespace AidDao.Contracts.Tests.RoundInvariant;

/// <summary>
/// Path independence: giving c to a project in k chunks (separate transactions and batches that repeat the project)
/// leaves exactly the tallies, stakes and match of giving c once. Each test compares two projects of one round:
/// project 1 gets every amount once, project 2 the same amounts in chunks.
/// </summary>
public sealed class RoundPathIndependenceTests(ChainFixture fixture) : RoundTest(fixture)
{
    /// <summary>Members 3, 4, 5 and outsider 7; the outsider's money reaches the project but is never matched.</summary>
    private static readonly int[] Contributors = [3, 4, 5, 7];
    private static readonly int[] Voters = [3, 4, 5];
    private static readonly BigInteger Pool = PoolBuilder.Ether(1);

    /// <summary><paramref name="chunks"/> = 0 splits every amount into a random number (2 to 12) of random parts.</summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(7)]
    [InlineData(0)]
    public async Task Contribute_InChunks_SameTalliesStakesAndMatchAsOnce(int chunks)
    {
        var random = new Random(100 + chunks);
        var round = await NewRound().WithMinimum(1).WithProjects(2).WithMatching(Pool).BuildAsync(Ct);
        var amounts = Contributors.ToDictionary(c => c, _ => RoundAmounts.LogUniform(random, PoolBuilder.Ether(50)) + 12);
        foreach (var (contributor, amount) in amounts)
        {
            await round.ContributeAsync(contributor, 1, amount);
            await GiveInChunksAsync(round, contributor, RoundAmounts.Split(random, amount, chunks == 0 ? random.Next(2, 13) : chunks));
        }

        await AssertSameAsync(round, Contributors);
        var expected = QuadraticMatching.Tally(1, amounts.Select(a => (a.Key, 0, a.Value)), c => c != 7)[0];
        var totals = await round.TotalsAsync(2);
        Assert.Equal((expected.SumOfRoots, expected.SumOfContributions), ((BigInteger)totals.Roots, totals.Eligible));
        Assert.Equal(amounts.Values.Aggregate(BigInteger.Zero, (a, b) => a + b), totals.Raised);
        await AssertSameMatchAsync(round);
    }

    /// <summary>Quadratic voting: credits spent in chunks (several votes, and one vote repeating the project) buy the same votes.</summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(7)]
    public async Task Vote_InChunks_SameVotesCreditsAndMatchAsOnce(int chunks)
    {
        var random = new Random(200 + chunks);
        var budget = BigInteger.Pow(10, 20);
        var round = await NewRound().QuadraticVoting(budget).WithProjects(2).WithMatching(Pool).BuildAsync(Ct);
        var credits = Voters.ToDictionary(v => v, _ => RoundAmounts.LogUniform(random, budget / 2 - 7) + 7);
        foreach (var (voter, amount) in credits)
        {
            await round.VoteAsync(voter, [1], [amount]);
            var parts = RoundAmounts.Split(random, amount, chunks);
            var half = (parts.Count + 1) / 2;
            foreach (var part in parts.Take(half)) await round.VoteAsync(voter, [2], [part]);
            if (parts.Count > half) await round.VoteAsync(voter, [.. parts.Skip(half).Select(_ => new BigInteger(2))], [.. parts.Skip(half)]);

            var (_, spent) = await CreditsAsync(round, voter);
            Assert.Equal(2 * amount, spent);
        }

        await AssertSameAsync(round, Voters);
        Assert.Equal(credits.Values.Aggregate(BigInteger.Zero, (a, c) => a + IntegerMath.FloorSqrt(c)), (BigInteger)(await round.TotalsAsync(2)).Roots);
        await AssertSameMatchAsync(round);
    }

    /// <summary>About half the chunks one by one through contributeTo, the rest in one batch naming project 2 for each.</summary>
    private static async Task GiveInChunksAsync(TestRound round, int contributor, IReadOnlyList<BigInteger> parts)
    {
        var half = (parts.Count + 1) / 2;
        foreach (var part in parts.Take(half)) await round.ContributeAsync(contributor, 2, part);
        if (parts.Count > half) await round.ContributeBatchAsync(contributor, [.. parts.Skip(half).Select(_ => new BigInteger(2))], [.. parts.Skip(half)]);
    }

    /// <summary>Both projects have the same totals, and each party the same stake in both.</summary>
    private static async Task AssertSameAsync(TestRound round, int[] parties)
    {
        var (once, chunked) = (await round.TotalsAsync(1), await round.TotalsAsync(2));
        Assert.Equal((once.Raised, once.Eligible, once.Roots), (chunked.Raised, chunked.Eligible, chunked.Roots));
        foreach (var party in parties)
        {
            var (a, b) = (await round.StakeAsync(party, 1), await round.StakeAsync(party, 2));
            Assert.Equal((a.Amount, a.Eligible, a.Root), (b.Amount, b.Eligible, b.Root));
        }
    }

    /// <summary>After finalisation both projects get the same, non-zero match.</summary>
    private static async Task AssertSameMatchAsync(TestRound round)
    {
        await round.MoveToFinalizeAsync();
        await round.FinalizeAsync();
        var (once, chunked) = (await round.As(0).MatchOfQueryAsync(1), await round.As(0).MatchOfQueryAsync(2));
        Assert.True(once > 0, "the match must not be 0, or the comparison says nothing");
        Assert.Equal(once, chunked);
    }

    private static async Task<(BigInteger Budget, BigInteger Spent)> CreditsAsync(TestRound round, int member)
    {
        var credits = await round.As(0).CreditsOfQueryAsync(round.AddressOf(member));
        return (credits.Budget, credits.Spent);
    }
}
