namespace AidDao.Core.Communities;

/// <summary>The contracts <see cref="AidDaoDeployer"/> deploys, in the order it deploys them.</summary>
public enum AidDaoContract
{
    /// <summary>The Community implementation (communities are clones of it).</summary>
    CommunityImplementation,

    /// <summary>The ContributionToken implementation.</summary>
    TokenImplementation,

    /// <summary>The EmergencyPool implementation.</summary>
    PoolImplementation,

    /// <summary>The CommunityFactory, which clones the three implementations above.</summary>
    CommunityFactory,

    /// <summary>The FundingRound implementation, which names the RoundFactory allowed to set up its clones.</summary>
    RoundImplementation,

    /// <summary>The RoundFactory, which clones the FundingRound implementation for the factory's communities.</summary>
    RoundFactory,
}
