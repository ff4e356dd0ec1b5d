using System.Numerics;
using AidDao.Core.Communities;
using AidDao.TestUtils;
using Nethereum.Hex.HexTypes;
using Nethereum.RPC.Eth.DTOs;
using Xunit;

namespace AidDao.Core.Tests.Communities;

/// <summary>
/// A planned deployment on a real Anvil, where the chain changes between planning and sending: the account's nonce, the
/// fees, and (on an OP Stack chain) the L1 data fee the GasPriceOracle predeploy quotes.
/// </summary>
public sealed class AidDaoDeployerTests(ChainFixture fixture) : ChainTest(fixture), IClassFixture<ChainFixture>
{
    /// <summary>Runtime code that returns 10^15 (0.001 ETH) for any call: PUSH7 0x038d7ea4c68000, MSTORE at 0, RETURN 32 bytes.</summary>
    private const string ConstantL1FeeCode = "0x66038d7ea4c6800060005260206000f3";

    private static readonly BigInteger ConstantL1Fee = BigInteger.Pow(10, 15);

    [Fact]
    public async Task DeployAsync_AccountSentAnotherTransactionSincePlanning_RefusedAndNothingSent()
    {
        var web3 = Web3For(3);
        var deployer = Accounts[3].Address;
        var plan = await AidDaoDeployer.PlanAsync(web3, Ct);
        await web3.Eth.GetEtherTransferService().TransferEtherAndWaitForReceiptAsync(Accounts[4].Address, 0.01m, cancellationToken: Ct);

        var error = await Assert.ThrowsAsync<ChainRefusedException>(() => AidDaoDeployer.DeployAsync(web3, plan, cancellationToken: Ct));

        Assert.Equal($"{plan.Deployer} has sent another transaction since the deployment was estimated (its next nonce is {plan.Contracts[0].Nonce + 1}, "
            + $"not {plan.Contracts[0].Nonce}), so the planned addresses no longer hold; nothing was sent: run the deployment again.", error.Message);
        Assert.Equal(plan.Contracts[0].Nonce + 1, (await web3.Eth.Transactions.GetTransactionCount.SendRequestAsync(deployer, BlockParameter.CreatePending())).Value);
    }

    [Fact]
    public async Task RefreshAsync_BaseFeeRoseSincePlanning_ReadsTheNewFeeAndSeesItNoLongerAffordable()
    {
        var web3 = Web3For(3);
        var plan = await AidDaoDeployer.PlanAsync(web3, Ct);
        await Devnet.RequestAsync("anvil_setBalance", [plan.Deployer.Value, new HexBigInteger(plan.MaxCost).HexValue], Ct);
        await Devnet.RequestAsync("anvil_setNextBlockBaseFeePerGas", [new HexBigInteger(plan.Fee.BaseFee!.Value * 10).HexValue], Ct);
        await Devnet.RequestAsync("evm_mine", [], Ct);

        var refreshed = await AidDaoDeployer.RefreshAsync(web3, plan, Ct);

        Assert.Equal(plan.Fee.BaseFee * 10, refreshed.Fee.BaseFee);
        Assert.True(refreshed.Fee.MaxFeePerGas > plan.Fee.MaxFeePerGas * 5, $"{refreshed.Fee.MaxFeePerGas} after {plan.Fee.MaxFeePerGas}");
        Assert.Equal(plan.MaxCost, refreshed.Balance);
        Assert.False(refreshed.IsAffordable);
        Assert.Equal(plan.Contracts, refreshed.Contracts);
    }

    [Fact]
    public async Task PlanAsync_ChainHasTheOpStackGasPriceOracle_CountsItsL1DataFee()
    {
        var web3 = Web3For(3);
        var plain = await AidDaoDeployer.PlanAsync(web3, Ct);
        await Devnet.RequestAsync("anvil_setCode", ["0x420000000000000000000000000000000000000F", ConstantL1FeeCode], Ct);

        var opStack = await AidDaoDeployer.PlanAsync(web3, Ct);

        Assert.Equal(BigInteger.Zero, plain.L1DataFee);
        Assert.Equal(6 * ConstantL1Fee, opStack.L1DataFee);
        Assert.Equal((opStack.TotalGas * opStack.Fee.ExpectedPerGas) + (6 * ConstantL1Fee), opStack.ExpectedCost);
        Assert.Equal((opStack.TotalGasLimit * opStack.Fee.MaxFeePerGas) + (12 * ConstantL1Fee), opStack.MaxCost);
    }
}
