using System.Diagnostics;
using System.Globalization;
using System.Numerics;
using System.Threading.Channels;
using AidDao.Core.Demo;
using AidDao.Core.Pools;
using AidDao.Dashboard.Views;
using AidDao.Data;
using AidDao.Indexer;
using AidDao.TestUtils;
using Microsoft.AspNetCore.SignalR.Client;
using Xunit;

namespace AidDao.Cli.Tests;

/// <summary>
/// Several <c>aiddao serve</c> processes for one community against one PostgreSQL and one Redis: one indexer job active,
/// every page served by either instance gets every update, and when the indexer's process dies another takes over.
/// </summary>
public sealed class ServeInstancesTests(ChainFixture fixture) : ChainTest(fixture)
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task TwoInstances_IndexerProcessKilled_OtherTakesOverAndEveryDonationReachesBoth()
    {
        var community = await DemoCommunity.CreateAsync(Devnet, Ct);
        var pool = await DemoPool.CreateAsync(Devnet, community, Ct);
        await using var database = await PostgresTestDatabase.CreateAsync(Ct);
        string[] args =
        [
            "--rpc", Devnet.RpcUrl.ToString(), "--community", community.Community.Address.Value, "--db", database.ConnectionString,
            "--redis", TestServices.Redis, "--dashboard-url", "http://127.0.0.1:0", "--indexer-watchdog", "5s",
        ];
        using var first = await ServeProcess.StartAsync(args, Patience, Ct);
        using var second = await ServeProcess.StartAsync(args, Patience, Ct);
        var store = new IndexStore(IndexDatabase.FromSetting(database.ConnectionString));
        var holderId = await LeaseHolderAsync(store, pid => pid == first.Id || pid == second.Id);
        var (holder, other) = holderId == first.Id ? (first, second) : (second, first);

        await using var onHolder = await UpdateStream.ConnectAsync(holder.Url, Ct);
        await using var onOther = await UpdateStream.ConnectAsync(other.Url, Ct);
        var before = await DepositAsync(pool, 1);
        await onHolder.WaitForDepositAsync(before, Ct);
        await onOther.WaitForDepositAsync(before, Ct);

        // The server holding the indexer dies; donations go on meanwhile.
        await holder.KillAsync(Ct);
        var clock = Stopwatch.StartNew();
        var during = new List<string>();
        for (var i = 2; i <= 4; i++) during.Add(await DepositAsync(pool, i));

        Assert.Equal(other.Id, await LeaseHolderAsync(store, pid => pid == other.Id));
        foreach (var tx in during) await onOther.WaitForDepositAsync(tx, Ct);
        TestContext.Current.SendDiagnosticMessage(string.Create(CultureInfo.InvariantCulture, $"the second instance delivered the donations {clock.Elapsed.TotalSeconds:0.0} s after the first was killed"));

        // Its index equals a fresh one of the same chain: nothing lost, nothing twice.
        var head = (long)(await Web3For(0).Eth.Blocks.GetBlockNumber.SendRequestAsync()).Value;
        using (var patience = CancellationTokenSource.CreateLinkedTokenSource(Ct))
        {
            patience.CancelAfter(Patience);
            while ((await store.GetCursorAsync(Devnet.ChainId, patience.Token))?.Number < head) await Task.Delay(100, patience.Token);
        }
        var target = new IndexTarget(Devnet.ChainId, Devnet.RpcUrl, community.Deployment.CommunityFactory, community.Deployment.RoundFactory, [community.Community.Address], 1);
        await using var fresh = await PostgresTestDatabase.CreateAsync(Ct);
        var freshDatabase = IndexDatabase.FromSetting(fresh.ConnectionString);
        await SchemaMigrations.ApplyAsync(freshDatabase, Ct);
        using (var indexer = new ChainIndexer(target, new IndexStore(freshDatabase), new IndexerOptions()))
            await indexer.RunAsync(untilCaughtUp: true, progress: null, Ct);
        var served = await IndexSnapshot.TakeAsync(IndexDatabase.FromSetting(database.ConnectionString), Devnet.ChainId, Ct);
        var expected = await IndexSnapshot.TakeAsync(freshDatabase, Devnet.ChainId, Ct);
        Assert.Equal(expected.Count(l => l.StartsWith("events: ", StringComparison.Ordinal) && l.Contains("name=Deposited", StringComparison.Ordinal)),
            served.Count(l => l.StartsWith("events: ", StringComparison.Ordinal) && l.Contains("name=Deposited", StringComparison.Ordinal)));
        Assert.Equal(expected, served);

        await other.InterruptAsync(Ct);
        await other.WaitForExitAsync(Patience, Ct);
        Assert.Equal(0, other.ExitCode);
    }

    private async Task<string> DepositAsync(DemoPool pool, int i)
    {
        var donor = await EmergencyPoolService.ConnectAsync(Web3For(6 + (i % 4)), pool.Pool, Ct);
        var receipt = await donor.DepositAsync(PoolAsset.Eth, BigInteger.Pow(10, 15) * i, Ct);
        return receipt.Transaction.TransactionHash;
    }

    /// <summary>The process id in the chain's lease once a process that <paramref name="expected"/> accepts holds it.</summary>
    private async Task<int> LeaseHolderAsync(IndexStore store, Func<int, bool> expected)
    {
        using var patience = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        patience.CancelAfter(Patience);
        while (true)
        {
            if (await store.GetLeaseAsync(Devnet.ChainId, patience.Token) is { } lease
                && lease.ExpiresAt > DateTimeOffset.UtcNow
                && int.TryParse(lease.Owner.Split('/')[1], CultureInfo.InvariantCulture, out var pid) && expected(pid))
                return pid;
            await Task.Delay(100, patience.Token);
        }
    }

    /// <summary>A SignalR client of one dashboard, keeping every update it receives.</summary>
    private sealed class UpdateStream : IAsyncDisposable
    {
        private readonly HubConnection _connection;
        private readonly Channel<DashboardUpdate> _updates = Channel.CreateUnbounded<DashboardUpdate>();
        private readonly HashSet<string> _seen = new(StringComparer.Ordinal);

        private UpdateStream(HubConnection connection) => _connection = connection;

        public static async Task<UpdateStream> ConnectAsync(Uri dashboard, CancellationToken ct)
        {
            var stream = new UpdateStream(new HubConnectionBuilder().WithUrl(new Uri(dashboard, "hubs/dashboard")).Build());
            stream._connection.On<DashboardUpdate>("Update", update => stream._updates.Writer.TryWrite(update));
            await stream._connection.StartAsync(ct);
            return stream;
        }

        /// <summary>Waits for a pushed update that carries the deposit made in transaction <paramref name="tx"/>.</summary>
        public async Task WaitForDepositAsync(string tx, CancellationToken ct)
        {
            using var patience = CancellationTokenSource.CreateLinkedTokenSource(ct);
            patience.CancelAfter(Patience);
            while (!_seen.Contains(tx))
            {
                var update = await _updates.Reader.ReadAsync(patience.Token);
                foreach (var e in update.Events.Where(e => e.Name == "Deposited")) _seen.Add(e.Tx);
            }
        }

        public ValueTask DisposeAsync() => _connection.DisposeAsync();
    }
}
