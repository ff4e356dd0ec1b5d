using System.Numerics;
using AidDao.Contracts.EmergencyPool.ContractDefinition;
using AidDao.Contracts.Testing.HostileRecipient;
using AidDao.Contracts.Testing.HostileRecipient.ContractDefinition;
using AidDao.Contracts.Tests.Support;
using AidDao.Core;
using AidDao.Core.Pools;
using AidDao.TestUtils;
using Nethereum.Contracts;
using Nethereum.RPC.Eth.DTOs;
using Xunit;
using static AidDao.Contracts.Tests.Support.PoolBuilder;

namespace AidDao.Contracts.Tests.Pool;

/// <summary>
/// Recipients that cannot or will not take a payment: the payment is kept for them to withdraw, nobody else is blocked,
/// and re-entering the pool gets nothing twice.
/// </summary>
public sealed class PoolHostileRecipientTests(ChainFixture fixture) : PoolTest(fixture)
{
    /// <summary>HostileRecipient.Mode values.</summary>
    private const byte Accept = 0;
    private const byte Revert = 1;
    private const byte Reenter = 2;
    private const byte BurnGas = 3;

    [Theory]
    [InlineData(Revert)]
    [InlineData(BurnGas)]
    public async Task RecipientThatCannotTakeEth_IsOwedThePayment_AndWithdrawsItOnceItAccepts(byte mode)
    {
        var pool = await NewPool().FundedWith(Ether(5)).BuildAsync(Ct);
        var hostile = await DeployHostileAsync(pool, mode);
        var id = await pool.RequestAidAsync(3, Ether(1), hostile.ContractAddress);

        var receipt = await pool.ApproveByMAsync(id);

        var paid = TestPool.Event<AidPaidEventDTO>(receipt);
        Assert.Equal((id, hostile.ContractAddress, Ether(1), false), (paid.RequestId, paid.Recipient, paid.Amount, paid.Delivered));
        Assert.Equal(Paid, (await pool.GetRequestAsync(id)).Status);
        Assert.Equal(Ether(1), await pool.As(0).OwedToQueryAsync(hostile.ContractAddress, TestPool.Eth));
        var totals = await pool.TotalsAsync(TestPool.Eth);
        Assert.Equal((Ether(5), BigInteger.Zero, Ether(1), Ether(4), Ether(1)),
            (totals.Deposited, totals.PaidOut, totals.Owed, totals.Available, totals.WindowUsed));
        Assert.Equal(BigInteger.Zero, await pool.EthBalanceAsync(hostile.ContractAddress));
        Assert.Equal(Ether(5), await pool.EthBalanceAsync(pool.Address));
        Assert.NotEqual(0UL, await pool.As(0).LastPaidAtQueryAsync(hostile.ContractAddress));

        Assert.True(TestPool.Event<AidPaidEventDTO>(await pool.PayAsync(Ether(1), Address(6))).Delivered);

        await SendAsync(s => hostile.SetModeRequestAndWaitForReceiptAsync(Accept, 0, s));
        var withdrawn = TestPool.Event<WithdrawnEventDTO>(await SendAsync(s => hostile.WithdrawOwedRequestAndWaitForReceiptAsync(s)));
        Assert.Equal((hostile.ContractAddress, TestPool.Eth, hostile.ContractAddress, Ether(1)), (withdrawn.Account, withdrawn.Asset, withdrawn.To, withdrawn.Amount));
        Assert.Equal(Ether(1), await pool.EthBalanceAsync(hostile.ContractAddress));
        Assert.Equal(BigInteger.Zero, await pool.As(0).OwedToQueryAsync(hostile.ContractAddress, TestPool.Eth));

        var again = await AssertRevertsAsync<PoolNothingOwedError>(() => SendAsync(s => hostile.WithdrawOwedRequestAndWaitForReceiptAsync(s)));
        Assert.Equal((hostile.ContractAddress, TestPool.Eth), (again.Argument<string>("account"), again.Argument<string>("asset")));
        totals = await pool.TotalsAsync(TestPool.Eth);
        Assert.Equal((Ether(2), BigInteger.Zero, Ether(3)), (totals.PaidOut, totals.Owed, totals.Available));
        Assert.Equal(totals.Deposited - totals.PaidOut, await pool.EthBalanceAsync(pool.Address));
        Assert.Equal(Ether(1), await pool.EthBalanceAsync(hostile.ContractAddress));
    }

