using System.Numerics;
using AidDao.Contracts.FundingRound.ContractDefinition;
using AidDao.Core.Rounds;
using Nethereum.Contracts;
using Nethereum.RPC.Eth.DTOs;
using TokenContract = AidDao.Contracts.ContributionToken.ContributionTokenService;

namespace AidDao.Contracts.Tests.RoundInvariant;

/// <summary>
/// Reads the round back after a step and checks the acceptance invariants on chain state and logs, plus that the chain
/// agrees with <see cref="RoundModel"/>:
/// <list type="number">
/// <item>Σ matches ≤ the matching pool (and matched + remainder = pool once finalised);</item>
/// <item>money out (ProjectPaid + Refunded + Swept) ≤ money in (Contributed + MatchingFunded), the round's balance is
/// in − out, and it covers what the round still owes (read from its views);</item>
/// <item>each project is paid at most once (ProjectPaid events per project), and a paid project's payout reads 0;</item>
/// <item>QV: no member's credits spent exceed the budget (creditsOf);</item>
/// <item>projectTotals equal the model's tallies.</item>
/// </list>
/// </summary>
internal sealed class RoundChainChecker(RoundWorld world, RoundModel model)
{
    private readonly FundingRound.FundingRoundService _round = world.As(0);
    private readonly TokenContract _token = new(world.Parties[0].Web3, world.Round.Community.Token.Value);
    private readonly Dictionary<int, BigInteger> _initialTokens = [];
    private readonly Dictionary<int, int> _paidEvents = [];
    private readonly List<string> _problems = [];
    private long _scannedBlock;
    private BigInteger _in;
    private BigInteger _out;
    private BigInteger _swept;

    /// <summary>ProjectPaid events read so far.</summary>
    public int Payments => _paidEvents.Values.Sum();

    /// <summary>Refunded events read so far.</summary>
    public int Refunds { get; private set; }

    public async Task StartAsync()
    {
        _scannedBlock = (await world.LatestBlockAsync()).Number;
        var balances = await Task.WhenAll(world.Parties.Select(p => _token.BalanceOfQueryAsync(p.Address.Value)));
        for (var party = 0; party < balances.Length; party++) _initialTokens[party] = balances[party];
    }

    /// <summary>Checks after a step; returns the problems found, or null. With <paramref name="everything"/>, every stake and credit is read.</summary>
    public async Task<string?> CheckAsync(ulong blockTime, IReadOnlyList<(int Party, int Project)> touchedStakes, IReadOnlyList<int> touchedParties, bool everything)
    {
        _problems.Clear();
        var (latest, time) = await world.LatestBlockAsync();
        Expect(time == blockTime, $"latest block time {time}, the model thinks {blockTime}");
        await ReadLogsAsync(latest);

        var status = (RoundModelStatus)await _round.StatusQueryAsync();
        var pool = await _round.MatchingPoolQueryAsync();
        var balance = await world.BalanceAsync();
        var outcome = (await _round.OutcomeQueryAsync()).ReturnValue1;
        Expect(status == model.Status, $"status {status}, model {model.Status}");
        Expect(pool == model.Pool, $"matching pool {pool}, model {model.Pool}");
        Expect(balance == model.MoneyIn - model.MoneyOut, $"balance {balance}, model in {model.MoneyIn} - out {model.MoneyOut}");

        await CheckProjectsAsync(pool, outcome);
        Expect(_out <= _in, $"invariant 2: money out {_out} exceeds money in {_in}");
        Expect(balance == _in - _out, $"invariant 2: balance {balance}, but the logs say in {_in} - out {_out}");
        var owed = await OwedAsync(status, pool, outcome);
        Expect(balance >= owed, $"invariant 2: balance {balance} does not cover the {owed} still owed");
        Expect(_paidEvents.All(p => p.Value <= 1), $"invariant 3: projects paid twice: {string.Join(", ", _paidEvents.Where(p => p.Value > 1).Select(p => p.Key))}");

        if (model.Setup.Mode == RoundMode.QuadraticVoting)
        {
            var voters = RoundWorld.Contributors.Where(world.IsMember).ToArray();
            var credits = await Task.WhenAll(voters.Select(m => _round.CreditsOfQueryAsync(world.Parties[m].Address.Value)));
            for (var i = 0; i < voters.Length; i++)
            {
                var expected = model.Credits.GetValueOrDefault(voters[i], (BigInteger.Zero, BigInteger.Zero));
                Expect(credits[i].Spent <= credits[i].Budget, $"invariant 4: {world.Parties[voters[i]].Name} spent {credits[i].Spent} of a budget of {credits[i].Budget}");
                Expect(credits[i].Budget == expected.Item1 && credits[i].Spent == expected.Item2,
                    $"credits of {world.Parties[voters[i]].Name}: chain {credits[i].Budget}/{credits[i].Spent}, model {expected.Item1}/{expected.Item2}");
            }
        }

        var stakes = everything ? [.. model.Stakes.Keys] : touchedStakes.Distinct().ToArray();
        await CheckStakesAsync(stakes);
        var parties = everything ? Enumerable.Range(0, world.Parties.Count).ToArray() : touchedParties.Distinct().ToArray();
        var tokens = await Task.WhenAll(parties.Select(p => _token.BalanceOfQueryAsync(world.Parties[p].Address.Value)));
        for (var i = 0; i < parties.Length; i++)
        {
            var minted = tokens[i] - _initialTokens[parties[i]];
            Expect(minted == model.TokensMinted.GetValueOrDefault(parties[i]),
                $"{world.Parties[parties[i]].Name} got {minted} contribution tokens from the round, model {model.TokensMinted.GetValueOrDefault(parties[i])}");
        }
        return _problems.Count == 0 ? null : string.Join("; ", _problems);
    }

