using System.Numerics;
using AidDao.Core.Rounds;

namespace AidDao.Contracts.Tests.RoundInvariant;

/// <summary>
/// What a funding round should do, as plain C#: every action returns the answer the chain must give ("ok" and the
/// round's events in words, or the custom error's name, checked in the contract's order) and, when it succeeds, updates
/// the model. Tallies come from the contributions and votes the model saw, summed by the engine
/// (<see cref="QuadraticMatching.Tally"/>), and finalisation splits the pool with <see cref="QuadraticMatching.Compute"/>.
/// Parties are numbers; recipients are plain accounts, so every push arrives.
/// </summary>
internal sealed class RoundModel(RoundModelSetup setup)
{
    public const string Ok = "ok";

    private readonly List<(int Party, int Project, BigInteger Amount)> _contributions = [];
    private readonly List<(int Party, int Project, BigInteger Amount)> _votes = [];
    private readonly HashSet<int> _cancelApprovals = [];
    private readonly HashSet<int> _paid = [];
    private IReadOnlyList<BigInteger> _matches = [];

    public RoundModelSetup Setup => setup;

    public RoundModelStatus Status { get; private set; }

    /// <summary>The matching pool deposited.</summary>
    public BigInteger Pool { get; private set; }

    /// <summary>Every wei that entered the round (contributions and matching funds).</summary>
    public BigInteger MoneyIn { get; private set; }

    /// <summary>Every wei that left (payouts, refunds, sweeps).</summary>
    public BigInteger MoneyOut { get; private set; }

    public BigInteger Remainder { get; private set; }

    public BigInteger Swept { get; private set; }

    public BigInteger PaidToProjects { get; private set; }

    public ulong ClaimDeadline { get; private set; }

    public Dictionary<(int Party, int Project), RoundStakeModel> Stakes { get; } = [];

    /// <summary>QV: each member's (budget, spent); the budget is fixed at the member's first vote.</summary>
    public Dictionary<int, (BigInteger Budget, BigInteger Spent)> Credits { get; } = [];

    /// <summary>Matching funds per funder not yet refunded.</summary>
    public Dictionary<int, BigInteger> Funded { get; } = [];

    /// <summary>Contribution tokens minted to each party by the round.</summary>
    public Dictionary<int, BigInteger> TokensMinted { get; } = [];

    /// <summary>Each project's match once finalised (index = project id − 1).</summary>
    public IReadOnlyList<BigInteger> Matches => _matches;

    /// <summary>
    /// Whether nothing is left to happen at <paramref name="now"/>: finalised, past the claim deadline and swept; or
    /// cancelled with every stake and matching fund refunded.
    /// </summary>
    public bool Settled(ulong now) => Status switch
    {
        RoundModelStatus.Finalized => now >= ClaimDeadline && Swept == Pool + TotalRaised - PaidToProjects,
        RoundModelStatus.Cancelled => Stakes.Values.All(s => s.Refunded || s.Amount.IsZero) && Funded.Values.All(f => f.IsZero),
        _ => false,
    };

    public bool IsPaid(int project) => _paid.Contains(project);

    /// <summary>IFundingRound.ProjectStatus of a project id: approved (cancelled once the round is), rejected, or none.</summary>
    public byte ProjectStatus(int project) =>
        project >= 1 && project <= setup.Projects ? (Status == RoundModelStatus.Cancelled ? (byte)4 : (byte)2) : project == setup.Projects + 1 ? (byte)3 : (byte)0;

    /// <summary>Everything given to <paramref name="project"/>, members' money or not.</summary>
    public BigInteger Raised(int project) => _contributions.Where(c => c.Project == project).Aggregate(BigInteger.Zero, (sum, c) => sum + c.Amount);

    public BigInteger TotalRaised => _contributions.Aggregate(BigInteger.Zero, (sum, c) => sum + c.Amount);

    /// <summary>The engine's tallies of the approved projects (index = project id − 1).</summary>
    public IReadOnlyList<ProjectTally> Tallies() => setup.Mode == RoundMode.QuadraticFunding
        ? QuadraticMatching.Tally(setup.Projects, _contributions.Select(c => (c.Party, c.Project - 1, c.Amount)), setup.IsMember)
        : QuadraticMatching.Tally(setup.Projects, _votes.Select(v => (v.Party, v.Project - 1, v.Amount)), _ => true);

    public RoundStakeModel StakeOf(int party, int project) => Stakes.GetValueOrDefault((party, project)) ?? new RoundStakeModel();

