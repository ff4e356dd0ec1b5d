using System.Diagnostics;
using AidDao.Core.Chain;
using AidDao.Data;
using AidDao.Indexer;
using AidDao.Indexer.Rpc;

namespace AidDao.Cli.Bench;

/// <summary>
/// Indexer ingest on a seeded local chain: (a) a bare loop of <c>eth_getLogs</c> + decode with the generated DTOs over the
/// seeded range, and (b) the indexer from zero into a fresh SQLite file, with the same fixed batch size and the same
/// contracts, alternating runs so both see the same machine; median of the runs.
/// </summary>
internal static class IndexBenchmark
{
    /// <summary>The batch sizes measured.</summary>
    public static IReadOnlyList<int> BatchSizes { get; } = [100, 500, 2_000];

    /// <summary>Measures every batch size <paramref name="runs"/> times on <paramref name="chain"/>.</summary>
    public static async Task<IReadOnlyList<IndexBenchRow>> RunAsync(Devnet devnet, SeededChain chain, int runs, IReadOnlyList<int> batchSizes, IProgress<string>? progress, CancellationToken ct)
    {
        var rows = new List<IndexBenchRow>();
        foreach (var batch in batchSizes)
        {
            var raw = new List<(double Seconds, long Events)>();
            var indexed = new List<(double Seconds, long Events, IndexerStats Stats)>();
            for (var run = 0; run < runs; run++)
            {
                raw.Add(await RawAsync(devnet, chain, batch, ct).ConfigureAwait(false));
                indexed.Add(await IndexerAsync(devnet, chain, batch, ct).ConfigureAwait(false));
                progress?.Report($"batch {batch}, run {run + 1}/{runs}: raw {raw[^1].Events / raw[^1].Seconds:N0} events/s, indexer {indexed[^1].Events / indexed[^1].Seconds:N0} events/s");
            }
            var rawMedian = raw.OrderBy(r => r.Seconds).ElementAt(runs / 2);
            var indexMedian = indexed.OrderBy(r => r.Seconds).ElementAt(runs / 2);
            if (rawMedian.Events != indexMedian.Events || rawMedian.Events != chain.Events)
                throw new InvalidOperationException($"The raw loop saw {rawMedian.Events} events and the indexer {indexMedian.Events}; the chain has {chain.Events}.");
            rows.Add(new IndexBenchRow(batch, rawMedian.Events, rawMedian.Seconds, indexMedian.Seconds, indexMedian.Stats));
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

    /// <summary>(b): the indexer from zero into a fresh SQLite file, to the seeded chain's last block.</summary>
    private static async Task<(double Seconds, long Events, IndexerStats Stats)> IndexerAsync(Devnet devnet, SeededChain chain, int batch, CancellationToken ct)
    {
        var folder = Directory.CreateTempSubdirectory("aiddao-bench-index-").FullName;
        try
        {
            var database = IndexDatabase.FromSetting(Path.Combine(folder, "index.db"));
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
        }
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
