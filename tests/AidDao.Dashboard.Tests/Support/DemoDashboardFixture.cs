using AidDao.Core.Demo;
using AidDao.Dashboard;
using AidDao.Data;
using AidDao.Indexer;
using AidDao.TestUtils;
using Xunit;

namespace AidDao.Dashboard.Tests.Support;

/// <summary>
/// The demo as <c>aiddao up</c> builds it (community, pool, a finished and an open round) on its own Anvil, followed
/// by a Hangfire indexer job into a temporary SQLite index (or PostgreSQL database), with the dashboard on a free loopback port.
/// </summary>
public sealed class DemoDashboardFixture : ChainFixture
{
    private string? _folder;
    private PostgresTestDatabase? _postgres;
    private DashboardHost? _host;

    public DemoCommunity Demo { get; private set; } = null!;

    public DemoPool Pool { get; private set; } = null!;

    public DemoRound Round { get; private set; } = null!;

    public DemoOpenRound OpenRound { get; private set; } = null!;

    public IndexDatabase Database { get; private set; } = null!;

    public IndexChangeBroadcaster Changes { get; } = new();

    public DashboardHost Host => _host ?? throw new InvalidOperationException("The fixture is not initialised.");

    public Uri Url => Host.Url;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        var ct = TestContext.Current.CancellationToken;
        Demo = await DemoCommunity.CreateAsync(Devnet, ct);
        Pool = await DemoPool.CreateAsync(Devnet, Demo, ct);
        Round = await DemoRound.CreateAsync(Devnet, Demo, Pool, ct);
        OpenRound = await DemoOpenRound.CreateAsync(Devnet, Demo, Pool, ct);
        _folder = Directory.CreateTempSubdirectory("aiddao-dashboard-").FullName;
        // AIDDAO_TEST_INDEX=postgres runs the whole suite over a PostgreSQL index.
        if (TestServices.IndexOnPostgres) _postgres = await PostgresTestDatabase.CreateAsync(ct);
        Database = IndexDatabase.FromSetting(_postgres?.ConnectionString ?? Path.Combine(_folder, "index.db"));
        await SchemaMigrations.ApplyAsync(Database, ct);
        var registry = new IndexerRegistry(new IndexStore(Database), new IndexerOptions { PollInterval = TimeSpan.FromMilliseconds(100) }, Changes);
        registry.Add(new IndexTarget(Devnet.ChainId, Devnet.RpcUrl, Demo.Deployment.CommunityFactory, Demo.Deployment.RoundFactory, [Demo.Community.Address], 1));
        _host = await DashboardHost.StartAsync(new DashboardOptions
        {
            ChainId = Devnet.ChainId,
            RpcUrl = Devnet.RpcUrl,
            ChainName = "AidDao test chain",
            ExplorerTxUrl = "https://explorer.example/tx/{tx}",
            Community = Demo.Community.Address,
            Urls = ["http://127.0.0.1:0"],
            // The tests sign in many times from one address.
            SignInAttemptsPerMinute = 10_000,
        }, Database, Changes, registry, cancellationToken: ct);
        await WaitForIndexAsync(ct);
        var details = new RequestDetailsStore(Database);
        for (var i = 0; i < DemoPool.RequestDetails.Count; i++)
            await details.SaveAsync(Devnet.ChainId, Pool.Pool, i + 1, DemoPool.RequestDetails[i], ct);
        var texts = new ProjectTextStore(Database);
        foreach (var (id, name) in Round.Projects)
            await texts.SaveAsync(Devnet.ChainId, Round.Round, (long)id, name, ct);
        foreach (var (id, name) in OpenRound.Projects)
            await texts.SaveAsync(Devnet.ChainId, OpenRound.Round, (long)id, name, ct);
    }

    /// <summary>The demo community's own contracts, whose events the dashboard's feed shows (not the factories').</summary>
    public async Task<IReadOnlyCollection<AidDao.Core.EthAddress>> CommunityContractsAsync(CancellationToken ct)
    {
        var community = await new SqlReadModel(Database).GetCommunityAsync(Devnet.ChainId, Demo.Community.Address, ct)
            ?? throw new InvalidOperationException("The demo community is not indexed yet.");
        return [community.Address, community.Token!.Value, .. community.Pools, .. community.Rounds];
    }

    /// <summary>A client for the dashboard's HTTP API (no cookies kept).</summary>
    public HttpClient Http() => new() { BaseAddress = Url };

    /// <summary>Waits until the index has reached the chain's current head.</summary>
    public async Task WaitForIndexAsync(CancellationToken ct)
    {
        var hex = (await Devnet.RequestAsync("eth_blockNumber", [], ct)).GetString()!;
        var head = Convert.ToInt64(hex[2..], 16);
        var readModel = new SqlReadModel(Database);
        using var patience = CancellationTokenSource.CreateLinkedTokenSource(ct);
        patience.CancelAfter(TimeSpan.FromMinutes(2));
        while ((await readModel.GetCursorAsync(Devnet.ChainId, patience.Token))?.BlockNumber is not { } block || block < head)
            await Task.Delay(50, patience.Token);
    }

    public override async ValueTask DisposeAsync()
    {
        if (_host is not null) await _host.DisposeAsync();
        if (_postgres is not null) await _postgres.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (_folder is not null)
        {
            try
            {
                Directory.Delete(_folder, recursive: true);
            }
            catch (IOException)
            {
                // Best effort: the folder is under the temporary directory.
            }
        }
        await base.DisposeAsync();
    }
}
