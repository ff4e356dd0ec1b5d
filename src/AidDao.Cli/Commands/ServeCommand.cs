using System.CommandLine;
using AidDao.Core;
using AidDao.Dashboard;
using AidDao.Data;
using AidDao.Indexer;
using AidDao.Indexer.Rpc;

namespace AidDao.Cli.Commands;

/// <summary>
/// <c>aiddao serve</c>: the dashboard of one community on any chain: one web host runs the Hangfire server whose job
/// follows the community into the index, the page with live SignalR updates, and the Hangfire dashboard; until Ctrl-C.
/// The server reads the chain but holds no keys: visitors act through their own wallets.
/// </summary>
internal static class ServeCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(ChainOptions chain)
    {
        var community = new Option<string>("--community") { Description = "The community to show.", Required = true };
        var db = new Option<string?>("--db") { Description = "The index: a SQLite file path, or a PostgreSQL connection string (default: $AIDDAO_DB, else $AIDDAO_HOME/index.db, else ~/.aiddao/index.db)." };
        var factory = new Option<string?>("--factory") { Description = "The CommunityFactory (default: found from the community's creation)." };
        var roundFactory = new Option<string?>("--round-factory") { Description = "The RoundFactory (default: found from the community's rounds)." };
        var from = new Option<long?>("--from") { Description = "First block to index (default: the community's creation block)." };
        var confirmations = new Option<int?>("--confirmations") { Description = "Stay this many blocks behind the head (default: the --network's, else 0 on the local dev chain and 12 elsewhere)." };
        var urls = new Option<string[]>("--dashboard-url")
        {
            Description = "Where the dashboard listens (repeat for several; default http://127.0.0.1:5080; port 0 picks a free port).",
            DefaultValueFactory = _ => ["http://127.0.0.1:5080"],
            AllowMultipleArgumentsPerToken = true,
        };
        var publicRpc = new Option<string?>("--public-rpc-url") { Description = "The node URL offered to visitors' wallets that lack the chain (default: none, unless --rpc is a node on this computer; the server's own node URL may carry a key)." };
        var publicUrl = new Option<string?>("--public-url") { Description = "The address people reach the dashboard at (e.g. https://aid.example.org behind a proxy); sign-in messages name it. Needed for steward sign-in when listening beyond this computer." };
        var chainName = new Option<string?>("--chain-name") { Description = "The chain's name as wallets show it (default: the --network's name, else 'chain N')." };
        var explorer = new Option<string?>("--explorer-tx-url") { Description = "A block explorer's transaction page with {tx} for the hash, e.g. https://etherscan.io/tx/{tx} (default: the --network's explorer)." };
        var hangfireRemote = new Option<bool>("--hangfire-remote") { Description = "Let the Hangfire dashboard (/hangfire) answer other machines (default: local requests only)." };
        var hangfireStorage = new Option<string?>("--hangfire-postgres") { Description = "Keep Hangfire's jobs in this PostgreSQL database (a connection string) (default: the --db database when it is PostgreSQL, else memory)." };
        var redis = new Option<string?>("--redis") { Description = "Redis for several dashboard instances behind one address (host:port, add ,password=... if needed): every page gets every update, whichever instance it is on (default: $AIDDAO_REDIS, so a password stays out of the process list)." };
        var logFormat = new Option<string>("--log-format") { Description = "How to log on standard error: text or json (one JSON object per line).", DefaultValueFactory = _ => "text" };
        var watchdog = new Option<string>("--indexer-watchdog")
        {
            Description = "How often an instance checks that some instance is indexing, and takes over when none is (5s to 60m, a divisor of a minute or an hour).",
            DefaultValueFactory = _ => "1m",
        };
        var instanceName = new Option<string?>("--instance-name") { Description = "This instance's name in /health, the log and Redis (default: machine name and process id)." };
        var command = new Command("serve", "Run the dashboard of a community: follow it into the index and show it live in the browser, until Ctrl-C.")
        {
            community, db, factory, roundFactory, from, confirmations, urls, publicRpc, publicUrl, chainName, explorer, hangfireRemote, hangfireStorage,
            redis, logFormat, instanceName, watchdog,
        };
        chain.AddTo(command);
        command.SetBody(async (c, ct) =>
        {
            var address = EthAddress.Parse(c.Get(community), "--community address");
            if (c.Get(from) is < 0) throw new AidDaoInputException("--from must be a block number (0 or more).");
            if (c.Get(confirmations) is < 0) throw new AidDaoInputException("--confirmations must be 0 or more.");
            var explorerUrl = c.Get(explorer);
            if (explorerUrl is not null && (!explorerUrl.Contains("{tx}", StringComparison.Ordinal) || !Uri.TryCreate(explorerUrl.Replace("{tx}", "0x", StringComparison.Ordinal), UriKind.Absolute, out var e) || e.Scheme is not ("http" or "https")))
                throw new AidDaoInputException($"--explorer-tx-url must be an http(s) URL with {{tx}} where the transaction hash goes, e.g. https://etherscan.io/tx/{{tx}}; got '{explorerUrl}'.");
            Uri? publicRpcUrl = null;
            if (c.Get(publicRpc) is { } p && (!Uri.TryCreate(p, UriKind.Absolute, out publicRpcUrl) || publicRpcUrl.Scheme is not ("http" or "https")))
                throw new AidDaoInputException($"--public-rpc-url must be an absolute http(s) URL; got '{p}'.");
            Uri? site = null;
            if (c.Get(publicUrl) is { } pu && (!Uri.TryCreate(pu, UriKind.Absolute, out site) || site.Scheme is not ("http" or "https") || site.AbsolutePath != "/"))
                throw new AidDaoInputException($"--public-url must be the site's address, such as https://aid.example.org (http or https, no path); got '{pu}'.");
            foreach (var url in c.Get(urls))
            {
                if (!Uri.TryCreate(url, UriKind.Absolute, out var u) || u.Scheme is not ("http" or "https"))
                    throw new AidDaoInputException($"--dashboard-url must be an absolute http(s) URL such as http://127.0.0.1:5080; got '{url}'.");
            }
            var format = c.Get(logFormat).Trim().ToUpperInvariant() switch
            {
                "TEXT" => DashboardLogFormat.Text,
                "JSON" => DashboardLogFormat.Json,
                _ => throw new AidDaoInputException($"--log-format must be text or json; got '{c.Get(logFormat)}'."),
            };
            var instance = c.Get(instanceName);
            if (instance is not null && (instance.Length is 0 or > 64 || !instance.All(ch => char.IsAsciiLetterOrDigit(ch) || ch is '-' or '_' or '.')))
                throw new AidDaoInputException($"--instance-name must be 1 to 64 letters, digits, '-', '_' or '.'; got '{instance}'.");
            var backplane = c.Get(redis) ?? (Environment.GetEnvironmentVariable("AIDDAO_REDIS") is { Length: > 0 } fromEnvironment ? fromEnvironment : null);
            if (backplane is not null) RedisBackplane.Parse(backplane);
            var hangfireSetting = c.Get(hangfireStorage);
            if (hangfireSetting is not null) HangfireDescription(hangfireSetting);
            var indexerOptions = new IndexerOptions();
            try
            {
                indexerOptions.WatchdogInterval = PoolInput.Duration(c.Get(watchdog), "--indexer-watchdog");
            }
            catch (ArgumentOutOfRangeException refused)
            {
                throw new AidDaoInputException($"--indexer-watchdog: {refused.Message.Split(" (Parameter", 2)[0]}");
            }

            var connection = await ChainConnection.OpenAsync(c, chain, needsSigner: false, ct).ConfigureAwait(false);
            var database = IndexDatabase.FromSetting(c.Get(db) ?? IndexCommand.DefaultDatabase());
            await SchemaMigrations.ApplyAsync(database, ct).ConfigureAwait(false);
            indexerOptions.Confirmations = c.Get(confirmations) ?? connection.DefaultConfirmations;
            IndexTarget target;
            using (var rpc = new EthLogClient(connection.RpcUrl, indexerOptions.RpcTimeout))
                target = await IndexTargets.ResolveAsync(c, connection, rpc, [address], c.Get(factory), c.Get(roundFactory), c.Get(from), ct).ConfigureAwait(false);
            var store = new IndexStore(database);
            await IndexedCommunities.EnsureSameAsync(store, target, ct).ConfigureAwait(false);
            // Several serve processes on one PostgreSQL index share Hangfire's schedule there too (its own schema, "hangfire").
            var hangfire = hangfireSetting ?? database.PostgreSqlConnectionString;
            var jobs = hangfireSetting is not null ? $"PostgreSQL {HangfireDescription(hangfireSetting)}, schema hangfire (shared by every serve on it)"
                : hangfire is not null ? $"{database.Description}, schema hangfire (shared by every serve on it)"
                : "memory of this process (to share the schedule between instances, use a PostgreSQL --db or --hangfire-postgres)";
            using var loggerFactory = DashboardLogging.CreateFactory(format);
            var changes = new IndexChangeBroadcaster();
            var registry = new IndexerRegistry(store, indexerOptions, changes) { LoggerFactory = loggerFactory };
            registry.Add(target);
            var options = new DashboardOptions
            {
                ChainId = connection.ChainId,
                RpcUrl = connection.RpcUrl,
                PublicRpcUrl = publicRpcUrl,
                PublicUrl = site,
                ChainName = c.Get(chainName) ?? connection.Profile?.DisplayName ?? $"chain {connection.ChainId}",
                NativeSymbol = connection.Profile?.NativeSymbol ?? "ETH",
                ExplorerTxUrl = explorerUrl ?? connection.Profile?.ExplorerTxUrl,
                Community = address,
                Urls = c.Get(urls),
                HangfireRemoteAccess = c.Get(hangfireRemote),
                Redis = backplane,
                InstanceName = instance ?? DashboardOptions.DefaultInstanceName,
                LoggerFactory = loggerFactory,
                IndexerConfirmations = indexerOptions.Confirmations,
            };
            await using var host = await DashboardHost.StartAsync(options, database, changes, registry, hangfire, cancellationToken: ct).ConfigureAwait(false);
            await c.Out.WriteLineAsync($"Dashboard       {host.Url} (instance {options.InstanceName})").ConfigureAwait(false);
            await c.Out.WriteLineAsync($"Health          {host.HealthUrl}").ConfigureAwait(false);
            await c.Out.WriteLineAsync($"Hangfire        {host.HangfireUrl} ({(options.HangfireRemoteAccess ? "open to other machines" : "local requests only")})").ConfigureAwait(false);
            await c.Out.WriteLineAsync($"Hangfire jobs   {jobs}").ConfigureAwait(false);
            await c.Out.WriteLineAsync($"Backplane       {(backplane is null ? "none (one instance)" : $"Redis {RedisBackplane.Describe(RedisBackplane.Parse(backplane))}")}").ConfigureAwait(false);
            await c.Out.WriteLineAsync($"Index           {database.Description}: chain {connection.ChainId} from block {target.FromBlock} ({indexerOptions.Confirmations} confirmations; watchdog every {PoolInput.Duration(indexerOptions.WatchdogInterval)})").ConfigureAwait(false);
            await c.Out.WriteLineAsync(UpCommand.ReadyLine).ConfigureAwait(false);
            await c.Out.FlushAsync(ct).ConfigureAwait(false);
            try
            {
                await Task.Delay(Timeout.Infinite, ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                await c.Error.WriteLineAsync("Stopping the dashboard and the indexer.").ConfigureAwait(false);
            }
            return ExitCodes.Ok;
        });
        return command;
    }

    // Where a Hangfire connection string points, without its password.
    private static string HangfireDescription(string connectionString)
    {
        Npgsql.NpgsqlConnectionStringBuilder? builder = null;
        try
        {
            builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException)
        {
            // Not a connection string: refused below, without repeating it (it may carry a password).
        }
        if (builder is null || string.IsNullOrEmpty(builder.Host))
            throw new AidDaoInputException("--hangfire-postgres must be a PostgreSQL connection string such as Host=db;Username=aiddao;Password=...;Database=aiddao.");
        return $"{builder.Host}:{builder.Port}/{builder.Database}";
    }
}
