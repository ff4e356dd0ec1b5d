using AidDao.Indexer.Tests.Support;
using AidDao.TestUtils;
using Xunit;

namespace AidDao.Indexer.Tests;

/// <summary>
/// Runs <see cref="EveryEventScenario"/> once for a test class and indexes it into <see cref="Index"/> with the default
/// options. The scenario runs inside a chain snapshot that is reverted when the class is done, so later classes see the
/// chain (and its clock) as it was; each test's own <see cref="ChainTest"/> snapshot is taken after the scenario.
/// </summary>
public sealed class EveryEventFixture(ChainFixture chain) : IAsyncLifetime
{
    private static readonly TimeSpan RevertTimeLimit = TimeSpan.FromSeconds(30);

    private string? _snapshotId;
    private EveryEventScenario? _scenario;
    private TempIndex? _index;
    private IndexTarget? _target;

    /// <summary>The scenario as built.</summary>
    public EveryEventScenario Scenario => _scenario ?? throw NotReady();

    /// <summary>The index of the scenario's community, from block 1 to the head after the scenario.</summary>
    public TempIndex Index => _index ?? throw NotReady();

    /// <summary>What <see cref="Index"/> follows.</summary>
    public IndexTarget Target => _target ?? throw NotReady();

    public async ValueTask InitializeAsync()
    {
        var ct = TestContext.Current.CancellationToken;
        _snapshotId = await chain.Devnet.SnapshotAsync(ct);
        try
        {
            _scenario = await EveryEventScenario.BuildAsync(chain.Devnet, ct);
            _target = IndexRun.Target(chain.Devnet, _scenario.Deployment, _scenario.Community);
            _index = await TempIndex.CreateAsync(ct);
            await IndexRun.ToHeadAsync(_target, _index.Store, ct);
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        _index?.Dispose();
        _index = null;
        if (Interlocked.Exchange(ref _snapshotId, null) is { } snapshotId)
        {
            using var timeLimit = new CancellationTokenSource(RevertTimeLimit);
            await chain.Devnet.RevertAsync(snapshotId, timeLimit.Token);
        }
    }

    private static InvalidOperationException NotReady() => new($"{nameof(EveryEventFixture)} is not initialised (or its scenario failed).");
}
