namespace AidDao.Core.Communities;

/// <summary>One contract of a <see cref="DeploymentRecord"/>: where it is and the transaction that created it.</summary>
/// <param name="Address">The contract's address.</param>
/// <param name="Block">The block its creation was mined in.</param>
/// <param name="TransactionHash">The creating transaction.</param>
public sealed record DeployedContract(EthAddress Address, long Block, string TransactionHash);
