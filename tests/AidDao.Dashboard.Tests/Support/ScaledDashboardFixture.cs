using AidDao.Dashboard;
using AidDao.Data;
using AidDao.Indexer;
using AidDao.TestUtils;
using Xunit;

namespace AidDao.Dashboard.Tests.Support;

/// <summary>
/// Two dashboard instances of the demo community behind one public address, as `aiddao serve` runs them side by side:
/// one PostgreSQL index (a fresh database) and one Redis backplane. Instance A runs the indexer job; instance B only
/// serves, so its pages get pushes only through Redis.
/// </summary>
public sealed class ScaledDashboardFixture(DemoDashboardFixture demo) : IAsyncLifetime
{
    /// <summary>The address both instances say they are (sign-in messages name it).</summary>
    public static readonly Uri PublicUrl = new("http://aid.test/");

    private PostgresTestDatabase? _postgres;

    public DemoDashboardFixture Demo => demo;

    public IndexDatabase Database { get; private set; } = null!;

    /// <summary>The instance that runs the indexer.</summary>
    public DashboardHost A { get; private set; } = null!;

    /// <summary>The instance that only serves.</summary>
    public DashboardHost B { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        var ct = TestContext.Current.CancellationToken;
        var redis = TestServices.Redis;
        _postgres = await PostgresTestDatabase.CreateAsync(ct);
        Database = IndexDatabase.FromSetting(_postgres.ConnectionString);
        await SchemaMigrations.ApplyAsync(Database, ct);
        var changes = new IndexChangeBroadcaster();
        var registry = new IndexerRegistry(new IndexStore(Database), new IndexerOptions { PollInterval = TimeSpan.FromMilliseconds(100) }, changes);
        registry.Add(new IndexTarget(demo.Devnet.ChainId, demo.Devnet.RpcUrl, demo.Demo.Deployment.CommunityFactory, demo.Demo.Deployment.RoundFactory, [demo.Demo.Community.Address], 1));
        A = await DashboardHost.StartAsync(Options("a", redis), Database, changes, registry, cancellationToken: ct);
        B = await DashboardHost.StartAsync(Options("b", redis), Database, new IndexChangeBroadcaster(), cancellationToken: ct);
        await WaitForIndexAsync(ct);
    }

    /// <summary>Options of one instance of the demo community's dashboard (or of <paramref name="community"/>'s).</summary>
    public DashboardOptions Options(string instance, string? redis, AidDao.Core.EthAddress? community = null) => new()
    {
        ChainId = demo.Devnet.ChainId,
        RpcUrl = demo.Devnet.RpcUrl,
        ChainName = "AidDao test chain",
        Community = community ?? demo.Demo.Community.Address,
        Urls = ["http://127.0.0.1:0"],
        PublicUrl = PublicUrl,
        SignInAttemptsPerMinute = 10_000,
        Redis = redis,
        InstanceName = instance,
    };

    /// <summary>Waits until the PostgreSQL index has reached the chain's current head.</summary>
    public async Task WaitForIndexAsync(CancellationToken ct)
    {
        var head = await HeadAsync(ct);
        var store = new IndexStore(Database);
        using var patience = CancellationTokenSource.CreateLinkedTokenSource(ct);
        patience.CancelAfter(TimeSpan.FromMinutes(2));
        while ((await store.GetCursorAsync(demo.Devnet.ChainId, patience.Token))?.Number is not { } block || block < head)
            await Task.Delay(50, patience.Token);
    }

    /// <summary>The chain's newest block.</summary>
    public async Task<long> HeadAsync(CancellationToken ct)
    {
        var hex = (await demo.Devnet.RequestAsync("eth_blockNumber", [], ct)).GetString()!;
        return Convert.ToInt64(hex[2..], 16);
    }

    public async ValueTask DisposeAsync()
    {
        if (B is not null) await B.DisposeAsync();
        if (A is not null) await A.DisposeAsync();
        if (_postgres is not null) await _postgres.DisposeAsync();
    }
}
