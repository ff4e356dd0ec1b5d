using System.Numerics;

namespace AidDao.Core.Communities;

/// <summary>One deployment transaction of an <see cref="AidDaoDeploymentPlan"/>.</summary>
/// <param name="Contract">What it deploys.</param>
/// <param name="Address">Where the contract will be: it follows from the deployer's address and <paramref name="Nonce"/>.</param>
/// <param name="Nonce">The deployer's nonce the transaction is sent with.</param>
/// <param name="GasEstimate">The node's gas estimate (or, when <paramref name="IsUpperBound"/>, a bound computed from the code's size).</param>
/// <param name="GasLimit">The gas limit sent: the estimate with AidDao's margin; unused gas is not paid for.</param>
/// <param name="IsUpperBound">
/// Whether the node could not estimate this transaction before the ones it depends on exist (it does not take state
/// overrides in <c>eth_estimateGas</c>), so the estimate is a bound instead.
/// </param>
public sealed record PlannedContract(AidDaoContract Contract, EthAddress Address, BigInteger Nonce, BigInteger GasEstimate, BigInteger GasLimit, bool IsUpperBound);
