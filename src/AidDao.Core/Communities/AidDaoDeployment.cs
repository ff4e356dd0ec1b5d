using AidDao.Core.Transactions;

namespace AidDao.Core.Communities;

/// <summary>The AidDao contracts deployed on a chain: the factory and the implementations its clones use.</summary>
/// <param name="ChainId">The chain.</param>
/// <param name="CommunityFactory">The factory that creates communities.</param>
/// <param name="CommunityImplementation">The Community implementation (clone target).</param>
/// <param name="TokenImplementation">The ContributionToken implementation (clone target).</param>
/// <param name="PoolImplementation">The EmergencyPool implementation (clone target).</param>
/// <param name="RoundFactory">The factory that creates funding rounds for the community factory's communities.</param>
/// <param name="RoundImplementation">The FundingRound implementation (clone target).</param>
/// <param name="Transactions">
/// The six deployment transactions: community, token, pool implementations, the community factory, the round
/// implementation, then the round factory.
/// </param>
public sealed record AidDaoDeployment(
    long ChainId,
    EthAddress CommunityFactory,
    EthAddress CommunityImplementation,
    EthAddress TokenImplementation,
    EthAddress PoolImplementation,
    EthAddress RoundFactory,
    EthAddress RoundImplementation,
    IReadOnlyList<TransactionOutcome> Transactions);
