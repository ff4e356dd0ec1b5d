using System.Numerics;
using AidDao.Contracts.EmergencyPool.ContractDefinition;
using AidDao.Contracts.Tests.Support;
using AidDao.Core.Pools;
using AidDao.TestUtils;
using Xunit;
using static AidDao.Contracts.Tests.Support.PoolBuilder;

namespace AidDao.Contracts.Tests.Pool;

/// <summary>The limits checked when a request is paid: per-request maximum, rolling window cap, cooldown, reserve floor, funds.</summary>
public sealed class PoolLimitTests(ChainFixture fixture) : PoolTest(fixture)
{
    [Fact]
    public async Task PerRequestMax_LoweredAfterFiling_IsCheckedAgainAtPayout()
    {
        var pool = await NewPool().FundedWith(Ether(10)).BuildAsync(Ct);
        var id = await pool.RequestAidAsync(3, Ether(2), Address(6));
        await pool.PassChangeAsync(PoolChangeKind.SetAssetLimits, TestPool.Eth, limits: Limits(Ether(1), Ether(1), Ether(5), Ether(1), Ether(0.5m)));
        await pool.ApproveAsync(1, id);

        var error = await AssertRevertsAsync<PoolOverRequestLimitError>(() => pool.ApproveAsync(2, id));

        Assert.Equal((TestPool.Eth, Ether(2), Ether(1)), (error.Argument<string>("asset"), error.Argument<BigInteger>("amount"), error.Argument<BigInteger>("max")));
        Assert.Equal(Pending, (await pool.GetRequestAsync(id)).Status);
        Assert.Equal(BigInteger.Zero, (await pool.TotalsAsync(TestPool.Eth)).PaidOut);
    }

    [Fact]
    public async Task WindowCap_PayoutsUpToTheCapPass_TheNextRevertsUntilTheFirstLeavesTheWindow()
    {
        var pool = await NewPool().FundedWith(Ether(20)).BuildAsync(Ct);
        Assert.True(TestPool.Event<AidPaidEventDTO>(await pool.PayAsync(Ether(2), Address(6))).Delivered);
        var firstPaidAt = await pool.As(0).LastPaidAtQueryAsync(Address(6).Value);
        await Devnet.IncreaseTimeAsync(TimeSpan.FromHours(1), Ct); // blocks may share a timestamp: keep the first payout apart
        Assert.True(TestPool.Event<AidPaidEventDTO>(await pool.PayAsync(Ether(2), Address(7))).Delivered);
        Assert.True(TestPool.Event<AidPaidEventDTO>(await pool.PayAsync(Ether(0.5m), Address(3))).Delivered);
        Assert.Equal(Ether(4.5m), (await pool.TotalsAsync(TestPool.Eth)).WindowUsed);
        var id = await pool.RequestAidAsync(4, Ether(2), Address(8));
        await pool.ApproveAsync(1, id);

        var error = await AssertRevertsAsync<PoolOverWindowCapError>(() => pool.ApproveAsync(2, id));

        Assert.Equal((TestPool.Eth, Ether(2), Ether(0.5m), Ether(5)),
            (error.Argument<string>("asset"), error.Argument<BigInteger>("amount"), error.Argument<BigInteger>("remaining"), error.Argument<BigInteger>("cap")));
        await pool.SetNextBlockTimeAsync(firstPaidAt + 86_400 - 1);
        var stillFull = await AssertRevertsAsync<PoolOverWindowCapError>(() => pool.ApproveAsync(2, id));
        Assert.Equal(Ether(0.5m), stillFull.Argument<BigInteger>("remaining"));

        await pool.SetNextBlockTimeAsync(firstPaidAt + 86_400);
        var paid = TestPool.Event<AidPaidEventDTO>(await pool.ApproveAsync(2, id));

        Assert.Equal((id, Ether(2)), (paid.RequestId, paid.Amount));
        Assert.Equal(Ether(4.5m), (await pool.TotalsAsync(TestPool.Eth)).WindowUsed);
    }

    [Fact]
    public async Task WindowCap_ExactlyFilled_NextPayoutRevertsWithNothingRemaining()
    {
        var pool = await NewPool().FundedWith(Ether(20)).BuildAsync(Ct);
        Assert.True(TestPool.Event<AidPaidEventDTO>(await pool.PayAsync(Ether(2), Address(6))).Delivered);
        Assert.True(TestPool.Event<AidPaidEventDTO>(await pool.PayAsync(Ether(2), Address(7))).Delivered);
        Assert.True(TestPool.Event<AidPaidEventDTO>(await pool.PayAsync(Ether(1), Address(8))).Delivered);
        var id = await pool.RequestAidAsync(4, 1, Address(3));
        await pool.ApproveAsync(1, id);

        var error = await AssertRevertsAsync<PoolOverWindowCapError>(() => pool.ApproveAsync(2, id));

        Assert.Equal((BigInteger.One, BigInteger.Zero), (error.Argument<BigInteger>("amount"), error.Argument<BigInteger>("remaining")));
        Assert.Equal(Ether(5), (await pool.TotalsAsync(TestPool.Eth)).WindowUsed);
    }

    [Fact]
    public async Task Window_AfterItPasses_WindowUsedFallsToZero()
    {
        var pool = await NewPool().FundedWith(Ether(20)).BuildAsync(Ct);
        Assert.True(TestPool.Event<AidPaidEventDTO>(await pool.PayAsync(Ether(2), Address(6))).Delivered);

        await Devnet.IncreaseTimeAsync(TimeSpan.FromHours(24), Ct);

        var totals = await pool.TotalsAsync(TestPool.Eth);
        Assert.Equal((BigInteger.Zero, Ether(2)), (totals.WindowUsed, totals.PaidOut));
    }