    [Fact]
    public async Task RecipientStillRefusing_WithdrawReverts_AndStaysOwed()
    {
        var pool = await NewPool().FundedWith(Ether(5)).BuildAsync(Ct);
        var hostile = await DeployHostileAsync(pool, Revert);
        await pool.PayAsync(Ether(1), hostile.ContractAddress);

        var error = await AssertRevertsAsync<PoolWithdrawFailedError>(() => SendAsync(s => hostile.WithdrawOwedRequestAndWaitForReceiptAsync(s)));

        Assert.Equal(hostile.ContractAddress, error.Argument<string>("to"));
        Assert.Equal(Ether(1), await pool.As(0).OwedToQueryAsync(hostile.ContractAddress, TestPool.Eth));
        Assert.Equal(Ether(1), (await pool.TotalsAsync(TestPool.Eth)).Owed);
    }

    [Fact]
    public async Task ReenteringRecipient_IsPaidExactlyOnce()
    {
        var pool = await NewPool().FundedWith(Ether(5)).BuildAsync(Ct);
        var hostile = await DeployHostileAsync(pool, Accept);
        var id = await pool.RequestAidAsync(3, Ether(1), hostile.ContractAddress);
        await SendAsync(s => hostile.SetModeRequestAndWaitForReceiptAsync(Reenter, id, s));

        var receipt = await pool.ApproveByMAsync(id);

        var paid = TestPool.Event<AidPaidEventDTO>(receipt);
        Assert.False(await hostile.ReentrySucceededQueryAsync());
        Assert.Equal(Paid, (await pool.GetRequestAsync(id)).Status);
        var received = await pool.EthBalanceAsync(hostile.ContractAddress);
        var owed = await pool.As(0).OwedToQueryAsync(hostile.ContractAddress, TestPool.Eth);
        Assert.Equal(paid.Delivered ? (Ether(1), BigInteger.Zero) : (BigInteger.Zero, Ether(1)), (received, owed));
        Assert.Equal(paid.Delivered ? BigInteger.One : BigInteger.Zero, await hostile.ReentryAttemptsQueryAsync());
        var totals = await pool.TotalsAsync(TestPool.Eth);
        Assert.Equal((Ether(1), Ether(4)), (totals.PaidOut + totals.Owed, totals.Available));
        Assert.Equal(Ether(5) - received, await pool.EthBalanceAsync(pool.Address));
        Assert.Equal(totals.Deposited - totals.PaidOut, await pool.EthBalanceAsync(pool.Address));
    }

    [Fact]
    public async Task BlockedTokenRecipient_IsOwedThePayment_AndWithdrawsToAnotherAddress()
    {
        var (pool, receipt) = await PayBlockedStablecoinRecipientAsync();
        var stablecoin = pool.TokenAs(0, pool.Stablecoin);

        var paid = TestPool.Event<AidPaidEventDTO>(receipt);

        Assert.Equal((pool.Stablecoin, Coins(50), false), (paid.Asset, paid.Amount, paid.Delivered));
        Assert.Equal(Coins(50), await pool.As(0).OwedToQueryAsync(Address(6).Value, pool.Stablecoin));
        Assert.Equal(Coins(600), await stablecoin.BalanceOfQueryAsync(pool.Address.Value));
        Assert.Equal(Coins(50), (await pool.TotalsAsync(pool.Stablecoin)).WindowUsed);
        Assert.True(TestPool.Event<AidPaidEventDTO>(await pool.PayAsync(Coins(20), Address(7), pool.Stablecoin)).Delivered);

        var withdrawn = TestPool.Event<WithdrawnEventDTO>(await WithdrawAsync(pool, 6, pool.Stablecoin, Address(8)));

        Assert.Equal((Address(6).Value, pool.Stablecoin, Address(8).Value, Coins(50)), (withdrawn.Account, withdrawn.Asset, withdrawn.To, withdrawn.Amount));
        Assert.Equal(Coins(50), await stablecoin.BalanceOfQueryAsync(Address(8).Value));
        Assert.Equal(BigInteger.Zero, await stablecoin.BalanceOfQueryAsync(Address(6).Value));
        await AssertRevertsAsync<PoolNothingOwedError>(() => WithdrawAsync(pool, 6, pool.Stablecoin, Address(8)));
        var totals = await pool.TotalsAsync(pool.Stablecoin);
        Assert.Equal((Coins(70), BigInteger.Zero, Coins(530)), (totals.PaidOut, totals.Owed, totals.Available));
        Assert.Equal(totals.Deposited - totals.PaidOut, await stablecoin.BalanceOfQueryAsync(pool.Address.Value));
    }

