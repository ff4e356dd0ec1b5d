using System.Diagnostics;
using AidDao.Core.Chain;
using AidDao.Data;
using AidDao.Indexer;
using AidDao.Indexer.Rpc;

namespace AidDao.Cli.Bench;

/// <summary>
/// Indexer ingest on a seeded local chain: (a) a bare loop of <c>eth_getLogs</c> + decode with the generated DTOs over the
/// seeded range, (b) the indexer from zero into a fresh SQLite file and (c), when given a PostgreSQL server, into a fresh
/// PostgreSQL database, with the same fixed batch size and the same contracts, alternating runs so all see the same
/// machine; median of the runs.
/// </summary>
internal static class IndexBenchmark
{
    /// <summary>The batch sizes measured.</summary>
    public static IReadOnlyList<int> BatchSizes { get; } = [100, 500, 2_000];

    /// <summary>
    /// Measures every batch size <paramref name="runs"/> times on <paramref name="chain"/>; with
    /// <paramref name="postgresServer"/> (an admin connection string: a database is created and dropped per run) also into
    /// PostgreSQL.
    /// </summary>
    public static async Task<IReadOnlyList<IndexBenchRow>> RunAsync(Devnet devnet, SeededChain chain, int runs, IReadOnlyList<int> batchSizes, string? postgresServer,
        IProgress<string>? progress, CancellationToken ct)
    {
        var rows = new List<IndexBenchRow>();
        foreach (var batch in batchSizes)
        {
            var raw = new List<(double Seconds, long Events)>();
            var indexed = new List<(double Seconds, long Events, IndexerStats Stats)>();
            var postgres = new List<(double Seconds, long Events, IndexerStats Stats)>();
            for (var run = 0; run < runs; run++)
            {
                raw.Add(await RawAsync(devnet, chain, batch, ct).ConfigureAwait(false));
                indexed.Add(await IndexerAsync(devnet, chain, batch, postgresServer: null, ct).ConfigureAwait(false));
                if (postgresServer is not null) postgres.Add(await IndexerAsync(devnet, chain, batch, postgresServer, ct).ConfigureAwait(false));
                progress?.Report($"batch {batch}, run {run + 1}/{runs}: raw {raw[^1].Events / raw[^1].Seconds:N0} events/s, SQLite {indexed[^1].Events / indexed[^1].Seconds:N0} events/s"
                    + (postgres.Count > 0 ? $", PostgreSQL {postgres[^1].Events / postgres[^1].Seconds:N0} events/s" : ""));
            }
            var rawMedian = raw.OrderBy(r => r.Seconds).ElementAt(runs / 2);
            var indexMedian = indexed.OrderBy(r => r.Seconds).ElementAt(runs / 2);
            if (rawMedian.Events != indexMedian.Events || rawMedian.Events != chain.Events)
                throw new InvalidOperationException($"The raw loop saw {rawMedian.Events} events and the indexer {indexMedian.Events}; the chain has {chain.Events}.");
            if (postgres.Count == 0)
            {
                rows.Add(new IndexBenchRow(batch, rawMedian.Events, rawMedian.Seconds, indexMedian.Seconds, indexMedian.Stats));
                continue;
            }
            var postgresMedian = postgres.OrderBy(r => r.Seconds).ElementAt(runs / 2);
            if (postgresMedian.Events != chain.Events)
                throw new InvalidOperationException($"The indexer wrote {postgresMedian.Events} events into PostgreSQL; the chain has {chain.Events}.");
            rows.Add(new IndexBenchRow(batch, rawMedian.Events, rawMedian.Seconds, indexMedian.Seconds, indexMedian.Stats, postgresMedian.Seconds, postgresMedian.Stats));
        }
        return rows;
    }