    [Fact]
    public async Task Cooldown_RecipientPaidRecently_RevertsCoolingDownUntilAvailableAt()
    {
        var pool = await NewPool().FundedWith(Ether(20)).WithCooldown(TimeSpan.FromDays(2)).BuildAsync(Ct);
        Assert.True(TestPool.Event<AidPaidEventDTO>(await pool.PayAsync(Ether(1), Address(6))).Delivered);
        var paidAt = await pool.As(0).LastPaidAtQueryAsync(Address(6).Value);
        var id = await pool.RequestAidAsync(4, Ether(1), Address(6));
        await pool.ApproveAsync(1, id);

        var error = await AssertRevertsAsync<PoolRecipientCoolingDownError>(() => pool.ApproveAsync(2, id));

        Assert.Equal((Address(6).Value, new BigInteger(paidAt + 2 * 86_400)), (error.Argument<string>("recipient"), error.Argument<BigInteger>("availableAt")));
        await pool.SetNextBlockTimeAsync(paidAt + 2 * 86_400 - 1);
        await AssertRevertsAsync<PoolRecipientCoolingDownError>(() => pool.ApproveAsync(2, id));
        await pool.SetNextBlockTimeAsync(paidAt + 2 * 86_400);
        Assert.True(TestPool.Event<AidPaidEventDTO>(await pool.ApproveAsync(2, id)).Delivered);
        Assert.Equal(paidAt + 2 * 86_400, await pool.As(0).LastPaidAtQueryAsync(Address(6).Value));
    }

    [Fact]
    public async Task Cooldown_OtherRecipients_AreNotAffected()
    {
        var pool = await NewPool().FundedWith(Ether(20)).BuildAsync(Ct);
        Assert.True(TestPool.Event<AidPaidEventDTO>(await pool.PayAsync(Ether(1), Address(6))).Delivered);

        Assert.True(TestPool.Event<AidPaidEventDTO>(await pool.PayAsync(Ether(1), Address(7))).Delivered);

        Assert.Equal(Ether(2), (await pool.TotalsAsync(TestPool.Eth)).PaidOut);
    }

    [Fact]
    public async Task ReserveFloor_PayoutWouldDipBelow_RevertsBelowReserve_DownToTheFloorIsFine()
    {
        var pool = await NewPool().FundedWith(Ether(2.5m)).BuildAsync(Ct);
        var tooMuch = await pool.RequestAidAsync(3, Ether(2), Address(6));
        await pool.ApproveAsync(1, tooMuch);

        var error = await AssertRevertsAsync<PoolBelowReserveError>(() => pool.ApproveAsync(2, tooMuch));

        Assert.Equal((TestPool.Eth, Ether(2), Ether(2.5m), Ether(1)),
            (error.Argument<string>("asset"), error.Argument<BigInteger>("amount"), error.Argument<BigInteger>("available"), error.Argument<BigInteger>("reserveFloor")));
        Assert.True(TestPool.Event<AidPaidEventDTO>(await pool.PayAsync(Ether(1.5m), Address(7))).Delivered);
        Assert.Equal(Ether(1), (await pool.TotalsAsync(TestPool.Eth)).Available);
        Assert.Equal(Ether(1), await pool.EthBalanceAsync(pool.Address));
    }

    [Fact]
    public async Task InsufficientFunds_PayoutAboveWhatThePoolHolds_RevertsInsufficientFunds()
    {
        var pool = await NewPool().FundedWith(Ether(1.5m)).BuildAsync(Ct);
        var id = await pool.RequestAidAsync(3, Ether(2), Address(6));
        await pool.ApproveAsync(1, id);

        var error = await AssertRevertsAsync<PoolInsufficientFundsError>(() => pool.ApproveAsync(2, id));

        Assert.Equal((TestPool.Eth, Ether(2), Ether(1.5m)),
            (error.Argument<string>("asset"), error.Argument<BigInteger>("amount"), error.Argument<BigInteger>("available")));
        Assert.Equal(Ether(1.5m), await pool.EthBalanceAsync(pool.Address));
    }

    [Fact]
    public async Task InsufficientFunds_EmptyPool_RevertsWithNothingAvailable()
    {
        var pool = await NewPool().WithStablecoin().BuildAsync(Ct);
        var id = await pool.RequestAidAsync(3, Coins(10), Address(6), pool.Stablecoin);
        await pool.ApproveAsync(1, id);

        var error = await AssertRevertsAsync<PoolInsufficientFundsError>(() => pool.ApproveAsync(2, id));

        Assert.Equal((pool.Stablecoin, BigInteger.Zero), (error.Argument<string>("asset"), error.Argument<BigInteger>("available")));
    }

    [Fact]
    public async Task Stablecoin_PayoutWithinLimits_TransfersTheToken()
    {
        var pool = await NewPool().WithStablecoin().BuildAsync(Ct);
        await pool.DepositTokenAsync(9, pool.Stablecoin, Coins(600));
        var id = await pool.RequestAidAsync(3, Coins(500), Address(6), pool.Stablecoin);

        var paid = TestPool.Event<AidPaidEventDTO>(await pool.ApproveByMAsync(id));

        Assert.Equal((pool.Stablecoin, Coins(500), true), (paid.Asset, paid.Amount, paid.Delivered));
        Assert.Equal(Coins(500), await pool.TokenAs(0, pool.Stablecoin).BalanceOfQueryAsync(Address(6).Value));
        Assert.Equal(Coins(100), (await pool.TotalsAsync(pool.Stablecoin)).Available);
    }
}
