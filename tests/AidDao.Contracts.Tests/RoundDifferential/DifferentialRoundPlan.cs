using System.Numerics;
using AidDao.Contracts.Tests.Support;
using AidDao.Core.Rounds;

namespace AidDao.Contracts.Tests.RoundDifferential;

/// <summary>
/// Everything one differential round does, drawn from its seed before anything is sent, and what the C# engine says must
/// come of it: the transactions, the per-project tallies (<see cref="QuadraticMatching.Tally"/> with members eligible),
/// the matching pool (chosen relative to the raw matches the contributions ask for) and the engine's result.
/// </summary>
/// <remarks>
/// The seed fixes the shape as well as the randomness, so a run of consecutive seeds covers every combination it cares
/// about: quadratic voting when seed % 4 == 0, no cap when seed % 3 == 0, the whole pool spread when (seed / 2) is even,
/// and the pool size cycling through <see cref="DifferentialPoolSize"/> by seed % 7.
/// </remarks>
internal sealed class DifferentialRoundPlan
{
    private static readonly ushort[] CapChoices = [1, 100, 1000, 2500, 3333, 5000, 9999, 10_000];
    private static readonly BigInteger HugePool = BigInteger.Pow(10, 30);

    private DifferentialRoundPlan(int seed, int members, int people)
    {
        Seed = seed;
        Members = members;
        var random = new Random(seed);
        Projects = random.Next(1, 13);
        Mode = seed % 4 == 0 ? RoundMode.QuadraticVoting : RoundMode.QuadraticFunding;
        CapBps = seed % 3 == 0 ? (ushort)0 : random.Next(4) == 0 ? (ushort)random.Next(1, 10_001) : CapChoices[random.Next(CapChoices.Length)];
        SpreadWholePool = seed / 2 % 2 == 0;
        PoolSize = (DifferentialPoolSize)(seed % 7);
        CreditsPerMember = RoundAmounts.LogUniform(random, RoundAmounts.Max);

        var transactions = new List<DifferentialTransaction>();
        DrawContributions(random, people, Mode == RoundMode.QuadraticVoting ? Math.Min(6, people) : people, transactions);
        if (Mode == RoundMode.QuadraticVoting) DrawVotes(random, transactions);
        Transactions = transactions;

        var contributions = Items(DifferentialTransactionKind.ContributeTo, DifferentialTransactionKind.Contribute).ToArray();
        Raised = [.. Enumerable.Range(1, Projects).Select(p => contributions.Where(c => c.Project == p).Aggregate(BigInteger.Zero, (sum, c) => sum + c.Amount))];
        Tallies = Mode == RoundMode.QuadraticFunding
            ? QuadraticMatching.Tally(Projects, contributions.Select(c => (c.Person, c.Project - 1, c.Amount)), person => person < members)
            : QuadraticMatching.Tally(Projects, Items(DifferentialTransactionKind.Vote).Select(v => (v.Person, v.Project - 1, v.Amount)), _ => true);
        TotalRaw = Tallies.Aggregate(BigInteger.Zero, (sum, t) => sum + t.RawMatchIn(Mode));
        Pool = DrawPool(random);
        Options = new QuadraticMatchingOptions(Pool, CapBps, SpreadWholePool, Mode);
        Expected = QuadraticMatching.Compute(Tallies, Options);
    }

    public int Seed { get; }

    /// <summary>Crowd indexes below this are members.</summary>
    public int Members { get; }

    /// <summary>Approved projects, ids 1 to <see cref="Projects"/>.</summary>
    public int Projects { get; }

    public RoundMode Mode { get; }

    public ushort CapBps { get; }

    public bool SpreadWholePool { get; }

    public DifferentialPoolSize PoolSize { get; }

    /// <summary>Each member's voice credits (quadratic voting).</summary>
    public BigInteger CreditsPerMember { get; }

    public IReadOnlyList<DifferentialTransaction> Transactions { get; }

    /// <summary>Every contribution per project (index = project id − 1), members' or not.</summary>
    public IReadOnlyList<BigInteger> Raised { get; }

    /// <summary>The engine's tallies (index = project id − 1).</summary>
    public IReadOnlyList<ProjectTally> Tallies { get; }

    /// <summary>Σ raw matches.</summary>
    public BigInteger TotalRaw { get; }

    /// <summary>The matching pool to deposit (0 = none).</summary>
    public BigInteger Pool { get; }

    public QuadraticMatchingOptions Options { get; }

    /// <summary>What the engine says finalisation must give.</summary>
    public QuadraticMatchingResult Expected { get; }

    /// <summary>The plan of seed <paramref name="seed"/> for a crowd of <paramref name="members"/> members and <paramref name="people"/> people in all.</summary>
    public static DifferentialRoundPlan Draw(int seed, int members, int people) => new(seed, members, people);

