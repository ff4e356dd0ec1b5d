using AidDao.Core.Chain;
using Xunit;

namespace AidDao.TestUtils;

/// <summary>
/// One <see cref="Core.Chain.Devnet"/> per test assembly. A test project opts in with
/// <c>[assembly: AssemblyFixture(typeof(ChainFixture))]</c> and
/// <c>[assembly: CollectionBehavior(DisableTestParallelization = true)]</c> (the chain is shared
/// state), and its test classes derive from <see cref="ChainTest"/>.
/// </summary>
/// <remarks>
/// Options come from <see cref="DevnetOptions.FromEnvironment()"/>: set <c>AIDDAO_RPC_URL</c> to run
/// the tests against a node that is already running, or <c>AIDDAO_ANVIL_PATH</c> to pick the
/// Anvil binary.
/// </remarks>
public class ChainFixture : IAsyncLifetime
{
    private Devnet? _devnet;

    /// <summary>The shared devnet.</summary>
    /// <exception cref="InvalidOperationException">The fixture has not been initialised (or was disposed).</exception>
    public Devnet Devnet => _devnet ?? throw new InvalidOperationException(
        $"{nameof(ChainFixture)} is not initialised: declare [assembly: AssemblyFixture(typeof({nameof(ChainFixture)}))] and take it as a constructor parameter.");

    /// <summary>Starts (or attaches to) the devnet.</summary>
    /// <returns>A task that completes when the chain answers.</returns>
    public virtual async ValueTask InitializeAsync()
    {
        _devnet = await Devnet.StartAsync(CreateOptions(), TestContext.Current.CancellationToken).ConfigureAwait(false);
    }

    /// <summary>Stops the devnet (kills Anvil).</summary>
    /// <returns>A task that completes when Anvil has exited.</returns>
    public virtual async ValueTask DisposeAsync()
    {
        Devnet? devnet = Interlocked.Exchange(ref _devnet, null);
        if (devnet is not null)
        {
            await devnet.DisposeAsync().ConfigureAwait(false);
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>The options the devnet is started with; by default <see cref="DevnetOptions.FromEnvironment()"/>.</summary>
    /// <returns>Options for <see cref="Devnet.StartAsync"/>.</returns>
    protected virtual DevnetOptions CreateOptions() => DevnetOptions.FromEnvironment();
}
