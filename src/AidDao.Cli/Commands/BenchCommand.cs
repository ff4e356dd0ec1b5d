using System.CommandLine;
using AidDao.Cli.Bench;
using AidDao.Core;
using AidDao.Core.Chain;

namespace AidDao.Cli.Commands;

/// <summary><c>aiddao bench ...</c>: measurements printed beside a same-run baseline and written to docs/.</summary>
internal static class BenchCommand
{
    /// <summary>Builds the command group.</summary>
    public static Command Create()
    {
        var output = new Option<string>("--out") { Description = "Markdown file to write.", DefaultValueFactory = _ => Path.Combine("docs", "gas.md") };
        var gas = new Command("gas", "Measure the gas of every state-changing AidDao function on a fresh local chain; write docs/gas.md.") { output };
        gas.SetBody(async (c, ct) =>
        {
            var options = DevnetOptions.FromEnvironment();
            options.Progress = new LineProgress(c.Error);
            await using var devnet = await Devnet.StartAsync(options, ct).ConfigureAwait(false);
            var rows = await GasBenchmark.RunAsync(devnet, ct).ConfigureAwait(false);
            var markdown = GasReport.ToMarkdown(rows);
            var path = Path.GetFullPath(c.Get(output));
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var temporary = path + ".tmp";
            await File.WriteAllTextAsync(temporary, markdown, ct).ConfigureAwait(false);
            File.Move(temporary, path, overwrite: true);
            await c.Out.WriteLineAsync(GasReport.Table(rows)).ConfigureAwait(false);
            await c.Out.WriteLineAsync($"Wrote {rows.Count} rows to {path}.").ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        var bench = new Command("bench", "Benchmarks.") { gas, MatchingCommand(), IndexCommand(), DashboardCommand() };
        return bench;
    }

    private static Command IndexCommand()
    {
        var output = new Option<string>("--out") { Description = "Markdown file to update (its indexer section).", DefaultValueFactory = _ => Path.Combine("docs", "benchmarks.md") };
        var events = new Option<int>("--events") { Description = "AidDao events to seed.", DefaultValueFactory = _ => 50_000 };
        var blocks = new Option<int>("--blocks") { Description = "Blocks to spread them over.", DefaultValueFactory = _ => 10_000 };
        var runs = new Option<int>("--runs") { Description = "Runs per batch size (the median is reported).", DefaultValueFactory = _ => 3 };
        var postgres = new Option<string?>("--postgres") { Description = "Also measure the indexer into PostgreSQL: an admin connection string to a server where the benchmark may create (and drop) a database per run." };
        var command = new Command("index", "Seed a local chain with AidDao events, then measure a raw eth_getLogs+decode loop and the indexer into SQLite (and PostgreSQL with --postgres) at batch sizes 100/500/2000; update docs/benchmarks.md.")
        {
            output, events, blocks, runs, postgres,
        };
        command.SetBody(async (c, ct) =>
        {
            if (c.Get(events) < 100 || c.Get(blocks) < 100) throw new AidDaoInputException("--events and --blocks must be at least 100.");
            if (c.Get(runs) < 1) throw new AidDaoInputException("--runs must be at least 1.");
            var postgresServer = c.Get(postgres);
            if (postgresServer is not null) await CheckPostgresAsync(postgresServer, ct).ConfigureAwait(false);
            var options = DevnetOptions.FromEnvironment();
            options.ExtraArguments = IndexBenchSeeder.AnvilArguments;
            options.Progress = new LineProgress(c.Error);
            await using var devnet = await Devnet.StartAsync(options, ct).ConfigureAwait(false);
            var progress = new LineProgress(c.Error);
            var chain = await IndexBenchSeeder.SeedAsync(devnet, c.Get(events), c.Get(blocks), progress, ct).ConfigureAwait(false);
            progress.Report($"Seeded {chain.Events:N0} events over {chain.Blocks:N0} blocks in {chain.Seconds:0.0} s; measuring...");
            var rows = await IndexBenchmark.RunAsync(devnet, chain, c.Get(runs), IndexBenchmark.BatchSizes, postgresServer, progress, ct).ConfigureAwait(false);
            var machine = $"{Environment.ProcessorCount} cores, .NET {Environment.Version}, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}";
            var section = IndexBenchReport.Section(chain, rows, c.Get(runs), machine);
            var path = Path.GetFullPath(c.Get(output));
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var existing = File.Exists(path) ? await File.ReadAllTextAsync(path, ct).ConfigureAwait(false) : null;
            var temporary = path + ".tmp";
            await File.WriteAllTextAsync(temporary, IndexBenchReport.Merge(existing, section), ct).ConfigureAwait(false);
            File.Move(temporary, path, overwrite: true);
            await c.Out.WriteLineAsync(section).ConfigureAwait(false);
            await c.Out.WriteLineAsync($"Updated {path}.").ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>Refuses a PostgreSQL server the benchmark cannot use, before seeding the chain for minutes.</summary>
    private static async Task CheckPostgresAsync(string server, CancellationToken ct)
    {
        try
        {
            await IndexBenchmark.PostgresAdminAsync(server, "SELECT 1", ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is ArgumentException or Npgsql.NpgsqlException or System.Net.Sockets.SocketException or TimeoutException)
        {
            throw new AidDaoInputException($"--postgres: cannot connect to the PostgreSQL server ({e.Message.TrimEnd('.')}); give an admin connection string such as \"Host=127.0.0.1;Username=postgres;Database=postgres\".");
        }
    }

    private static Command DashboardCommand()
    {
        var output = new Option<string>("--out") { Description = "Markdown file to update (its dashboard section).", DefaultValueFactory = _ => Path.Combine("docs", "benchmarks.md") };
        var clients = new Option<int>("--clients") { Description = "Clients connected in each phase.", DefaultValueFactory = _ => 1_000 };
        var updates = new Option<int>("--updates") { Description = "Round updates (indexer commits) per phase.", DefaultValueFactory = _ => 100 };
        var rate = new Option<double>("--rate") { Description = "Round contributions sent per second.", DefaultValueFactory = _ => 5 };
        var runs = new Option<int>("--runs") { Description = "Runs of the phases, alternating (the median is reported).", DefaultValueFactory = _ => 3 };
        var redis = new Option<string?>("--redis") { Description = "Also measure SignalR through a Redis backplane (host:port): clients of a second dashboard instance get the updates through Redis." };
        var command = new Command("dashboard", "Connect many SignalR clients to the dashboard of a local chain, stream round updates to them and measure delivery and latency from indexer commit to receipt, beside a raw WebSocket broadcast of the same updates (and SignalR through a Redis backplane with --redis); update docs/benchmarks.md.")
        {
            output, clients, updates, rate, runs, redis,
        };
        command.SetBody(async (c, ct) =>
        {
            var shape = new DashboardBenchShape(c.Get(clients), c.Get(updates), c.Get(rate), c.Get(runs), c.Get(redis) is not null);
            if (shape.Problem() is { } problem) throw new AidDaoInputException(problem);
            if (c.Get(redis) is { } backplane) AidDao.Dashboard.RedisBackplane.Parse(backplane);
            var options = DevnetOptions.FromEnvironment();
            options.ExtraArguments = IndexBenchSeeder.AnvilArguments;
            options.Progress = new LineProgress(c.Error);
            var loadBefore = DashboardBenchReport.LoadAverage();
            await using var devnet = await Devnet.StartAsync(options, ct).ConfigureAwait(false);
            var (phases, messageBytes) = await DashboardBenchmark.RunAsync(devnet, shape, c.Get(redis), new LineProgress(c.Error), ct).ConfigureAwait(false);
            var machine = $"{Environment.ProcessorCount} cores, .NET {Environment.Version}, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}";
            var section = DashboardBenchReport.Section(shape, phases, messageBytes, machine,
                loadBefore is { } before && DashboardBenchReport.LoadAverage() is { } after ? (before, after) : null);
            var path = Path.GetFullPath(c.Get(output));
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var existing = File.Exists(path) ? await File.ReadAllTextAsync(path, ct).ConfigureAwait(false) : null;
            var temporary = path + ".tmp";
            await File.WriteAllTextAsync(temporary, DashboardBenchReport.Merge(existing, section), ct).ConfigureAwait(false);
            File.Move(temporary, path, overwrite: true);
            await c.Out.WriteLineAsync(DashboardBenchReport.Table(DashboardBenchReport.Medians(phases))).ConfigureAwait(false);
            await c.Out.WriteLineAsync($"Updated {path}.").ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command MatchingCommand()
    {
        var output = new Option<string>("--out") { Description = "Markdown file to write.", DefaultValueFactory = _ => Path.Combine("docs", "matching-bench.md") };
        var contributors = new Option<int>("--contributors") { Description = "Distinct contributors.", DefaultValueFactory = _ => MatchingBenchmark.LargeRound.Contributors };
        var projects = new Option<int>("--projects") { Description = "Projects.", DefaultValueFactory = _ => MatchingBenchmark.LargeRound.Projects };
        var contributions = new Option<int>("--contributions") { Description = "Contributions.", DefaultValueFactory = _ => MatchingBenchmark.LargeRound.Contributions };
        var runs = new Option<int>("--runs") { Description = "Measured runs per step (the median is reported).", DefaultValueFactory = _ => 5 };
        var qf = new Command("qf", "Time the exact quadratic-funding engine, capped and pairwise-bounded QF and what-if estimates on a large synthetic round beside a same-run baseline; write docs/matching-bench.md.")
            { output, contributors, projects, contributions, runs };
        qf.SetBody(async (c, ct) =>
        {
            var shape = new MatchingBenchmark.Shape(c.Get(contributors), c.Get(projects), c.Get(contributions));
            if (shape.Contributors < 1 || shape.Projects < 1 || shape.Contributions < 0 || c.Get(runs) < 1)
                throw new Core.AidDaoInputException("--contributors, --projects and --runs must be at least 1, --contributions at least 0.");
            var report = MatchingBenchmark.Run(shape, c.Get(runs));
            var path = Path.GetFullPath(c.Get(output));
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var temporary = path + ".tmp";
            await File.WriteAllTextAsync(temporary, MatchingBenchmark.ToMarkdown(shape, report, c.Get(runs)), ct).ConfigureAwait(false);
            File.Move(temporary, path, overwrite: true);
            await c.Out.WriteLineAsync(MatchingBenchmark.Table(report.Rows)).ConfigureAwait(false);
            await c.Out.WriteLineAsync($"Wrote {path}.").ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        return qf;
    }
}
