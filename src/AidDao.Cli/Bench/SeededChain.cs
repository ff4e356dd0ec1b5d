using AidDao.Core;
using AidDao.Core.Communities;

namespace AidDao.Cli.Bench;

/// <summary>What <see cref="IndexBenchSeeder.SeedAsync"/> left on the chain, for an indexer to follow.</summary>
/// <param name="Deployment">AidDao's factories and implementations, deployed in <paramref name="FirstBlock"/> and after.</param>
/// <param name="Community">The community.</param>
/// <param name="Token">The community's contribution token.</param>
/// <param name="Pool">The community's emergency pool.</param>
/// <param name="Rounds">
/// The funding rounds, in creation order: a quadratic-funding round finalised and paid out halfway, a quadratic-funding
/// round and a quadratic-voting round finalised at the end.
/// </param>
/// <param name="Contracts">
/// Every AidDao contract that emits the counted events: the two factories, the community, its token, its pool and the
/// rounds (not the implementations, which emit nothing after deployment). This is the address filter for <c>eth_getLogs</c>.
/// </param>
/// <param name="FirstBlock">The block of the first deployment transaction.</param>
/// <param name="LastBlock">The last block the seeder mined.</param>
/// <param name="Events">The exact number of logs <paramref name="Contracts"/> emitted in [<paramref name="FirstBlock"/>, <paramref name="LastBlock"/>].</param>
/// <param name="EventsByContract">The same count per contract.</param>
/// <param name="Transactions">How many transactions the seeder sent.</param>
/// <param name="Seconds">Wall-clock seconds the seeding took, counting included.</param>
internal sealed record SeededChain(
    AidDaoDeployment Deployment,
    EthAddress Community,
    EthAddress Token,
    EthAddress Pool,
    IReadOnlyList<EthAddress> Rounds,
    IReadOnlyList<EthAddress> Contracts,
    long FirstBlock,
    long LastBlock,
    long Events,
    IReadOnlyDictionary<EthAddress, long> EventsByContract,
    int Transactions,
    double Seconds)
{
    /// <summary>How many blocks the seeded range holds.</summary>
    public long Blocks => LastBlock - FirstBlock + 1;
}
