using System.Diagnostics;
using System.Globalization;
using AidDao.Core.Chain;
using AidDao.Core.Demo;
using AidDao.Dashboard;
using AidDao.Data;
using AidDao.Indexer;
using Microsoft.Extensions.DependencyInjection;

namespace AidDao.Cli.Bench;

/// <summary>
/// Live updates at scale: the demo community with its open round on a fresh local chain, followed by the indexer (a
/// Hangfire job in the dashboard's host) into a temporary SQLite index. Each phase connects its clients, then sends paced
/// contributions until the indexer has committed the phase's number of steps, and counts who received which update and
/// when. Phases alternate: SignalR clients of the dashboard's hub, then raw WebSocket clients of a bare endpoint that
/// broadcasts the same updates (hooked to the dashboard's publisher), never both at once. With Redis, a third kind of
/// phase connects its SignalR clients to a second dashboard instance that has no indexer: every update reaches them
/// from a publishing instance through the Redis backplane, as on a site of several instances. A small unmeasured phase
/// of each goes first.
/// </summary>
internal static class DashboardBenchmark
{
    /// <summary>Clients of the unmeasured warm-up phase (fewer when the run has fewer).</summary>
    public const int WarmUpClients = 50;

    /// <summary>Updates of the warm-up phase (fewer when the run has fewer).</summary>
    public const int WarmUpUpdates = 5;

    private static readonly TimeSpan IndexerPoll = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(1);

    /// <summary>SignalR clients of the indexing instance, no backplane.</summary>
    public const string SignalR = "SignalR";

    /// <summary>SignalR clients of another instance, fed through the Redis backplane.</summary>
    public const string Backplane = "SignalR via Redis backplane";

    /// <summary>Raw WebSocket clients of a bare endpoint.</summary>
    public const string Raw = "raw WebSocket";

    /// <summary>The transports, in the order each run measures them.</summary>
    public static IReadOnlyList<string> Transports(bool backplane) => backplane ? [SignalR, Backplane, Raw] : [SignalR, Raw];

