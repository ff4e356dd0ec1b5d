using System.Diagnostics;
using System.Globalization;
using System.Numerics;
using System.Text;
using AidDao.Core.Rounds;
using AidDao.Core.Rounds.Analysis;

namespace AidDao.Cli.Bench;

/// <summary>
/// Times the exact quadratic-funding engine and the stewards' analysis variants (capped QF, pairwise-bounded QF, what-if
/// estimates) on a synthetic round shaped like a large public round, beside a baseline measured in the same run: one pass
/// that only adds every contribution to its project's total. Deterministic data (fixed seed): amounts spread
/// log-uniformly from 1 wei to 10^24, projects chosen with a skew towards popular ones.
/// </summary>
internal static class MatchingBenchmark
{
    private const int Estimates = 1_000;
    private static readonly BigInteger ContributionCap = BigInteger.Pow(10, 21);
    private static readonly PairwiseMatchingOptions Pairwise = new(25e18);

    /// <summary>The round's shape.</summary>
    internal sealed record Shape(int Contributors, int Projects, int Contributions);

    /// <summary>One measured step: median wall time and allocated bytes over the runs.</summary>
    internal sealed record Row(string Step, TimeSpan Median, long AllocatedBytes);

    /// <summary>The measured rows and what the analysis runs found (pair counts, how far the variants move the split).</summary>
    internal sealed record Report(IReadOnlyList<Row> Rows, IReadOnlyList<string> Findings);

    /// <summary>The large public round the issue names: 28,000 contributors, 330 projects, 200,000 contributions.</summary>
    public static Shape LargeRound { get; } = new(28_000, 330, 200_000);

    /// <summary>Runs each step <paramref name="runs"/> times (after one warm-up) and returns the rows and findings.</summary>
    public static Report Run(Shape shape, int runs = 5)
    {
        ArgumentNullException.ThrowIfNull(shape);
        var contributions = Generate(shape);
        var options = new QuadraticMatchingOptions(BigInteger.Pow(10, 24) * 500, CapBasisPoints: 1_000);
        var exact = Pairwise with { MaxContributorsPerProject = int.MaxValue };
        var estimator = new MatchEstimator(QuadraticMatching.Tally(shape.Projects, contributions, _ => true), options);
        var rows = new List<Row>
        {
            Measure("baseline: add every contribution to its project's total", runs, () => Baseline(shape.Projects, contributions)),
            Measure("tally: cumulative per (contributor, project), floor roots, per-project sums", runs,
                () => QuadraticMatching.Tally(shape.Projects, contributions, _ => true)),
            Measure("linear QF: tally + matching with a 10 % cap", runs,
                () => QuadraticMatching.Compute(QuadraticMatching.Tally(shape.Projects, contributions, _ => true), options)),
            Measure("capped QF: contributions table + tally with each c_ip counted up to 10^21 + matching with a 10 % cap", runs,
                () => CappedMatching.Compute(Table(shape, contributions), ContributionCap, options)),
            Measure($"pairwise-bounded QF (M = 25 × 10^18): contributions table + pairs, at most {Pairwise.MaxContributorsPerProject:N0} contributors per project paired exactly + matching", runs,
                () => PairwiseMatching.Compute(Table(shape, contributions), options, Pairwise)),
            Measure("pairwise-bounded QF, every pair exact (no bound)", runs, () => PairwiseMatching.Compute(Table(shape, contributions), options, exact)),
            Measure($"what-if estimate: one contribution's effect on every project's match (per estimate; {Estimates:N0} per run)", runs,
                () => WhatIf(estimator, shape.Projects), perCall: Estimates),
        };
        return new Report(rows, Findings(shape, contributions, options, exact));
    }

