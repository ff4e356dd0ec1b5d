using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using AidDao.Core;
using AidDao.Core.Wallets;
using AidDao.Data;
using AidDao.Indexer;
using AidDao.Indexer.Rpc;

namespace AidDao.Cli.Commands;

/// <summary>
/// <c>aiddao index</c>: follows communities' contracts into a local index (SQLite by default, PostgreSQL by connection
/// string) in the foreground, with progress, until Ctrl-C (or, with <c>--until-head</c>, until it reaches the head).
/// </summary>
internal static class IndexCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(ChainOptions chain)
    {
        var communities = new Option<string[]>("--community") { Description = "A community to follow (repeat for several).", Required = true, AllowMultipleArgumentsPerToken = true };
        var from = new Option<long?>("--from") { Description = "First block to index (default: the community's creation block)." };
        var db = new Option<string?>("--db") { Description = "The index: a SQLite file path, or a PostgreSQL connection string 'Host=...;Database=...' (default: $AIDDAO_DB, else $AIDDAO_HOME/index.db, else ~/.aiddao/index.db)." };
        var factory = new Option<string?>("--factory") { Description = "The CommunityFactory (default: found from the community's creation)." };
        var roundFactory = new Option<string?>("--round-factory") { Description = "The RoundFactory (default: found from the community's rounds, else from the deployment record)." };
        var confirmations = new Option<int?>("--confirmations") { Description = "Stay this many blocks behind the head (default: the --network's, else 0 on the local dev chain and 12 elsewhere)." };
        var untilHead = new Option<bool>("--until-head") { Description = "Stop once the index reaches the head instead of following new blocks." };
        var maxSpan = new Option<long>("--max-span") { Description = "Most blocks per eth_getLogs request.", DefaultValueFactory = _ => 2_000 };
        var command = new Command("index", "Follow communities' contracts (community, token, pools, rounds) into a local index, with progress, until Ctrl-C.")
        {
            communities, from, db, factory, roundFactory, confirmations, untilHead, maxSpan,
        };
        chain.AddTo(command);
        command.SetBody(async (c, ct) =>
        {
            var addresses = c.Get(communities).Select(a => EthAddress.Parse(a, "--community address")).Distinct().ToList();
            if (c.Get(maxSpan) < 1) throw new AidDaoInputException("--max-span must be at least 1 block.");
            if (c.Get(from) is < 0) throw new AidDaoInputException("--from must be a block number (0 or more).");
            if (c.Get(confirmations) is < 0) throw new AidDaoInputException("--confirmations must be 0 or more.");
            var connection = await ChainConnection.OpenAsync(c, chain, needsSigner: false, ct).ConfigureAwait(false);
            var database = IndexDatabase.FromSetting(c.Get(db) ?? DefaultDatabase());
            await SchemaMigrations.ApplyAsync(database, ct).ConfigureAwait(false);

            var options = new IndexerOptions
            {
                Confirmations = c.Get(confirmations) ?? connection.DefaultConfirmations,
                MaxSpan = c.Get(maxSpan),
                InitialSpan = Math.Min(500, c.Get(maxSpan)),
            };
            using var rpc = new EthLogClient(connection.RpcUrl, options.RpcTimeout);
            var record = c.Get(roundFactory) is null ? DeploymentRecords.TryLoad(c, chain, connection, out _) : null;
            var target = await IndexTargets.ResolveAsync(c, connection, rpc, addresses, c.Get(factory), c.Get(roundFactory), c.Get(from), record, ct).ConfigureAwait(false);
            var start = target.FromBlock;
            var store = new IndexStore(database);
            await IndexedCommunities.EnsureSameAsync(store, target, ct).ConfigureAwait(false);
            await c.Error.WriteLineAsync($"Indexing chain {connection.ChainId} from block {start} into {database.Description} ({options.Confirmations} confirmations).").ConfigureAwait(false);
            using var indexer = new ChainIndexer(target, store, options);
            var progress = new IndexProgressLine(c.Error, target.FromBlock, Console.IsErrorRedirected);
            try
            {
                await indexer.RunAsync(c.Get(untilHead), progress, ct).ConfigureAwait(false);
            }
            finally
            {
                progress.Finish();
            }
            var cursor = await new SqlReadModel(database).GetCursorAsync(connection.ChainId, CancellationToken.None).ConfigureAwait(false);
            await c.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"Indexed chain {connection.ChainId} to block {cursor?.BlockNumber}: {cursor?.Events:N0} events in {database.Description}.")).ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>The variable that may hold the index's setting (a connection string kept out of the process list).</summary>
    public const string DatabaseVariable = "AIDDAO_DB";

    /// <summary><c>$AIDDAO_DB</c>, else <c>$AIDDAO_HOME/index.db</c>, else <c>~/.aiddao/index.db</c>.</summary>
    public static string DefaultDatabase() =>
        Environment.GetEnvironmentVariable(DatabaseVariable) is { Length: > 0 } setting
            ? setting
            : Path.Combine(Path.GetDirectoryName(WalletStore.DefaultDirectory())!, "index.db");

    /// <summary>A progress bar on a terminal (one line per second when redirected): blocks done of the head, events, events/s.</summary>
    private sealed class IndexProgressLine(TextWriter writer, long start, bool redirected) : IProgress<IndexStep>
    {
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private long _events;
        private TimeSpan _last = TimeSpan.FromDays(-1);
        private bool _drawn;

        public void Report(IndexStep value)
        {
            _events += value.Kind == IndexStepKind.Indexed ? value.Events : 0;
            var elapsed = _clock.Elapsed;
            if (value.Kind != IndexStepKind.CaughtUp && elapsed - _last < TimeSpan.FromSeconds(redirected ? 1 : 0.1)) return;
            if (value.Kind == IndexStepKind.CaughtUp && _drawn && elapsed - _last < TimeSpan.FromSeconds(1)) return;
            _last = elapsed;
            var total = Math.Max(1, value.Head - start + 1);
            var done = Math.Clamp(value.Cursor - start + 1, 0, total);
            const int width = 30;
            var filled = (int)(width * done / total);
            var rate = _events / Math.Max(0.001, elapsed.TotalSeconds);
            var note = value.Kind switch
            {
                IndexStepKind.RolledBack => $"  reorg: undid blocks from {value.FromBlock}",
                IndexStepKind.RangeRefused => "  node refused the range: asking for fewer blocks",
                _ => "",
            };
            var line = string.Create(CultureInfo.InvariantCulture,
                $"[{new string('#', filled)}{new string('.', width - filled)}] {done:N0}/{total:N0} blocks (block {value.Cursor:N0} of {value.Head:N0})  {_events:N0} events  {rate:N0} events/s{note}");
            if (redirected) writer.WriteLine(line);
            else writer.Write("\r" + line.PadRight(110));
            _drawn = true;
        }

        public void Finish()
        {
            if (_drawn && !redirected) writer.WriteLine();
        }
    }
}