    /// <summary>(a): fetch and decode every log of the seeded contracts, nothing else.</summary>
    private static async Task<(double Seconds, long Events)> RawAsync(Devnet devnet, SeededChain chain, int batch, CancellationToken ct)
    {
        using var rpc = new EthLogClient(devnet.RpcUrl, TimeSpan.FromSeconds(60));
        var addresses = Addresses(chain);
        var catalog = EventCatalog.AidDao;
        var clock = Stopwatch.StartNew();
        long events = 0;
        for (var from = chain.FirstBlock; from <= chain.LastBlock; from += batch)
        {
            var logs = await rpc.GetLogsAsync(from, Math.Min(chain.LastBlock, from + batch - 1), addresses, ct).ConfigureAwait(false);
            foreach (var log in logs)
            {
                if (catalog.Find(log) is not { } definition) continue;
                _ = definition.Decode(log);
                events++;
            }
        }
        return (clock.Elapsed.TotalSeconds, events);
    }

    /// <summary>(b), (c): the indexer from zero into a fresh SQLite file or PostgreSQL database, to the seeded chain's last block.</summary>
    private static async Task<(double Seconds, long Events, IndexerStats Stats)> IndexerAsync(Devnet devnet, SeededChain chain, int batch, string? postgresServer, CancellationToken ct)
    {
        var folder = Directory.CreateTempSubdirectory("aiddao-bench-index-").FullName;
        var postgresDatabase = postgresServer is null ? null : "aiddao_bench_" + Guid.NewGuid().ToString("N");
        try
        {
            if (postgresDatabase is not null) await PostgresAdminAsync(postgresServer!, $"CREATE DATABASE {postgresDatabase}", ct).ConfigureAwait(false);
            var database = IndexDatabase.FromSetting(postgresDatabase is null
                ? Path.Combine(folder, "index.db")
                : new Npgsql.NpgsqlConnectionStringBuilder(postgresServer) { Database = postgresDatabase }.ConnectionString);
            await SchemaMigrations.ApplyAsync(database, ct).ConfigureAwait(false);
            var target = new IndexTarget(devnet.ChainId, devnet.RpcUrl, chain.Deployment.CommunityFactory, chain.Deployment.RoundFactory, [chain.Community], chain.FirstBlock);
            var options = new IndexerOptions { InitialSpan = batch, MaxSpan = batch, RpcTimeout = TimeSpan.FromSeconds(60) };
            using var indexer = new ChainIndexer(target, new IndexStore(database), options);
            var clock = Stopwatch.StartNew();
            var steps = new List<IndexStep>();
            await indexer.RunAsync(untilCaughtUp: true, new StepLog(steps), ct).ConfigureAwait(false);
            var seconds = clock.Elapsed.TotalSeconds;
            var stored = (await new SqlReadModel(database).GetCursorAsync(devnet.ChainId, ct).ConfigureAwait(false))?.Events ?? 0;
            if (stored != indexer.Stats.Events)
                throw new InvalidOperationException($"The indexer reported {indexer.Stats.Events} events but its database holds {stored} ({indexer.Stats.Failures} failures, last: {indexer.Stats.LastFailure}) steps {string.Join(",", steps.Select(x => $"{x.Kind}:{x.FromBlock}-{x.Cursor}:{x.Events}"))}.");
            return (seconds, stored, indexer.Stats);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
            if (postgresDatabase is not null)
            {
                Npgsql.NpgsqlConnection.ClearAllPools();
                await PostgresAdminAsync(postgresServer!, $"DROP DATABASE IF EXISTS {postgresDatabase} WITH (FORCE)", CancellationToken.None).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Runs one statement on the PostgreSQL server of the admin connection string <paramref name="server"/>.</summary>
    internal static async Task PostgresAdminAsync(string server, string sql, CancellationToken ct)
    {
        await using var connection = new Npgsql.NpgsqlConnection(server);
        await connection.OpenAsync(ct).ConfigureAwait(false);
        await using var command = new Npgsql.NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    private static string[] Addresses(SeededChain chain) =>
        chain.Contracts.Select(c => c.Value.ToLowerInvariant())
            .Append(chain.Deployment.CommunityFactory.Value.ToLowerInvariant())
            .Append(chain.Deployment.RoundFactory.Value.ToLowerInvariant())
            .Distinct(StringComparer.Ordinal).ToArray();

    private sealed class StepLog(List<IndexStep> steps) : IProgress<IndexStep>
    {
        public void Report(IndexStep value) => steps.Add(value);
    }
}
