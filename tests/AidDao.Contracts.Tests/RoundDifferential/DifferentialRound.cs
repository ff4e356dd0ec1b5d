using System.Numerics;
using AidDao.Contracts.FundingRound.ContractDefinition;
using AidDao.Contracts.RoundFactory.ContractDefinition;
using AidDao.Contracts.Tests.Support;
using AidDao.Core;
using AidDao.Core.Chain;
using AidDao.Core.Rounds;
using AidDao.Core.Transactions;
using Nethereum.Contracts;
using Nethereum.RPC.Eth.DTOs;
using RoundFactoryContract = AidDao.Contracts.RoundFactory.RoundFactoryService;

namespace AidDao.Contracts.Tests.RoundDifferential;

/// <summary>
/// Plays one <see cref="DifferentialRoundPlan"/> on the chain, in a new round of an existing community and pool, and lists
/// every way the chain differs from the engine: project tallies before finalisation; after it, each project's raw match,
/// capped flag, match and payout, and the outcome's pool, cap, matched and remainder.
/// </summary>
internal sealed class DifferentialRound(Devnet devnet, TestPool pool, RoundCrowd crowd, RoundPerson funder, CancellationToken ct)
{
    /// <summary>Runs the plan; returns the differences found (empty when the chain agrees to the wei).</summary>
    public async Task<IReadOnlyList<string>> RunAsync(DifferentialRoundPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var round = await CreateAsync(plan);
        var problems = new List<string>();

        // People send in parallel; each person's transactions stay in order (tallies do not depend on the order anyway).
        var received = await Task.WhenAll(plan.Transactions.GroupBy(t => t.Person).Select(async mine =>
        {
            var receipts = new List<(DifferentialTransaction, TransactionReceipt)>();
            foreach (var transaction in mine) receipts.Add((transaction, await SendAsync(round, transaction)));
            return receipts;
        }));
        foreach (var (transaction, receipt) in received.SelectMany(r => r)) CheckEvents(plan, transaction, receipt, problems);
        if (plan.Pool > 0) await ChainCall.SendAsync(s => funder.On(round.Address).FundMatchingRequestAndWaitForReceiptAsync(
            new FundMatchingFunction { Amount = plan.Pool, AmountToSend = plan.Pool }, s), ct);

        var reader = funder.On(round.Address);
        for (var p = 1; p <= plan.Projects; p++)
        {
            var totals = (await reader.ProjectTotalsQueryAsync(p)).ReturnValue1;
            var tally = plan.Tallies[p - 1];
            Expect(problems, totals.Raised == plan.Raised[p - 1] && totals.Eligible == tally.SumOfContributions && totals.Roots == tally.SumOfRoots,
                $"project {p} totals: chain raised {totals.Raised} eligible {totals.Eligible} roots {totals.Roots}; "
                + $"engine raised {plan.Raised[p - 1]} eligible {tally.SumOfContributions} roots {tally.SumOfRoots}");
        }

        await round.MoveToFinalizeAsync();
        var finalized = await ChainCall.SendAsync(s => reader.FinalizeRequestAndWaitForReceiptAsync(s), ct);
        var computed = finalized.DecodeAllEvents<MatchComputedEventDTO>().Select(e => e.Event).ToDictionary(e => (int)e.ProjectId);
        var expected = plan.Expected;
        for (var p = 1; p <= plan.Projects; p++)
        {
            var (raw, matched, capped) = (expected.RawMatches[p - 1], expected.Matches[p - 1], expected.Capped[p - 1]);
            var matchOf = await reader.MatchOfQueryAsync(p);
            var payoutOf = await reader.PayoutOfQueryAsync(p);
            Expect(problems, matchOf == matched, $"project {p}: matchOf {matchOf}, engine {matched} (raw {raw}, capped {capped})");
            Expect(problems, payoutOf == plan.Raised[p - 1] + matched, $"project {p}: payoutOf {payoutOf}, engine raised + match {plan.Raised[p - 1] + matched}");
            if (!computed.TryGetValue(p, out var e)) problems.Add($"project {p}: no MatchComputed event");
            else Expect(problems, e.RawMatch == raw && e.MatchAmount == matched && e.Capped == capped,
                $"project {p}: MatchComputed raw {e.RawMatch} match {e.MatchAmount} capped {e.Capped}; engine raw {raw} match {matched} capped {capped}");
        }
        var outcome = (await reader.OutcomeQueryAsync()).ReturnValue1;
        var engineMatched = expected.Matches.Aggregate(BigInteger.Zero, (sum, m) => sum + m);
        var engineCap = plan.Options.Cap ?? BigInteger.Zero;
        Expect(problems, outcome.MatchingPool == plan.Pool && outcome.Matched == engineMatched && outcome.Remainder == expected.Remainder && outcome.Cap == engineCap
            && outcome.TotalRaised == plan.Raised.Aggregate(BigInteger.Zero, (sum, r) => sum + r),
            $"outcome: chain pool {outcome.MatchingPool} matched {outcome.Matched} remainder {outcome.Remainder} cap {outcome.Cap} raised {outcome.TotalRaised}; "
            + $"engine pool {plan.Pool} matched {engineMatched} remainder {expected.Remainder} cap {engineCap}");
        Expect(problems, outcome.Matched <= outcome.MatchingPool, $"matched {outcome.Matched} exceeds the pool {outcome.MatchingPool}");
        return problems;
    }

