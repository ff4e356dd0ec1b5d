namespace AidDao.Core.Communities;

/// <summary>
/// A planned deployment stopped part-way (<see cref="AidDaoDeployer.DeployAsync(Nethereum.Web3.IWeb3, AidDaoDeploymentPlan, IProgress{DeploymentStep}?, TimeSpan?, CancellationToken)"/>):
/// a transaction was refused, reverted, not mined in time, or the deployment was stopped. <see cref="Mined"/> holds the
/// contracts that were mined before (possibly none), so they can be shown and recorded as an incomplete deployment
/// (<see cref="DeploymentRecord.Incomplete"/>). The message says which transaction stopped it and what to do.
/// </summary>
public sealed class DeploymentIncompleteException : AidDaoException
{
    /// <summary>Creates the exception for a deployment on <paramref name="chainId"/> by <paramref name="deployer"/> that stopped at <paramref name="stoppedAt"/>.</summary>
    /// <param name="message">What stopped it and what to do.</param>
    /// <param name="chainId">The chain.</param>
    /// <param name="deployer">The deploying account.</param>
    /// <param name="stoppedAt">The contract whose transaction failed or is pending.</param>
    /// <param name="mined">The contracts mined before it, in deployment order.</param>
    /// <param name="pendingTransactionHash">The transaction sent but not mined in time, or null.</param>
    /// <param name="innerException">The cause.</param>
    public DeploymentIncompleteException(string message, long chainId, EthAddress deployer, AidDaoContract stoppedAt,
        IReadOnlyDictionary<AidDaoContract, DeployedContract> mined, string? pendingTransactionHash, Exception? innerException)
        : base(message, innerException)
    {
        ChainId = chainId;
        Deployer = deployer;
        StoppedAt = stoppedAt;
        Mined = mined;
        PendingTransactionHash = pendingTransactionHash;
    }

    /// <summary>Creates the exception with a user-facing message (nothing mined).</summary>
    public DeploymentIncompleteException(string message) : this(message, null) { }

    /// <summary>Creates the exception with a user-facing message and cause (nothing mined).</summary>
    public DeploymentIncompleteException(string message, Exception? innerException) : base(message, innerException) => Mined = new Dictionary<AidDaoContract, DeployedContract>();

    /// <summary>Creates the exception with a generic message (nothing mined).</summary>
    public DeploymentIncompleteException() : this("The deployment stopped before its last contract.") { }

    /// <summary>The chain.</summary>
    public long ChainId { get; }

    /// <summary>The deploying account.</summary>
    public EthAddress Deployer { get; }

    /// <summary>The contract whose transaction failed or is still pending.</summary>
    public AidDaoContract StoppedAt { get; }

    /// <summary>The contracts mined before the deployment stopped, in deployment order; empty when none were.</summary>
    public IReadOnlyDictionary<AidDaoContract, DeployedContract> Mined { get; }

    /// <summary>The transaction that was sent but not mined in time (it may still be), or null.</summary>
    public string? PendingTransactionHash { get; }
}