    /// <summary>Invariants 1, 3 and 5 per project, and the model's matches once finalised.</summary>
    private async Task CheckProjectsAsync(BigInteger pool, Outcome outcome)
    {
        var projects = Enumerable.Range(1, world.UnknownProject).ToArray();
        var totals = await Task.WhenAll(projects.Select(async p => (await _round.ProjectTotalsQueryAsync(p)).ReturnValue1));
        var tallies = model.Tallies();
        for (var i = 0; i < projects.Length; i++)
        {
            var p = projects[i];
            var (raised, tally) = p <= world.Projects ? (model.Raised(p), tallies[p - 1]) : (BigInteger.Zero, default);
            Expect(totals[i].Raised == raised && totals[i].Eligible == tally.SumOfContributions && totals[i].Roots == tally.SumOfRoots && totals[i].Status == model.ProjectStatus(p),
                $"invariant 5: project {p} totals: chain raised {totals[i].Raised} eligible {totals[i].Eligible} roots {totals[i].Roots} status {totals[i].Status}; "
                + $"model {raised} {tally.SumOfContributions} {tally.SumOfRoots} {model.ProjectStatus(p)}");
        }
        var approved = projects.Take(world.Projects).ToArray();
        var matches = await Task.WhenAll(approved.Select(p => _round.MatchOfQueryAsync(p)));
        var payouts = await Task.WhenAll(approved.Select(p => _round.PayoutOfQueryAsync(p)));
        var sum = matches.Aggregate(BigInteger.Zero, (a, b) => a + b);
        Expect(sum <= pool, $"invariant 1: Σ matchOf {sum} exceeds the matching pool {pool}");
        if (model.Status != RoundModelStatus.Finalized) return;
        Expect(outcome.Matched == sum && outcome.Matched + outcome.Remainder == outcome.MatchingPool && outcome.MatchingPool == pool,
            $"invariant 1: outcome matched {outcome.Matched} + remainder {outcome.Remainder} vs pool {outcome.MatchingPool} ({pool}), Σ matchOf {sum}");
        for (var i = 0; i < approved.Length; i++)
        {
            var p = approved[i];
            Expect(matches[i] == model.Matches[p - 1], $"project {p}: matchOf {matches[i]}, model (engine) {model.Matches[p - 1]}");
            var expected = model.IsPaid(p) ? BigInteger.Zero : model.Raised(p) + model.Matches[p - 1];
            Expect(payouts[i] == expected, $"invariant 3: project {p} payoutOf {payouts[i]}, expected {expected} (paid: {model.IsPaid(p)})");
        }
    }

