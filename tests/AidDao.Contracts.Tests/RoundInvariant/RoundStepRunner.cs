using System.Numerics;
using AidDao.Contracts.FundingRound.ContractDefinition;
using AidDao.Contracts.Tests.Support;
using AidDao.Core;
using AidDao.Core.Rounds;
using AidDao.Core.Transactions;
using Nethereum.Contracts;
using Nethereum.RPC.Eth.DTOs;

namespace AidDao.Contracts.Tests.RoundInvariant;

/// <summary>
/// Draws one weighted random action fitting the round's phase (voting, review, finalised, cancelled), asks
/// <see cref="RoundModel"/> what must happen, performs it on the chain at a block time the model knows, and reports both
/// answers. Wrong actions (out of their window, wrong caller, wrong project, over budget, twice) are drawn on purpose.
/// Each phase gets its share of the run: voting lasts about <c>votingSteps</c> steps and claiming about
/// <c>claimSteps</c>, after which time travels to the phase's end (random travel may end a phase sooner).
/// </summary>
internal sealed class RoundStepRunner(RoundWorld world, RoundModel model, Random random, int cancelWeight, int votingSteps, int claimSteps,
    CancellationToken ct)
{
    private static readonly BigInteger MatchingMax = BigInteger.Pow(10, 27);
    private int _forcedGap;
    private int _steps;
    private int? _finalizedAt;

    /// <summary>The timestamp of the latest mined block.</summary>
    public ulong BlockTime { get; private set; }

    /// <summary>The (party, project) stakes and the parties the latest step touched, so the checker reads them back.</summary>
    public List<(int Party, int Project)> TouchedStakes { get; } = [];

    public List<int> TouchedParties { get; } = [];

    public async Task StartAsync() => BlockTime = (await world.LatestBlockAsync()).Time;

    public Task<RoundStep> StepAsync()
    {
        TouchedStakes.Clear();
        TouchedParties.Clear();
        var next = BlockTime + 1;
        var voting = next < model.Setup.VotingEnd;
        var active = model.Status == RoundModelStatus.Active;
        var finalized = model.Status == RoundModelStatus.Finalized;
        var cancelled = model.Status == RoundModelStatus.Cancelled;
        var qv = model.Setup.Mode == RoundMode.QuadraticVoting;
        var claimable = finalized && next < model.ClaimDeadline;
        _steps++;
        if (finalized) _finalizedAt ??= _steps;
        if ((voting && _steps > votingSteps) || (claimable && _steps > _finalizedAt + claimSteps)) return TravelAsync(toBoundary: true);
        (int Weight, Func<Task<RoundStep>> Act)[] actions =
        [
            (voting ? 40 : 2, ContributeAsync),
            (voting && qv ? 25 : 1, VoteAsync),
            (voting && active ? 8 : 1, FundMatchingAsync),
            (active && !voting ? 20 : 2, FinalizeAsync),
            (claimable ? 20 : 2, ClaimAsync),
            (claimable ? 10 : 1, DistributeAsync),
            (finalized ? 12 : 1, ClaimTokensAsync),
            (finalized ? 4 : 1, SweepAsync),
            (active ? cancelWeight : 1, ApproveCancelAsync),
            (cancelled ? 25 : 1, RefundContributionsAsync),
            (cancelled ? 10 : 1, RefundMatchingAsync),
            (1, WithdrawAsync),
            (voting ? 6 : active ? 15 : finalized ? 2 : 3, () => TravelAsync(toBoundary: false)),
        ];
        var roll = random.Next(actions.Sum(a => a.Weight));
        foreach (var (weight, act) in actions)
        {
            if (roll < weight) return act();
            roll -= weight;
        }
        throw new InvalidOperationException("unreachable");
    }

    // ------------------------------------------------------------------------------------------- money in

    /// <summary>
    /// A contributor gives: one project through <c>contributeTo</c>, or a batch; a batch often splits one amount into
    /// chunks for one project. Sometimes a zero amount or a project that takes no money.
    /// </summary>
    private Task<RoundStep> ContributeAsync()
    {
        var party = Pick(RoundWorld.Contributors);
        var single = Chance(40);
        var items = new List<(int Project, BigInteger Amount)>();
        if (!single && Chance(35))
        {
            var project = PickProject();
            var chunks = random.Next(2, 6);
            var total = RoundAmounts.Contribution(random, model.StakeOf(party, project).Amount);
            items.AddRange(RoundAmounts.Split(random, total, chunks).Select(c => (project, c)));
        }
        else
        {
            for (var i = single ? 1 : random.Next(2, 5); i > 0; i--)
            {
                var project = PickProject();
                items.Add((project, Chance(3) ? BigInteger.Zero : RoundAmounts.Contribution(random, model.StakeOf(party, project).Amount)));
            }
        }
        Touch(party, items.Select(i => i.Project));
        var contract = world.As(party);
        var sent = items.Aggregate(BigInteger.Zero, (sum, i) => sum + i.Amount);
        var description = $"{Name(party)} {(single ? "contributeTo" : "contribute")} [{string.Join(", ", items.Select(i => $"{i.Project}:{i.Amount}"))}]";
        return TransactAsync("contribute", description, now => model.Contribute(party, items, now), single
            ? s => contract.ContributeToRequestAndWaitForReceiptAsync(new ContributeToFunction { ProjectId = items[0].Project, Amount = items[0].Amount, AmountToSend = items[0].Amount }, s)
            : s => contract.ContributeRequestAndWaitForReceiptAsync(new ContributeFunction
            {
                ProjectIds = [.. items.Select(i => new BigInteger(i.Project))], Amounts = [.. items.Select(i => i.Amount)], AmountToSend = sent,
            }, s));
    }

    /// <summary>A member (sometimes anyone) spends credits: within what is left, sometimes exactly all of it, sometimes more.</summary>
    private Task<RoundStep> VoteAsync()
    {
        var party = Chance(90) ? Pick(RoundWorld.Contributors.Where(world.IsMember).ToArray()) : Pick(RoundWorld.Contributors);
        var (budget, spent) = model.Credits.GetValueOrDefault(party, (model.Setup.CreditsPerMember, BigInteger.Zero));
        var left = budget - spent;
        var items = new List<(int Project, BigInteger Credits)>();
        for (var i = random.Next(1, 4); i > 0; i--)
        {
            var credits = random.Next(100) switch
            {
                < 4 => BigInteger.Zero,
                < 10 => left + 1,
                < 25 => left / (i + items.Count),
                _ => left > items.Count + 1 ? RoundAmounts.LogUniform(random, left / (items.Count + 1)) : 1,
            };
            items.Add((PickProject(), credits));
        }
        Touch(party, items.Select(i => i.Project));
        var description = $"{Name(party)} votes [{string.Join(", ", items.Select(i => $"{i.Project}:{i.Credits}"))}] (left {left})";
        return TransactAsync("vote", description, now => model.Vote(party, items, now),
            s => world.As(party).VoteRequestAndWaitForReceiptAsync([.. items.Select(i => new BigInteger(i.Project))], [.. items.Select(i => i.Credits)], s));
    }

    private Task<RoundStep> FundMatchingAsync()
    {
        var party = Chance(60) ? RoundWorld.Funder : Pick(RoundWorld.Contributors);
        var amount = Chance(4) ? BigInteger.Zero : Chance(15) ? random.Next(1, 100) : RoundAmounts.LogUniform(random, MatchingMax);
        TouchedParties.Add(party);
        return TransactAsync("fund", $"{Name(party)} funds {amount}", now => model.FundMatching(party, amount, now),
            s => world.As(party).FundMatchingRequestAndWaitForReceiptAsync(new FundMatchingFunction { Amount = amount, AmountToSend = amount }, s));
    }

    // ------------------------------------------------------------------------------------------- outcome

    private Task<RoundStep> FinalizeAsync()
    {
        var party = random.Next(world.Parties.Count);
        return TransactAsync("finalize", $"{Name(party)} finalizes", model.Finalize, s => world.As(party).FinalizeRequestAndWaitForReceiptAsync(s));
    }

    /// <summary>Mostly a project's recipient claims to itself or another account; sometimes someone else, a wrong id or the zero address.</summary>
    private Task<RoundStep> ClaimAsync()
    {
        var project = Chance(90) ? random.Next(1, world.Projects + 1) : PickProject();
        var party = project <= world.Projects && Chance(85) ? RoundWorld.RecipientOf(project) : random.Next(world.Parties.Count);
        int? to = Chance(3) ? null : Chance(70) ? party : random.Next(world.Parties.Count);
        var toAddress = to is { } t ? world.Parties[t].Address.Value : EthAddress.Zero.Value;
        return TransactAsync("claim", $"{Name(party)} claims project {project} to {(to is { } n ? Name(n) : "0x0")}", now => model.Claim(party, project, to, now),
            s => world.As(party).ClaimRequestAndWaitForReceiptAsync(project, toAddress, s));
    }

    private Task<RoundStep> DistributeAsync()
    {
        var from = random.Next(world.Projects + 1);
        var to = from + random.Next(world.Projects + 2) - (Chance(10) ? 2 : 0);
        var party = random.Next(world.Parties.Count);
        return TransactAsync("distribute", $"{Name(party)} distributes [{from}, {to})", now => model.Distribute(from, Math.Max(to, 0), now),
            s => world.As(party).DistributeRequestAndWaitForReceiptAsync(from, Math.Max(to, 0), s));
    }

    /// <summary>A contributor claims tokens for a few projects (its own stakes mostly; duplicates and empty ones too).</summary>
    private Task<RoundStep> ClaimTokensAsync()
    {
        var unclaimed = model.Stakes.Where(s => !s.Value.TokensClaimed && !s.Value.Amount.IsZero).Select(s => s.Key).ToArray();
        var party = unclaimed.Length > 0 && Chance(70) ? Pick(unclaimed).Party : Chance(90) ? Pick(RoundWorld.Contributors) : random.Next(world.Parties.Count);
        var projects = Enumerable.Range(0, random.Next(1, 5)).Select(_ => Chance(85) ? random.Next(1, world.Projects + 1) : PickProject()).ToList();
        Touch(party, projects);
        return TransactAsync("claimTokens", $"{Name(party)} claims tokens for [{string.Join(", ", projects)}]", _ => model.ClaimTokens(party, projects),
            s => world.As(party).ClaimTokensRequestAndWaitForReceiptAsync([.. projects.Select(p => new BigInteger(p))], s));
    }

    private Task<RoundStep> SweepAsync()
    {
        var party = random.Next(world.Parties.Count);
        return TransactAsync("sweep", $"{Name(party)} sweeps", model.Sweep, s => world.As(party).SweepRequestAndWaitForReceiptAsync(s));
    }

    // ------------------------------------------------------------------------------------------- cancel

    private Task<RoundStep> ApproveCancelAsync()
    {
        var party = Chance(85) ? random.Next(3) : random.Next(world.Parties.Count);
        return TransactAsync("cancel", $"{Name(party)} approves cancelling", _ => model.ApproveCancel(party),
            s => world.As(party).ApproveCancelRequestAndWaitForReceiptAsync(s));
    }

    /// <summary>Anyone pushes refunds: mostly stakes still owed, sometimes ones already refunded, empty or repeated pairs.</summary>
    private Task<RoundStep> RefundContributionsAsync()
    {
        var owed = model.Stakes.Where(s => !s.Value.Refunded && !s.Value.Amount.IsZero).Select(s => s.Key).ToArray();
        var pairs = new List<(int Party, int Project)>();
        for (var i = random.Next(Chance(3) ? 0 : 1, 6); i > 0; i--)
        {
            pairs.Add(owed.Length > 0 && Chance(75) ? Pick(owed)
                : pairs.Count > 0 && Chance(30) ? pairs[^1] : (random.Next(world.Parties.Count), PickProject()));
        }
        foreach (var (party, project) in pairs) Touch(party, [project]);
        var caller = random.Next(world.Parties.Count);
        return TransactAsync("refund", $"{Name(caller)} refunds [{string.Join(", ", pairs.Select(p => $"{Name(p.Party)}:{p.Project}"))}]",
            _ => model.RefundContributions(pairs),
            s => world.As(caller).RefundContributionsRequestAndWaitForReceiptAsync([.. pairs.Select(p => world.Parties[p.Party].Address.Value)],
                [.. pairs.Select(p => new BigInteger(p.Project))], s));
    }

    private Task<RoundStep> RefundMatchingAsync()
    {
        var funders = model.Funded.Where(f => !f.Value.IsZero).Select(f => f.Key).ToArray();
        var chosen = Enumerable.Range(0, random.Next(Chance(3) ? 0 : 1, 4))
            .Select(_ => funders.Length > 0 && Chance(70) ? Pick(funders) : random.Next(world.Parties.Count)).ToList();
        TouchedParties.AddRange(chosen);
        var caller = random.Next(world.Parties.Count);
        return TransactAsync("refundMatching", $"{Name(caller)} refunds matching of [{string.Join(", ", chosen.Select(Name))}]", _ => model.RefundMatching(chosen),
            s => world.As(caller).RefundMatchingRequestAndWaitForReceiptAsync([.. chosen.Select(f => world.Parties[f].Address.Value)], s));
    }

    private Task<RoundStep> WithdrawAsync()
    {
        var party = random.Next(world.Parties.Count);
        return TransactAsync("withdraw", $"{Name(party)} withdraws", _ => RoundModel.Withdraw(),
            s => world.As(party).WithdrawRequestAndWaitForReceiptAsync(world.Parties[party].Address.Value, s));
    }

    // ------------------------------------------------------------------------------------------- time

    /// <summary>
    /// Moves time on by minutes to days, or (after voting, or when the phase's share of steps is used up) to just before
    /// the next boundary (voting end, finalisation, claim deadline); the next transaction then lands one second before,
    /// on, or one second after it.
    /// </summary>
    private async Task<RoundStep> TravelAsync(bool toBoundary)
    {
        ulong[] all = [model.Setup.VotingEnd, model.Setup.VotingEnd + model.Setup.ReviewPeriod, model.ClaimDeadline];
        var boundaries = all.Where(b => b > BlockTime + 2).ToArray();
        ulong target;
        string description;
        if (boundaries.Length > 0 && (toBoundary || (BlockTime + 2 >= model.Setup.VotingEnd && Chance(40))))
        {
            var boundary = boundaries.Min();
            target = boundary - 2;
            _forcedGap = random.Next(1, 4);
            description = $"travel to boundary {boundary} {(_forcedGap - 2) switch { < 0 => "- 1", 0 => "exactly", _ => "+ 1" }}";
        }
        else
        {
            var seconds = random.Next(100) switch
            {
                < 40 => (ulong)random.Next(1, 60) * 60,
                < 80 => (ulong)random.Next(1, 24) * 3600,
                _ => (ulong)random.Next(1, 4) * RoundBuilder.Day,
            };
            target = BlockTime + seconds;
            description = $"travel {TimeSpan.FromSeconds(seconds)}";
        }
        await world.MineAtAsync(target);
        BlockTime = target;
        return new RoundStep("travel", description, RoundModel.Ok, RoundModel.Ok);
    }

    // ------------------------------------------------------------------------------------------- plumbing

    /// <summary>
    /// Sends one transaction at the next block time: the model predicts first (and applies the action when it expects
    /// success), then the chain answers with its receipt's events or the decoded custom error.
    /// </summary>
    private async Task<RoundStep> TransactAsync(string kind, string description, Func<ulong, string> predict,
        Func<CancellationTokenSource, Task<TransactionReceipt>> send)
    {
        var now = BlockTime + (ulong)(_forcedGap > 0 ? _forcedGap : random.Next(1, 16));
        _forcedGap = 0;
        await world.SetNextBlockTimeAsync(now);
        var expected = predict(now);
        string actual;
        try
        {
            var receipt = await ChainCall.SendAsync(send, ct);
            BlockTime = now;
            actual = RoundReceiptWords.Describe(receipt, world.NameOf);
        }
        catch (ContractRevertedException reverted)
        {
            actual = reverted.ErrorName;
        }
        return new RoundStep(kind, $"{description} at {now}", expected, actual);
    }

    /// <summary>Mostly an approved project; sometimes the rejected one or one that does not exist.</summary>
    private int PickProject() => random.Next(100) switch
    {
        < 3 => world.RejectedProject,
        < 5 => world.UnknownProject,
        _ => random.Next(1, world.Projects + 1),
    };

    private void Touch(int party, IEnumerable<int> projects)
    {
        TouchedParties.Add(party);
        TouchedStakes.AddRange(projects.Select(p => (party, p)));
    }

    private string Name(int party) => world.Parties[party].Name;

    private bool Chance(int percent) => random.Next(100) < percent;

    private T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];
}