    /// <summary>The markdown report.</summary>
    public static string ToMarkdown(Shape shape, Report report, int runs)
    {
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentNullException.ThrowIfNull(report);
        var builder = new StringBuilder()
            .AppendLine("# Matching engine benchmark")
            .AppendLine()
            .AppendLine("Regenerate with `dotnet run -c Release --project src/AidDao.Cli -- bench qf` (no chain needed).")
            .AppendLine(CultureInfo.InvariantCulture, $"Round: {shape.Contributors:N0} contributors, {shape.Projects:N0} projects, {shape.Contributions:N0} contributions; amounts from 1 wei to 10^24, exact BigInteger arithmetic (pairwise: double, an off-chain estimate, not wei-exact).")
            .AppendLine(CultureInfo.InvariantCulture, $"Median of {runs} runs after a warm-up, on {Environment.ProcessorCount} cores ({System.Runtime.InteropServices.RuntimeInformation.OSDescription}); the machine is shared, so figures move between runs. No test asserts them.")
            .AppendLine("Allocated: bytes allocated on the measuring thread (GC.GetAllocatedBytesForCurrentThread), not the peak working set. The analysis rows start from the raw contributions, like linear QF; the what-if row starts from tallies already read.")
            .AppendLine()
            .AppendLine("- Capped QF (`CappedMatching`): each cumulative c_ip counts up to 10^21 before the root; exact, split by the engine with the round's rules.")
            .AppendLine("- Pairwise-bounded QF (`PairwiseMatching`): Σ over pairs i < j of √(c_ip c_jp) × M / (M + k_ij), k_ij = Σ_q √(c_iq c_jq), in double. No contributors × contributors matrix and no stored pairs: contributor i's k_ij for every co-funding j > i is built in one scratch array of C doubles from its projects' contributor lists, then used and reset. Time Σ_p h_p² (h_p = min(n_p, bound)), memory O(C + contributions). Above the bound, a project's largest contributors are paired exactly and the other pairs estimated from above, never past linear QF.")
            .AppendLine("- What-if (`MatchEstimator`): one project's tally updated as the contract books a contribution, the split re-run on the tallies: O(projects) per estimate.")
            .AppendLine()
            .Append(Table(report.Rows))
            .AppendLine()
            .AppendLine("Findings of the analysis runs on this round:")
            .AppendLine();
        foreach (var finding in report.Findings) builder.AppendLine(CultureInfo.InvariantCulture, $"- {finding}");
        return builder.ToString();
    }

    /// <summary>The table alone, each step's time also as a multiple of the baseline (the first row).</summary>
    public static string Table(IReadOnlyList<Row> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var builder = new StringBuilder().AppendLine("| Step | Median time | × baseline | Allocated |").AppendLine("|---|---:|---:|---:|");
        var baseline = rows.Count > 0 ? rows[0].Median.TotalMilliseconds : 0;
        foreach (var row in rows)
        {
            var ratio = baseline > 0 ? (row.Median.TotalMilliseconds / baseline).ToString("N2", CultureInfo.InvariantCulture) : "–";
            builder.AppendLine(CultureInfo.InvariantCulture, $"| {row.Step} | {Time(row.Median)} | {ratio} | {Bytes(row.AllocatedBytes)} |");
        }
        return builder.ToString();
    }

    private static string Time(TimeSpan time) => time.TotalMilliseconds >= 1
        ? time.TotalMilliseconds.ToString("N1", CultureInfo.InvariantCulture) + " ms"
        : (time.TotalMilliseconds * 1_000).ToString("N1", CultureInfo.InvariantCulture) + " µs";

    private static string Bytes(long bytes) => bytes >= 1_048_576
        ? (bytes / 1_048_576.0).ToString("N1", CultureInfo.InvariantCulture) + " MiB"
        : (bytes / 1_024.0).ToString("N1", CultureInfo.InvariantCulture) + " KiB";

    private static Row Measure(string step, int runs, Func<object> work, int perCall = 1)
    {
        GC.KeepAlive(work());
        var times = new List<TimeSpan>(runs);
        var allocated = new List<long>(runs);
        for (var i = 0; i < runs; i++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            var watch = Stopwatch.StartNew();
            GC.KeepAlive(work());
            watch.Stop();
            allocated.Add((GC.GetAllocatedBytesForCurrentThread() - before) / perCall);
            times.Add(watch.Elapsed / perCall);
        }
        times.Sort();
        allocated.Sort();
        return new Row(step, times[runs / 2], allocated[runs / 2]);
    }