    // ------------------------------------------------------------------------------------------- money in

    public string Contribute(int party, IReadOnlyList<(int Project, BigInteger Amount)> items, ulong now)
    {
        if (now < setup.VotingStart || now >= setup.VotingEnd) return "RoundOutsideWindow";
        foreach (var (project, amount) in items)
        {
            if (amount < 1) return "RoundBelowMinimum";
            if (OpenError(project) is { } error) return error;
        }
        var matched = setup.Mode == RoundMode.QuadraticFunding && setup.IsMember(party);
        var events = new List<string>();
        foreach (var (project, amount) in items)
        {
            var stake = Open(party, project);
            stake.Amount += amount;
            if (matched) stake.Eligible += amount;
            _contributions.Add((party, project, amount));
            MoneyIn += amount;
            events.Add($"contributed {project} {amount} {(matched ? "m" : "u")}");
        }
        return Answer(events);
    }

    public string Vote(int party, IReadOnlyList<(int Project, BigInteger Credits)> items, ulong now)
    {
        if (setup.Mode != RoundMode.QuadraticVoting) return "RoundWrongMode";
        if (now < setup.VotingStart || now >= setup.VotingEnd) return "RoundOutsideWindow";
        if (!setup.IsMember(party)) return "RoundNotMember";
        var (budget, spent) = Credits.GetValueOrDefault(party, (setup.CreditsPerMember, BigInteger.Zero));
        var requested = items.Aggregate(BigInteger.Zero, (sum, i) => sum + i.Credits);
        if (requested > budget - spent) return "RoundOverBudget";
        foreach (var (project, credits) in items)
        {
            if (credits.IsZero) return "RoundZeroAmount";
            if (OpenError(project) is { } error) return error;
        }
        var left = budget - spent;
        spent += requested;
        Credits[party] = (budget, spent);
        var events = new List<string>();
        foreach (var (project, credits) in items)
        {
            var stake = Open(party, project);
            stake.Eligible += credits;
            _votes.Add((party, project, credits));
            left -= credits;
            events.Add($"voted {project} {credits} votes {IntegerMath.FloorSqrt(stake.Eligible)} left {left}");
        }
        return Answer(events);
    }

    public string FundMatching(int party, BigInteger amount, ulong now)
    {
        if (Status != RoundModelStatus.Active) return "RoundNotActive";
        if (now >= setup.VotingEnd) return "RoundOutsideWindow";
        if (amount.IsZero) return "RoundZeroAmount";
        Pool += amount;
        MoneyIn += amount;
        Funded[party] = Funded.GetValueOrDefault(party) + amount;
        return Answer([$"funded {amount} pool {Pool}"]);
    }

    // ------------------------------------------------------------------------------------------- outcome

    public string Finalize(ulong now)
    {
        if (Status != RoundModelStatus.Active) return "RoundNotActive";
        if (now < setup.VotingEnd + setup.ReviewPeriod) return "RoundOutsideWindow";
        var result = QuadraticMatching.Compute(Tallies(), new QuadraticMatchingOptions(Pool, setup.CapBps, setup.SpreadWholePool, setup.Mode));
        _matches = result.Matches;
        Remainder = result.Remainder;
        ClaimDeadline = now + setup.ClaimPeriod;
        Status = RoundModelStatus.Finalized;
        return Answer([$"finalized matched {Pool - Remainder} remainder {Remainder} raised {TotalRaised}"]);
    }

    /// <summary><paramref name="party"/> claims <paramref name="project"/> for <paramref name="to"/> (null = the zero address).</summary>
    public string Claim(int party, int project, int? to, ulong now)
    {
        if (ClaimError(now) is { } error) return error;
        if (to is null) return "RoundZeroAddress";
        if (project < 1 || project > setup.Projects || setup.RecipientOf(project) != party) return "RoundNotRecipient";
        if (IsPaid(project)) return "RoundAlreadyPaid";
        return Answer([Pay(project)]);
    }

    public string Distribute(int from, int to, ulong now)
    {
        if (ClaimError(now) is { } error) return error;
        var events = new List<string>();
        for (var i = from; i < Math.Min(to, setup.Projects); i++)
            if (!IsPaid(i + 1)) events.Add(Pay(i + 1));
        return Answer(events);
    }