    /// <summary>
    /// Runs every phase on <paramref name="devnet"/> (a fresh Anvil), with the backplane phases when given
    /// <paramref name="redis"/>; returns them in order, with the mean update size in bytes.
    /// </summary>
    public static async Task<(IReadOnlyList<DashboardBenchRow> Phases, double MeanMessageBytes)> RunAsync(Devnet devnet, DashboardBenchShape shape, string? redis,
        IProgress<string> progress, CancellationToken ct)
    {
        progress.Report("Creating the demo community, its pool and its open round...");
        var demo = await DemoCommunity.CreateAsync(devnet, ct).ConfigureAwait(false);
        var pool = await DemoPool.CreateAsync(devnet, demo, ct).ConfigureAwait(false);
        var round = await DemoOpenRound.CreateAsync(devnet, demo, pool, ct).ConfigureAwait(false);
        var load = await DashboardContributionLoad.CreateAsync(devnet, round, ct).ConfigureAwait(false);

        var folder = Directory.CreateTempSubdirectory("aiddao-bench-dashboard-").FullName;
        try
        {
            var database = IndexDatabase.FromSetting(Path.Combine(folder, "index.db"));
            await SchemaMigrations.ApplyAsync(database, ct).ConfigureAwait(false);
            var changes = new IndexChangeBroadcaster();
            var stamps = new DashboardCommitStamps(changes);
            var registry = new IndexerRegistry(new IndexStore(database), new IndexerOptions { PollInterval = IndexerPoll }, stamps);
            registry.Add(new IndexTarget(devnet.ChainId, devnet.RpcUrl, demo.Deployment.CommunityFactory, demo.Deployment.RoundFactory, [demo.Community.Address], 1));
            DashboardOptions Options(string? backplane = null, string instance = "bench") => new()
            {
                ChainId = devnet.ChainId, RpcUrl = devnet.RpcUrl, Community = demo.Community.Address, Urls = ["http://127.0.0.1:0"], Redis = backplane, InstanceName = instance,
            };
            var options = Options();
            await using var host = await DashboardHost.StartAsync(options, database, changes, registry, cancellationToken: ct).ConfigureAwait(false);
            await using var raw = await DashboardRawServer.StartAsync(ct).ConfigureAwait(false);
            host.Services.GetRequiredService<DashboardPublisher>().Sending = update =>
            {
                stamps.Sending(update);
                raw.Broadcast(update);
            };
            // With Redis: an instance that publishes the same changes through the backplane (in a real site the indexing
            // instance does; here the indexing one stays without Redis for the plain SignalR phases), and an instance with
            // no indexer and no changes of its own, whose clients get every update from Redis. Both run through every
            // phase, so every phase pays for them alike.
            await using var publisher = redis is null ? null : await DashboardHost.StartAsync(
                Options(redis, "bench-publisher"), database, changes, cancellationToken: ct).ConfigureAwait(false);
            await using var listener = redis is null ? null : await DashboardHost.StartAsync(
                Options(redis, "bench-listener"), database, new IndexChangeBroadcaster(), cancellationToken: ct).ConfigureAwait(false);
            await WaitForIndexAsync(devnet, database, ct).ConfigureAwait(false);
            progress.Report($"Dashboard at {host.Url}, raw endpoint at {raw.Url}{(listener is null ? "" : $", backplane listener at {listener.Url}")}; measuring {shape.Runs} run(s) of {shape.Clients:N0} clients × {shape.Updates:N0} updates at {shape.Rate:0.#}/s...");

            var hub = new Uri(host.Url, DashboardHub.Path);
            Task<DashboardBenchRow> Phase(string transport, DashboardBenchShape phaseShape)
            {
                var receipts = new DashboardReceipts(stamps);
                Func<int, Task<IAsyncDisposable>> connect = transport switch
                {
                    SignalR => async id => await DashboardSignalRClient.ConnectAsync(hub, id, receipts, ct).ConfigureAwait(false),
                    Backplane => async id => await DashboardSignalRClient.ConnectAsync(new Uri(listener!.Url, DashboardHub.Path), id, receipts, ct).ConfigureAwait(false),
                    _ => async id => await DashboardRawClient.ConnectAsync(raw.Url, id, receipts, ct).ConfigureAwait(false),
                };
                return PhaseAsync(transport, phaseShape, connect, stamps, receipts, load, ct);
            }

            // No transport pays for the first calls (JIT, connection pools) in a measured phase.
            var transports = Transports(redis is not null);
            var warmUp = shape with { Clients = Math.Min(shape.Clients, WarmUpClients), Updates = Math.Min(shape.Updates, WarmUpUpdates) };
            foreach (var transport in transports) await Phase(transport, warmUp).ConfigureAwait(false);

            var rows = new List<DashboardBenchRow>();
            for (var run = 1; run <= shape.Runs; run++)
            {
                foreach (var transport in transports)
                {
                    var row = await Phase(transport, shape).ConfigureAwait(false);
                    rows.Add(row);
                    progress.Report(string.Create(CultureInfo.InvariantCulture,
                        $"run {run}/{shape.Runs}, {transport}: {row.Delivered:N0}/{row.Expected:N0} delivered, p50 {row.P50:0} ms, p99 {row.P99:0} ms, max {row.Max:0} ms (connect {row.ConnectSeconds:0.0} s)"));
                }
            }
            return (rows, raw.MeanMessageBytes);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // Best effort: the folder is under the temporary directory.
            }
        }
    }

    private static async Task<DashboardBenchRow> PhaseAsync(string transport, DashboardBenchShape shape, Func<int, Task<IAsyncDisposable>> connect,
        DashboardCommitStamps stamps, DashboardReceipts receipts, DashboardContributionLoad load, CancellationToken ct)
    {
        var clients = new List<IAsyncDisposable>(shape.Clients);
        try
        {
            var clock = Stopwatch.StartNew();
            for (var start = 0; start < shape.Clients; start += DashboardBenchShape.ConnectBatch)
            {
                var batch = Enumerable.Range(start, Math.Min(DashboardBenchShape.ConnectBatch, shape.Clients - start)).Select(connect).ToList();
                try
                {
                    await Task.WhenAll(batch).ConfigureAwait(false);
                }
                finally
                {
                    clients.AddRange(batch.Where(t => t.IsCompletedSuccessfully).Select(t => t.Result));
                }
            }
            var connected = clock.Elapsed;
            await Task.Delay(Settle, ct).ConfigureAwait(false);

            stamps.Start(shape.Updates);
            var limit = TimeSpan.FromSeconds(shape.Updates / shape.Rate * 3 + 60);
            await load.RunAsync(shape.Rate, () => stamps.Full, limit, ct).ConfigureAwait(false);
            var expected = (long)shape.Clients * shape.Updates;
            var grace = Stopwatch.StartNew();
            while (receipts.Stamped < expected && grace.Elapsed < DashboardBenchShape.Grace)
                await Task.Delay(50, ct).ConfigureAwait(false);
            return receipts.Summarize(transport, shape.Clients, connected);
        }
        catch (Exception e) when (clients.Count < shape.Clients && e is not OperationCanceledException)
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                $"Only {clients.Count:N0} of {shape.Clients:N0} {transport} clients could connect ({e.Message}). Try fewer --clients, or raise the open-file limit (ulimit -n)."), e);
        }
        finally
        {
            for (var start = 0; start < clients.Count; start += DashboardBenchShape.ConnectBatch)
                await Task.WhenAll(clients.Skip(start).Take(DashboardBenchShape.ConnectBatch).Select(c => c.DisposeAsync().AsTask())).ConfigureAwait(false);
        }
    }

    private static async Task WaitForIndexAsync(Devnet devnet, IndexDatabase database, CancellationToken ct)
    {
        var head = await new Nethereum.Web3.Web3(devnet.RpcUrl.ToString()).Eth.Blocks.GetBlockNumber.SendRequestAsync().ConfigureAwait(false);
        var readModel = new SqlReadModel(database);
        using var patience = CancellationTokenSource.CreateLinkedTokenSource(ct);
        patience.CancelAfter(TimeSpan.FromMinutes(2));
        while ((await readModel.GetCursorAsync(devnet.ChainId, patience.Token).ConfigureAwait(false))?.BlockNumber is not { } block || block < (long)head.Value)
            await Task.Delay(100, patience.Token).ConfigureAwait(false);
    }
}