    /// <summary>A new round created by steward 0 with the plan's rules (minimum 1 wei); outsiders apply, steward 0 approves, then voting opens.</summary>
    private async Task<TestRound> CreateAsync(DifferentialRoundPlan plan)
    {
        var builder = new RoundBuilder(devnet).WithMinimum(1).WithCap(plan.CapBps);
        if (!plan.SpreadWholePool) builder.PayingRawMatchesOnly();
        if (plan.Mode == RoundMode.QuadraticVoting) builder.QuadraticVoting(plan.CreditsPerMember);
        var now = (ulong)(await devnet.GetBlockTimeAsync(ct)).ToUnixTimeSeconds();
        var setup = builder.Setup(now, TestPool.Eth, pool.Address.Value);
        setup.Name = $"Differential {plan.Seed}";
        var factory = new RoundFactoryContract(pool.Web3(0), pool.Community.Deployment.RoundFactory.Value);
        var receipt = await ChainCall.SendAsync(s => factory.CreateRoundRequestAndWaitForReceiptAsync(pool.Community.Address.Value, setup, s), ct);
        var address = EthAddress.FromChain(receipt.DecodeAllEvents<RoundCreatedEventDTO>().Single().Event.Round);
        var round = new TestRound(devnet, pool, address, setup, receipt);
        for (var k = 1; k <= plan.Projects; k++)
        {
            var id = await round.ApplyAsync(6 + (k - 1) % 4, TestRound.RecipientOf(k));
            await round.ReviewAsync(0, id, approve: true);
        }
        await round.MoveToVotingAsync();
        return round;
    }

    private Task<TransactionReceipt> SendAsync(TestRound round, DifferentialTransaction transaction)
    {
        var contract = crowd.Everyone[transaction.Person].On(round.Address);
        List<BigInteger> ids = [.. transaction.Items.Select(i => new BigInteger(i.Project))];
        List<BigInteger> amounts = [.. transaction.Items.Select(i => i.Amount)];
        var total = amounts.Aggregate(BigInteger.Zero, (sum, a) => sum + a);
        return transaction.Kind switch
        {
            DifferentialTransactionKind.ContributeTo => ChainCall.SendAsync(s => contract.ContributeToRequestAndWaitForReceiptAsync(
                new ContributeToFunction { ProjectId = ids[0], Amount = amounts[0], AmountToSend = amounts[0] }, s), ct),
            DifferentialTransactionKind.Contribute => ChainCall.SendAsync(s => contract.ContributeRequestAndWaitForReceiptAsync(
                new ContributeFunction { ProjectIds = ids, Amounts = amounts, AmountToSend = total }, s), ct),
            _ => ChainCall.SendAsync(s => contract.VoteRequestAndWaitForReceiptAsync(ids, amounts, s), ct),
        };
    }

    /// <summary>A contribution's events say whether it counts for matching: members' money in QF, nobody's in QV.</summary>
    private void CheckEvents(DifferentialRoundPlan plan, DifferentialTransaction transaction, TransactionReceipt receipt, List<string> problems)
    {
        if (transaction.Kind == DifferentialTransactionKind.Vote) return;
        var events = receipt.DecodeAllEvents<ContributedEventDTO>().Select(e => e.Event).ToArray();
        var matched = plan.Mode == RoundMode.QuadraticFunding && transaction.Person < plan.Members;
        Expect(problems, events.Length == transaction.Items.Count && events.All(e => e.Matched == matched),
            $"{crowd.Everyone[transaction.Person].Name}'s {transaction.Kind} emitted {events.Length} Contributed events (matched: "
            + $"{string.Join(",", events.Select(e => e.Matched))}) for {transaction.Items.Count} items; expected matched = {matched}");
    }

    private static void Expect(List<string> problems, bool condition, string problem)
    {
        if (!condition) problems.Add(problem);
    }
}
