using System.Diagnostics;
using System.Globalization;
using System.Numerics;
using System.Text;
using AidDao.Core.Rounds;

namespace AidDao.Cli.Bench;

/// <summary>
/// Times the exact quadratic-funding engine on a synthetic round shaped like a large public round, beside a baseline
/// measured in the same run: one pass that only adds every contribution to its project's total. Deterministic data
/// (fixed seed): amounts spread log-uniformly from 1 wei to 10^24, projects chosen with a skew towards popular ones.
/// </summary>
internal static class MatchingBenchmark
{
    /// <summary>The round's shape.</summary>
    internal sealed record Shape(int Contributors, int Projects, int Contributions);

    /// <summary>One measured step: median wall time and allocated bytes over the runs.</summary>
    internal sealed record Row(string Step, TimeSpan Median, long AllocatedBytes);

    /// <summary>The large public round the issue names: 28,000 contributors, 330 projects, 200,000 contributions.</summary>
    public static Shape LargeRound { get; } = new(28_000, 330, 200_000);

    /// <summary>Runs each step <paramref name="runs"/> times (after one warm-up) and returns the rows.</summary>
    public static IReadOnlyList<Row> Run(Shape shape, int runs = 5)
    {
        ArgumentNullException.ThrowIfNull(shape);
        var contributions = Generate(shape);
        var options = new QuadraticMatchingOptions(BigInteger.Pow(10, 24) * 500, CapBasisPoints: 1_000);
        return
        [
            Measure("baseline: add every contribution to its project's total", runs, () => Baseline(shape.Projects, contributions)),
            Measure("tally: cumulative per (contributor, project), floor roots, per-project sums", runs,
                () => QuadraticMatching.Tally(shape.Projects, contributions, _ => true)),
            Measure("linear QF: tally + matching with a 10 % cap", runs,
                () => QuadraticMatching.Compute(QuadraticMatching.Tally(shape.Projects, contributions, _ => true), options)),
        ];
    }

    /// <summary>The markdown report.</summary>
    public static string ToMarkdown(Shape shape, IReadOnlyList<Row> rows, int runs)
    {
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentNullException.ThrowIfNull(rows);
        var builder = new StringBuilder()
            .AppendLine("# Matching engine benchmark")
            .AppendLine()
            .AppendLine("Regenerate with `dotnet run -c Release --project src/AidDao.Cli -- bench qf` (no chain needed).")
            .AppendLine(CultureInfo.InvariantCulture, $"Round: {shape.Contributors:N0} contributors, {shape.Projects:N0} projects, {shape.Contributions:N0} contributions; amounts from 1 wei to 10^24, exact BigInteger arithmetic.")
            .AppendLine(CultureInfo.InvariantCulture, $"Median of {runs} runs after a warm-up, on {Environment.ProcessorCount} cores ({System.Runtime.InteropServices.RuntimeInformation.OSDescription}); the machine is shared, so figures move between runs. No test asserts them.")
            .AppendLine()
            .Append(Table(rows));
        return builder.ToString();
    }

    /// <summary>The table alone.</summary>
    public static string Table(IReadOnlyList<Row> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var builder = new StringBuilder().AppendLine("| Step | Median time | Allocated |").AppendLine("|---|---:|---:|");
        foreach (var row in rows)
            builder.AppendLine(CultureInfo.InvariantCulture, $"| {row.Step} | {row.Median.TotalMilliseconds:N1} ms | {row.AllocatedBytes / 1_048_576.0:N1} MiB |");
        return builder.ToString();
    }

    private static Row Measure(string step, int runs, Func<object> work)
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
            allocated.Add(GC.GetAllocatedBytesForCurrentThread() - before);
            times.Add(watch.Elapsed);
        }
        times.Sort();
        allocated.Sort();
        return new Row(step, times[runs / 2], allocated[runs / 2]);
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
