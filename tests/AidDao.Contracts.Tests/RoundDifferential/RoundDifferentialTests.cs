using System.Diagnostics;
using System.Numerics;
using AidDao.Contracts.Tests.Round;
using AidDao.Contracts.Tests.Support;
using AidDao.TestUtils;
using Xunit;

namespace AidDao.Contracts.Tests.RoundDifferential;

/// <summary>
/// Differential test: the FundingRound contract and the C# engine (<see cref="AidDao.Core.Rounds.QuadraticMatching"/>)
/// agree to the wei. Each seed draws a round (<see cref="DifferentialRoundPlan"/>: 1 to 12 projects, members and
/// outsiders giving 1 wei to 1e24 wei several times to the same projects, QF or QV, cap on or off, pool spread or not,
/// a pool from nothing or dust to far above Σraw), plays it on the chain in a new round of one community, and compares
/// tallies, matches, payouts and the outcome with the engine's. A failure names each failing seed and its plan.
/// </summary>
public sealed class RoundDifferentialTests(ChainFixture fixture) : RoundTest(fixture)
{
    private const int RoundsPerGroup = 5;
    private const int CrowdMembers = 14;
    private const int CrowdOutsiders = 8;
    private static readonly BigInteger CrowdBalance = BigInteger.Pow(10, 31);

    /// <summary>Four groups of five seeds (1 to 20); each group shares one community, pool and crowd.</summary>
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task Finalize_RandomRounds_MatchesEngineToTheWei(int group)
    {
        var pool = await new PoolBuilder(Devnet).BuildAsync(Ct);
        var crowd = await RoundCrowd.CreateAsync(Devnet, pool.Community, CrowdMembers, CrowdOutsiders, CrowdBalance, Ct);
        var runner = new DifferentialRound(Devnet, pool, crowd, crowd.Outsiders[^1], Ct);
        var failures = new List<string>();
        for (var seed = group * RoundsPerGroup + 1; seed <= (group + 1) * RoundsPerGroup; seed++)
        {
            var plan = DifferentialRoundPlan.Draw(seed, CrowdMembers, crowd.Everyone.Count);
            var clock = Stopwatch.StartNew();
            var problems = await runner.RunAsync(plan);
            TestContext.Current.TestOutputHelper?.WriteLine($"{plan} ({clock.ElapsedMilliseconds} ms)");
            if (problems.Count > 0) failures.Add($"{plan}:\n  {string.Join("\n  ", problems)}");
        }
        Assert.True(failures.Count == 0, $"chain and engine differ in {failures.Count} rounds:\n{string.Join('\n', failures)}");
    }
}
