using System.CommandLine;
using AidDao.Cli.Bench;
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
        var bench = new Command("bench", "Benchmarks.") { gas };
        return bench;
    }
}
