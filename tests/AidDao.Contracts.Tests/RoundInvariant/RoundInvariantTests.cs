using AidDao.Contracts.Tests.Round;
using AidDao.Contracts.Tests.Support;
using AidDao.Core.Rounds;
using AidDao.TestUtils;
using Xunit;

namespace AidDao.Contracts.Tests.RoundInvariant;

/// <summary>
/// Stateful property test of FundingRound: seeded random sequences of contributions (members and outsiders, single and
/// batched, whole and in chunks, 1 wei to 1e24 wei), votes, matching funds, time travel, finalisation, claims, ranged
/// distributions, token claims, sweeps, cancel approvals and refunds, legal and illegal, run on the chain and on
/// <see cref="RoundModel"/>. Every step's answer must be the one the model predicts (down to the custom error), and after
/// every step <see cref="RoundChainChecker"/> checks the round's invariants. A failure names the seed and step, so it
/// replays exactly.
/// </summary>
public sealed class RoundInvariantTests(ChainFixture fixture) : RoundTest(fixture)
{
    private const int Steps = 110;

    /// <summary>Seeds 3 and 6 are quadratic voting; only even seeds approve cancelling while the round is active.</summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    public async Task RandomRoundActions_ChainAgreesWithModel_AndInvariantsHold(int seed)
    {
        var random = new Random(seed);
        var mode = seed % 3 == 0 ? RoundMode.QuadraticVoting : RoundMode.QuadraticFunding;
        var capBps = (ushort)new[] { 0, 2500, 4000, 10_000 }[random.Next(4)];
        var spread = random.Next(2) == 0;
        var projects = random.Next(3, 6);
        var credits = RoundAmounts.LogUniform(random, RoundAmounts.Max) + 1_000_000;
        var builder = NewRound().WithCap(capBps);
        if (!spread) builder.PayingRawMatchesOnly();
        if (mode == RoundMode.QuadraticVoting) builder.QuadraticVoting(credits);

        var world = await RoundWorld.CreateAsync(Devnet, builder, projects, Ct);
        var setup = world.Round.Setup;
        var model = new RoundModel(new RoundModelSetup(mode, capBps, spread, setup.CreditsPerMember, setup.TokenRate, setup.VotingStart, setup.VotingEnd,
            setup.ReviewPeriod, setup.ClaimPeriod, Threshold: 2, projects, world.IsMember, RoundWorld.RecipientOf, p => world.Parties[p].Name,
            RoundWorld.Applicant));
        var runner = new RoundStepRunner(world, model, random, cancelWeight: seed % 2 == 0 ? 4 : 0, votingSteps: random.Next(45, 66), claimSteps: random.Next(15, 26), Ct);
        var checker = new RoundChainChecker(world, model);
        await runner.StartAsync();
        await checker.StartAsync();

        var history = new List<RoundStep>();
        string? failure = null;
        // The run stops early once the round has nothing left to do (a settled round only answers errors).
        for (var step = 0; step < Steps && failure is null && !model.Settled(runner.BlockTime); step++)
        {
            var done = await runner.StepAsync();
            history.Add(done);
            if (!done.Agrees)
                failure = $"seed {seed}, step {step}: {done.Description}: model expected '{done.Expected}', chain gave '{done.Actual}'";
            else if (await checker.CheckAsync(runner.BlockTime, runner.TouchedStakes, runner.TouchedParties, everything: false) is { } problems)
                failure = $"seed {seed}, step {step} ({done.Description}): {problems}";
        }
        if (failure is null && await checker.CheckAsync(runner.BlockTime, [], [], everything: true) is { } final)
            failure = $"seed {seed}, after {history.Count} steps (every stake read): {final}";
        if (failure is not null)
            failure += "\nlast steps:\n" + string.Join('\n', history.TakeLast(12).Select(s => $"  {s.Description} -> {s.Actual}"));
        TestContext.Current.TestOutputHelper?.WriteLine(Summary(seed, mode, capBps, spread, projects, model, checker, history));
        Assert.True(failure is null, failure);
        // Guard against a vacuous run: the money-out invariants need money to go out.
        Assert.True(model.Status != RoundModelStatus.Active && checker.Payments + checker.Refunds > 0,
            $"seed {seed} ended {model.Status} with {checker.Payments} payments and {checker.Refunds} refunds: retune the action weights");
    }

    /// <summary>What the run exercised: the round's shape, where it ended, and each action's outcomes.</summary>
    private static string Summary(int seed, RoundMode mode, ushort capBps, bool spread, int projects, RoundModel model, RoundChainChecker checker,
        List<RoundStep> history)
    {
        var outcomes = history.GroupBy(s => (s.Kind, Outcome: s.Actual.Split(' ')[0]))
            .OrderBy(g => g.Key.Kind, StringComparer.Ordinal).Select(g => $"{g.Key.Kind,-14} {g.Key.Outcome,-28} {g.Count()}");
        return $"seed {seed}: {mode}, {projects} projects, cap {capBps} bps, {(spread ? "spread" : "raw only")}; {history.Count} steps, ended {model.Status}, pool {model.Pool}, "
            + $"{checker.Payments} payments, {checker.Refunds} refunds, swept {model.Swept}\n{string.Join('\n', outcomes)}";
    }
}
