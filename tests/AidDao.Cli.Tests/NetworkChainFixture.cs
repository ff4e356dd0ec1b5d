using AidDao.Core.Chain;
using AidDao.TestUtils;

namespace AidDao.Cli.Tests;

/// <summary>
/// A second Anvil on chain <see cref="ChainId"/>, for tests of real-network behaviour: a chain that is not the local dev
/// chain, so dev accounts are refused and a network profile must name it. Always a fresh process, even when
/// AIDDAO_RPC_URL points the assembly's chain at a running node.
/// </summary>
public sealed class NetworkChainFixture : ChainFixture
{
    /// <summary>The chain id Anvil is started with.</summary>
    public const long ChainId = 4242;

    /// <inheritdoc />
    protected override DevnetOptions CreateOptions() => new() { ChainId = ChainId, AnvilPath = DevnetOptions.FromEnvironment().AnvilPath };
}