    [Fact]
    public async Task Withdraw_ToZeroOrThePool_RevertsInvalidRecipient()
    {
        var (pool, _) = await PayBlockedStablecoinRecipientAsync();

        var zero = await AssertRevertsAsync<PoolInvalidRecipientError>(() => WithdrawAsync(pool, 6, pool.Stablecoin, EthAddress.Zero));
        var self = await AssertRevertsAsync<PoolInvalidRecipientError>(() => WithdrawAsync(pool, 6, pool.Stablecoin, pool.Address));

        Assert.Equal(EthAddress.Zero.Value, zero.Argument<string>("recipient"));
        Assert.Equal(pool.Address.Value, self.Argument<string>("recipient"));
        Assert.Equal(Coins(50), await pool.As(0).OwedToQueryAsync(Address(6).Value, pool.Stablecoin));
    }

    [Fact]
    public async Task Withdraw_NothingOwed_RevertsNothingOwed()
    {
        var pool = await NewPool().FundedWith(Ether(5)).BuildAsync(Ct);
        await pool.PayAsync(Ether(1), Address(6));

        var error = await AssertRevertsAsync<PoolNothingOwedError>(() => WithdrawAsync(pool, 6, TestPool.Eth, Address(6)));

        Assert.Equal((Address(6).Value, TestPool.Eth), (error.Argument<string>("account"), error.Argument<string>("asset")));
    }

    [Fact]
    public async Task RemoveAsset_MoneyOwedInItStaysWithdrawable()
    {
        var (pool, _) = await PayBlockedStablecoinRecipientAsync();

        await pool.PassChangeAsync(PoolChangeKind.RemoveAsset, pool.Stablecoin);
        await WithdrawAsync(pool, 6, pool.Stablecoin, Address(8));

        Assert.False((await pool.As(0).AssetLimitsQueryAsync(pool.Stablecoin)).Allowed);
        Assert.Equal(Coins(50), await pool.TokenAs(0, pool.Stablecoin).BalanceOfQueryAsync(Address(8).Value));
        Assert.Equal(BigInteger.Zero, (await pool.TotalsAsync(pool.Stablecoin)).Owed);
    }

    /// <summary>A pool holding 600 stablecoins pays 50 to account 6, whom the token blocks; returns the paying approval.</summary>
    private async Task<(TestPool Pool, TransactionReceipt Payment)> PayBlockedStablecoinRecipientAsync()
    {
        var pool = await NewPool().WithStablecoin().BuildAsync(Ct);
        await pool.DepositTokenAsync(9, pool.Stablecoin, Coins(600));
        await SendAsync(s => pool.TokenAs(0, pool.Stablecoin).SetBlockedRequestAndWaitForReceiptAsync(Address(6).Value, true, s));
        return (pool, await pool.PayAsync(Coins(50), Address(6), pool.Stablecoin));
    }

    private async Task<HostileRecipientService> DeployHostileAsync(TestPool pool, byte mode)
    {
        var hostile = await HostileRecipientService.DeployContractAndGetServiceAsync(Web3For(0), new HostileRecipientDeployment { Pool = pool.Address.Value });
        var checksummed = new HostileRecipientService(Web3For(0), EthAddress.FromChain(hostile.ContractAddress).Value);
        await SendAsync(s => checksummed.SetModeRequestAndWaitForReceiptAsync(mode, 0, s));
        return checksummed;
    }

    private static Task<TransactionReceipt> WithdrawAsync(TestPool pool, int account, string asset, string to) =>
        SendAsync(s => pool.As(account).WithdrawRequestAndWaitForReceiptAsync(asset, to, s));
}
