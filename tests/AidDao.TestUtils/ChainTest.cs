using AidDao.Core.Chain;
using Xunit;

namespace AidDao.TestUtils;

/// <summary>
/// Base class for tests that run against the assembly's shared <see cref="ChainFixture"/> chain.
/// Each test starts from the same chain state: <see cref="InitializeAsync"/> takes a snapshot and
/// <see cref="DisposeAsync"/> reverts to it (balances, contracts, block number and block time).
/// </summary>
/// <remarks>
/// Overrides of <see cref="InitializeAsync"/> should call the base first, so whatever they deploy
/// is inside the snapshot and undone after the test.
/// </remarks>
public abstract class ChainTest : IAsyncLifetime
{
    private static readonly TimeSpan RevertTimeLimit = TimeSpan.FromSeconds(30);

    private string? _snapshotId;

    /// <summary>Takes the assembly's chain fixture (xunit injects it).</summary>
    /// <param name="fixture">The assembly fixture.</param>
    protected ChainTest(ChainFixture fixture)
    {
        ArgumentNullException.ThrowIfNull(fixture);
        Fixture = fixture;
    }

    /// <summary>The assembly's chain fixture.</summary>
    protected ChainFixture Fixture { get; }

    /// <summary>The shared devnet.</summary>
    protected Devnet Devnet => Fixture.Devnet;

    /// <summary>The funded dev accounts of <see cref="Devnet"/>.</summary>
    protected IReadOnlyList<DevAccount> Accounts => Devnet.Accounts;

    /// <summary>The current test's cancellation token (cancelled on timeout or when the run is aborted).</summary>
    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A Nethereum client that signs as dev account <paramref name="accountIndex"/>.</summary>
    /// <param name="accountIndex">0 to 9.</param>
    /// <returns>A new <see cref="Nethereum.Web3.Web3"/> for <see cref="Devnet"/>.</returns>
    protected Nethereum.Web3.Web3 Web3For(int accountIndex)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(accountIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(accountIndex, Accounts.Count);
        return Devnet.CreateWeb3(Accounts[accountIndex]);
    }

    /// <summary>Snapshots the chain before the test.</summary>
    /// <returns>A task that completes when the snapshot is taken.</returns>
    public virtual async ValueTask InitializeAsync()
    {
        _snapshotId = await Devnet.SnapshotAsync(Ct).ConfigureAwait(false);
    }

    /// <summary>Reverts the chain to the snapshot taken before the test.</summary>
    /// <returns>A task that completes when the chain is reverted.</returns>
    public virtual async ValueTask DisposeAsync()
    {
        string? snapshotId = Interlocked.Exchange(ref _snapshotId, null);
        if (snapshotId is not null)
        {
            // Not the test's token: a cancelled or timed-out test must still leave a clean chain.
            using var timeLimit = new CancellationTokenSource(RevertTimeLimit);
            await Devnet.RevertAsync(snapshotId, timeLimit.Token).ConfigureAwait(false);
        }

        GC.SuppressFinalize(this);
    }
}