    private static List<string> Findings(Shape shape, List<(int Contributor, int Project, BigInteger Amount)> contributions, QuadraticMatchingOptions options,
        PairwiseMatchingOptions exact)
    {
        var table = Table(shape, contributions);
        var linear = QuadraticMatching.Compute(table.Tally(), options);
        var capped = CappedMatching.Compute(table, ContributionCap, options);
        var bounded = PairwiseMatching.Compute(table, options, Pairwise);
        var unbounded = PairwiseMatching.Compute(table, options, exact);
        var largest = Enumerable.Range(0, shape.Projects).Max(p => table.ContributorsOf(p).Length);
        return
        [
            string.Create(CultureInfo.InvariantCulture, $"Pairs evaluated: {unbounded.PairsEvaluated:N0} exact; {bounded.PairsEvaluated:N0} with the bound, which approximates {bounded.Approximated.Count(a => a)} of {shape.Projects} projects (the largest has {largest:N0} eligible contributors)."),
            string.Create(CultureInfo.InvariantCulture, $"Bounded vs exact pairwise: the largest difference in one project's subsidy is {MaxRelativeDifference(bounded.Subsidies, unbounded.Subsidies):P2} of its exact subsidy (the bound only over-estimates); in one project's match, {Share(MaxDifference(bounded.Split, unbounded.Split), options)} of the pool."),
            string.Create(CultureInfo.InvariantCulture, $"How far each variant moves the on-chain (linear) split, Σ |difference| over projects: capped QF {Share(TotalDifference(capped, linear), options)}, pairwise-bounded QF {Share(TotalDifference(unbounded.Split, linear), options)} of the pool."),
        ];
    }

    private static string Share(BigInteger amount, QuadraticMatchingOptions options) =>
        options.MatchingPool.IsZero ? "0 %" : ((double)amount / (double)options.MatchingPool).ToString("P4", CultureInfo.InvariantCulture);

    private static double MaxRelativeDifference(IReadOnlyList<double> estimate, IReadOnlyList<double> exact) =>
        estimate.Zip(exact, (e, x) => x > 0 ? Math.Abs(e - x) / x : 0).DefaultIfEmpty().Max();

    private static BigInteger MaxDifference(QuadraticMatchingResult a, QuadraticMatchingResult b) =>
        a.Matches.Zip(b.Matches, (x, y) => BigInteger.Abs(x - y)).DefaultIfEmpty().Max();

    private static BigInteger TotalDifference(QuadraticMatchingResult a, QuadraticMatchingResult b) =>
        a.Matches.Zip(b.Matches, (x, y) => BigInteger.Abs(x - y)).Aggregate(BigInteger.Zero, (sum, d) => sum + d);

    private static EligibleContributions Table(Shape shape, List<(int Contributor, int Project, BigInteger Amount)> contributions) =>
        EligibleContributions.From(shape.Projects, contributions, _ => true);

    private static BigInteger WhatIf(MatchEstimator estimator, int projects)
    {
        var total = BigInteger.Zero;
        for (var i = 0; i < Estimates; i++) total += estimator.Estimate(i % projects, BigInteger.Zero, isMember: true, ContributionCap).Project.Change;
        return total;
    }

    private static BigInteger[] Baseline(int projects, List<(int Contributor, int Project, BigInteger Amount)> contributions)
    {
        var totals = new BigInteger[projects];
        foreach (var (_, project, amount) in contributions) totals[project] += amount;
        return totals;
    }

    private static List<(int Contributor, int Project, BigInteger Amount)> Generate(Shape shape)
    {
        var random = new Random(2026);
        var contributions = new List<(int, int, BigInteger)>(shape.Contributions);
        for (var i = 0; i < shape.Contributions; i++)
        {
            var skew = random.NextDouble();
            var project = (int)(skew * skew * shape.Projects);
            var amount = BigInteger.Pow(10, random.Next(0, 24)) * random.Next(1, 10);
            contributions.Add((random.Next(shape.Contributors), project, amount));
        }
        return contributions;
    }
}