    /// <summary>The seed and shape, for failure messages.</summary>
    public override string ToString() =>
        $"seed {Seed}: {Mode}, {Projects} projects, cap {(CapBps == 0 ? "off" : $"{CapBps} bps")}, {(SpreadWholePool ? "spread whole pool" : "raw matches only")}, "
        + $"pool {PoolSize} = {Pool} wei, Σraw {TotalRaw}, {Transactions.Count} transactions, {Expected.Capped.Count(c => c)} capped"
        + (Mode == RoundMode.QuadraticVoting ? $", {CreditsPerMember} credits per member" : "");

    /// <summary>The items of every transaction of the given kinds, flattened: who, which project, how much.</summary>
    public IEnumerable<(int Person, int Project, BigInteger Amount)> Items(params DifferentialTransactionKind[] kinds) =>
        Transactions.Where(t => kinds.Contains(t.Kind)).SelectMany(t => t.Items.Select(i => (t.Person, i.Project, i.Amount)));

    /// <summary>
    /// A random subset of the crowd gives: each person 1 to 3 transactions (single or batches of 2 to 5 items, often to one
    /// of the person's 1 to 3 favourite projects, so one person's contributions to one project add up).
    /// </summary>
    private void DrawContributions(Random random, int people, int maxContributors, List<DifferentialTransaction> transactions)
    {
        var cumulative = new Dictionary<(int, int), BigInteger>();
        var contributors = Enumerable.Range(0, people).OrderBy(_ => random.Next()).Take(random.Next(Math.Min(2, maxContributors), maxContributors + 1));
        foreach (var person in contributors)
        {
            var favourites = Enumerable.Range(0, random.Next(1, 4)).Select(_ => random.Next(1, Projects + 1)).ToArray();
            for (var t = random.Next(1, 4); t > 0; t--)
            {
                var single = random.Next(100) < 40;
                var items = new List<(int, BigInteger)>();
                for (var i = single ? 1 : random.Next(2, 6); i > 0; i--)
                {
                    var project = random.Next(100) < 75 ? favourites[random.Next(favourites.Length)] : random.Next(1, Projects + 1);
                    var amount = RoundAmounts.Contribution(random, cumulative.GetValueOrDefault((person, project)));
                    cumulative[(person, project)] = cumulative.GetValueOrDefault((person, project)) + amount;
                    items.Add((project, amount));
                }
                transactions.Add(new DifferentialTransaction(person, single ? DifferentialTransactionKind.ContributeTo : DifferentialTransactionKind.Contribute, items));
            }
        }
    }

    /// <summary>
    /// Some members vote: 1 to 3 vote transactions of 1 to 4 items each, log-uniform credits within what is left, and
    /// sometimes the last item spends exactly the rest of the budget.
    /// </summary>
    private void DrawVotes(Random random, List<DifferentialTransaction> transactions)
    {
        var voters = Enumerable.Range(0, Members).OrderBy(_ => random.Next()).Take(random.Next(1, Members + 1));
        foreach (var member in voters)
        {
            var left = CreditsPerMember;
            var spendAll = random.Next(100) < 40;
            for (var t = random.Next(1, 4); t > 0 && left > 0; t--)
            {
                var items = new List<(int, BigInteger)>();
                for (var i = random.Next(1, 5); i > 0 && left > 0; i--)
                {
                    var credits = spendAll && t == 1 && i == 1 ? left : RoundAmounts.LogUniform(random, left);
                    left -= credits;
                    items.Add((random.Next(1, Projects + 1), credits));
                }
                transactions.Add(new DifferentialTransaction(member, DifferentialTransactionKind.Vote, items));
            }
        }
    }

    private BigInteger DrawPool(Random random)
    {
        var size = TotalRaw < 2 && PoolSize is DifferentialPoolSize.BelowRaw or DifferentialPoolSize.AtRaw or DifferentialPoolSize.AboveRaw
            ? DifferentialPoolSize.Any
            : PoolSize;
        return size switch
        {
            DifferentialPoolSize.None => BigInteger.Zero,
            DifferentialPoolSize.Dust => random.Next(1, 3 * Projects + 1),
            DifferentialPoolSize.BelowRaw => RoundAmounts.LogUniform(random, TotalRaw - 1),
            DifferentialPoolSize.AtRaw => TotalRaw + random.Next(-1, 2),
            DifferentialPoolSize.AboveRaw => TotalRaw + RoundAmounts.LogUniform(random, TotalRaw * 1000),
            DifferentialPoolSize.Huge => HugePool,
            _ => RoundAmounts.LogUniform(random, HugePool),
        };
    }
}