    /// <summary>What the round still owes, from its own views: all money while active; unpaid payouts and the unswept remainder once finalised; unrefunded stakes and matching funds once cancelled.</summary>
    private async Task<BigInteger> OwedAsync(RoundModelStatus status, BigInteger pool, Outcome outcome)
    {
        var approved = Enumerable.Range(1, world.Projects).ToArray();
        switch (status)
        {
            case RoundModelStatus.Active:
                var raised = await Task.WhenAll(approved.Select(async p => (await _round.ProjectTotalsQueryAsync(p)).ReturnValue1.Raised));
                return raised.Aggregate(pool, (a, b) => a + b);
            case RoundModelStatus.Finalized:
                var payouts = await Task.WhenAll(approved.Select(p => _round.PayoutOfQueryAsync(p)));
                var unpaid = payouts.Aggregate(BigInteger.Zero, (a, b) => a + b);
                // After the claim deadline a sweep takes the unclaimed payouts too (payoutOf still shows them): never more than that.
                var owed = unpaid + outcome.Remainder - _swept;
                Expect(owed >= 0, $"invariant 2: swept {_swept}, more than the remainder {outcome.Remainder} and unpaid payouts {unpaid}");
                return owed;
            default:
                var stakes = await Task.WhenAll(model.Stakes.Keys.Select(async k =>
                    (await _round.StakeOfQueryAsync(world.Parties[k.Party].Address.Value, k.Project)).ReturnValue1));
                var funders = model.Funded.Keys.Select(f => world.Parties[f].Address.Value).ToArray();
                var funded = await Task.WhenAll(funders.Select(f => _round.MatchingFundedByQueryAsync(f)));
                var kept = await Task.WhenAll(world.Parties.Select(p => _round.OwedToQueryAsync(p.Address.Value)));
                return stakes.Where(s => !s.Refunded).Aggregate(BigInteger.Zero, (a, s) => a + s.Amount)
                    + funded.Aggregate(BigInteger.Zero, (a, b) => a + b) + kept.Aggregate(BigInteger.Zero, (a, b) => a + b);
        }
    }

    private async Task CheckStakesAsync((int Party, int Project)[] keys)
    {
        var stakes = await Task.WhenAll(keys.Select(async k => (await _round.StakeOfQueryAsync(world.Parties[k.Party].Address.Value, k.Project)).ReturnValue1));
        for (var i = 0; i < keys.Length; i++)
        {
            var (chain, expected) = (stakes[i], model.StakeOf(keys[i].Party, keys[i].Project));
            Expect(chain.Amount == expected.Amount && chain.Eligible == expected.Eligible && chain.Root == IntegerMath.FloorSqrt(expected.Eligible)
                && chain.TokensClaimed == expected.TokensClaimed && chain.Refunded == expected.Refunded,
                $"stake of {world.Parties[keys[i].Party].Name} in {keys[i].Project}: chain {chain.Amount}/{chain.Eligible}/{chain.Root}/claimed {chain.TokensClaimed}/refunded {chain.Refunded}; "
                + $"model {expected.Amount}/{expected.Eligible}/{IntegerMath.FloorSqrt(expected.Eligible)}/{expected.TokensClaimed}/{expected.Refunded}");
        }
    }

    /// <summary>Adds the round's new logs to the running sums of money in and out and to the payments per project.</summary>
    private async Task ReadLogsAsync(long latest)
    {
        if (latest <= _scannedBlock) return;
        var logs = await world.LogsAsync(_scannedBlock + 1, latest);
        _scannedBlock = latest;
        foreach (var e in logs.DecodeAllEvents<ContributedEventDTO>()) _in += e.Event.Amount;
        foreach (var e in logs.DecodeAllEvents<MatchingFundedEventDTO>()) _in += e.Event.Amount;
        foreach (var e in logs.DecodeAllEvents<ProjectPaidEventDTO>())
        {
            _out += e.Event.Amount;
            _paidEvents[(int)e.Event.ProjectId] = _paidEvents.GetValueOrDefault((int)e.Event.ProjectId) + 1;
        }
        foreach (var e in logs.DecodeAllEvents<RefundedEventDTO>())
        {
            // A refund kept for withdraw stays in the round until withdrawn.
            if (e.Event.Delivered) _out += e.Event.Amount;
            Refunds++;
        }
        foreach (var e in logs.DecodeAllEvents<WithdrawnEventDTO>()) _out += e.Event.Amount;
        foreach (var e in logs.DecodeAllEvents<SweptEventDTO>())
        {
            _out += e.Event.Amount;
            _swept += e.Event.Amount;
        }
    }

    private void Expect(bool condition, string problem)
    {
        if (!condition) _problems.Add(problem);
    }
}