    public string ClaimTokens(int party, IReadOnlyList<int> projects)
    {
        if (Status != RoundModelStatus.Finalized) return "RoundNotFinalized";
        var claimed = new List<RoundStakeModel>();
        var contributed = BigInteger.Zero;
        foreach (var project in projects)
        {
            var stake = Stakes.GetValueOrDefault((party, project));
            if (stake is null || stake.TokensClaimed || stake.Amount.IsZero || claimed.Contains(stake)) continue;
            claimed.Add(stake);
            // Money given to one's own project (as applicant or recipient) earns no tokens.
            if (party != setup.Applicant && setup.RecipientOf(project) != party) contributed += stake.Amount;
        }
        var amount = contributed * setup.TokenRate / BigInteger.Pow(10, 18);
        if (amount.IsZero) return "RoundNothingToPay";
        foreach (var stake in claimed) stake.TokensClaimed = true;
        TokensMinted[party] = TokensMinted.GetValueOrDefault(party) + amount;
        return Answer([$"tokens {amount}"]);
    }

    public string Sweep(ulong now)
    {
        if (Status != RoundModelStatus.Finalized) return "RoundNotFinalized";
        var due = now >= ClaimDeadline ? Pool + TotalRaised - PaidToProjects : Remainder;
        var amount = due - Swept;
        if (amount.IsZero) return "RoundNothingToPay";
        Swept = due;
        MoneyOut += amount;
        return Answer([$"swept {amount}"]);
    }

    // ------------------------------------------------------------------------------------------- cancel

    public string ApproveCancel(int party)
    {
        if (Status != RoundModelStatus.Active) return "RoundNotActive";
        if (!RoundWorld.IsSteward(party)) return "RoundNotSteward";
        if (!_cancelApprovals.Add(party)) return "RoundCancelAlreadyApproved";
        List<string> events = [$"cancel {_cancelApprovals.Count}/{setup.Threshold}"];
        if (_cancelApprovals.Count >= setup.Threshold)
        {
            Status = RoundModelStatus.Cancelled;
            events.Add("cancelled");
        }
        return Answer(events);
    }

    public string RefundContributions(IReadOnlyList<(int Party, int Project)> pairs)
    {
        if (Status != RoundModelStatus.Cancelled) return "RoundNotCancelled";
        if (pairs.Count == 0) return "RoundBatchMismatch";
        var events = new List<string>();
        foreach (var (party, project) in pairs)
        {
            var stake = Stakes.GetValueOrDefault((party, project));
            if (stake is null || stake.Amount.IsZero || stake.Refunded) continue;
            stake.Refunded = true;
            MoneyOut += stake.Amount;
            events.Add($"refunded {setup.NameOf(party)} {project} {stake.Amount}");
        }
        return Answer(events);
    }

    public string RefundMatching(IReadOnlyList<int> funders)
    {
        if (Status != RoundModelStatus.Cancelled) return "RoundNotCancelled";
        if (funders.Count == 0) return "RoundBatchMismatch";
        var events = new List<string>();
        foreach (var funder in funders)
        {
            var amount = Funded.GetValueOrDefault(funder);
            if (amount.IsZero) continue;
            Funded[funder] = 0;
            MoneyOut += amount;
            events.Add($"refunded {setup.NameOf(funder)} 0 {amount}");
        }
        return Answer(events);
    }

    /// <summary>Every push to a plain account arrives, so nothing is ever kept for anyone.</summary>
    public static string Withdraw() => "RoundNothingToPay";

    // ------------------------------------------------------------------------------------------- plumbing

    private static string Answer(IEnumerable<string> events) => string.Join(' ', [Ok, .. events]);

    /// <summary>Why a project takes no contribution or vote (the contract's order), or null.</summary>
    private string? OpenError(int project) => ProjectStatus(project) switch
    {
        2 => null,
        0 => "RoundUnknownProject",
        4 => "RoundNotActive",
        _ => "RoundProjectNotApproved",
    };

    private string? ClaimError(ulong now) =>
        Status != RoundModelStatus.Finalized ? "RoundNotFinalized" : now >= ClaimDeadline ? "RoundClaimClosed" : null;

    private RoundStakeModel Open(int party, int project)
    {
        if (!Stakes.TryGetValue((party, project), out var stake)) Stakes[(party, project)] = stake = new RoundStakeModel();
        return stake;
    }

    private string Pay(int project)
    {
        var amount = Raised(project) + _matches[project - 1];
        _paid.Add(project);
        PaidToProjects += amount;
        MoneyOut += amount;
        return $"paid {project} {amount}";
    }
}
