using System.Numerics;

namespace AidDao.Core.Communities;

/// <summary>
/// What deploying AidDao will take, worked out before anything is sent (<see cref="AidDaoDeployer.PlanAsync"/>): each
/// transaction with its address, nonce and gas, the fee per gas, the L1 data fee on an OP Stack chain, and the
/// deployer's balance.
/// </summary>
/// <param name="ChainId">The chain.</param>
/// <param name="Deployer">The account that sends (and pays for) the transactions.</param>
/// <param name="Contracts">The six transactions, in order.</param>
/// <param name="Fee">The fee per gas every transaction is sent with.</param>
/// <param name="Balance">The deployer's balance when planned, in wei.</param>
public sealed record AidDaoDeploymentPlan(long ChainId, EthAddress Deployer, IReadOnlyList<PlannedContract> Contracts, GasFee Fee, BigInteger Balance)
{
    /// <summary>
    /// On an OP Stack chain (Base, OP Mainnet, ...): the L1 data fee in wei the chain's GasPriceOracle quotes for the
    /// six transactions' data, which is charged on top of their gas; 0 elsewhere.
    /// </summary>
    public BigInteger L1DataFee { get; init; }

    /// <summary>The estimates added up.</summary>
    public BigInteger TotalGas => Contracts.Aggregate(BigInteger.Zero, (sum, c) => sum + c.GasEstimate);

    /// <summary>The gas limits added up.</summary>
    public BigInteger TotalGasLimit => Contracts.Aggregate(BigInteger.Zero, (sum, c) => sum + c.GasLimit);

    /// <summary>The expected cost in wei: every estimate at <see cref="GasFee.ExpectedPerGas"/>, plus the <see cref="L1DataFee"/>.</summary>
    public BigInteger ExpectedCost => (TotalGas * Fee.ExpectedPerGas) + L1DataFee;

    /// <summary>
    /// The most the deployment can cost in wei: every gas limit at the maximum fee, plus twice the
    /// <see cref="L1DataFee"/> (it follows L1's fees, which may rise before the transactions are mined, as the maximum
    /// fee allows for a doubled base fee). The deployer needs this much, so the deployment cannot stop half-way for lack
    /// of funds.
    /// </summary>
    public BigInteger MaxCost => (TotalGasLimit * Fee.MaxFeePerGas) + (2 * L1DataFee);

    /// <summary>Whether <see cref="Balance"/> covers <see cref="MaxCost"/>.</summary>
    public bool IsAffordable => Balance >= MaxCost;

    /// <summary>The planned address of <paramref name="contract"/>.</summary>
    public EthAddress AddressOf(AidDaoContract contract) => Contracts.Single(c => c.Contract == contract).Address;
}
