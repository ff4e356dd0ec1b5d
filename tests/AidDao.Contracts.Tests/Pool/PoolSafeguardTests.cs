using System.Numerics;
using AidDao.Contracts.EmergencyPool.ContractDefinition;
using AidDao.Contracts.Tests.Support;
using AidDao.Core.Pools;
using AidDao.Core.Transactions;
using AidDao.TestUtils;
using Nethereum.Contracts;
using Xunit;
using static AidDao.Contracts.Tests.Support.PoolBuilder;

namespace AidDao.Contracts.Tests.Pool;

/// <summary>
/// Safeguards against one steward acting alone: a new pool pays nothing until M stewards accept its rules, rejections
/// keep counting when M is lowered, a rejection takes a request off the emergency fast path, and proposed limits are logged.
/// </summary>
public sealed class PoolSafeguardTests(ChainFixture fixture) : PoolTest(fixture)
{
    [Fact]
    public async Task NewPool_StartsPaused_AndPaysOnlyAfterMStewardsUnpause()
    {
        var pool = await NewPool().LeftPaused().FundedWith(Ether(5)).BuildAsync(Ct);
        Assert.True((await pool.As(0).SettingsQueryAsync()).ReturnValue1.Paused);
        var id = await pool.RequestAidAsync(3, Ether(1), Address(6));
        await pool.ApproveAsync(0, id);

        await AssertRevertsAsync<PoolIsPausedError>(() => pool.ApproveAsync(1, id));

        var proposed = await pool.ProposeChangeAsync(0, PoolChangeKind.Unpause);
        Assert.Empty(proposed.DecodeAllEvents<UnpausedEventDTO>());
        var accepted = await pool.ApproveChangeAsync(1, TestPool.Event<ChangeProposedEventDTO>(proposed).ChangeId);
        Assert.Equal(BigInteger.One, TestPool.Event<UnpausedEventDTO>(accepted).ChangeId);
        Assert.False((await pool.As(0).SettingsQueryAsync()).ReturnValue1.Paused);
        Assert.True(TestPool.Event<AidPaidEventDTO>(await pool.ApproveAsync(1, id)).Delivered);
    }

    [Fact]
    public async Task LoweredThreshold_DoesNotTurnARejectedRequestPayable()
    {
        var pool = await NewPool().FundedWith(Ether(5)).BuildAsync(Ct);
        var id = await pool.RequestAidAsync(3, Ether(1), Address(6));
        await SendAsync(s => pool.As(0).RejectRequestAndWaitForReceiptAsync(id, s));
        await pool.PassCommunityProposalAsync(steward => steward.ProposeThresholdAsync(1, Ct));

        var approve = await AssertRevertsAsync<PoolRejectedByStewardsError>(() => pool.ApproveAsync(1, id));
        await AssertRevertsAsync<PoolRejectedByStewardsError>(() => pool.ExecuteAsync(9, id));

        Assert.Equal((id, BigInteger.One, BigInteger.One),
            (approve.Argument<BigInteger>("requestId"), approve.Argument<BigInteger>("rejections"), approve.Argument<BigInteger>("threshold")));
        Assert.Equal(
            $"Request {id} has 1 steward rejections, as many as the threshold of 1, so it cannot be paid; a steward who has not decided can close it by rejecting.",
            approve.Message);
        Assert.Equal(Pending, (await pool.GetRequestAsync(id)).Status);
        Assert.Equal(id, TestPool.Event<RequestDeclinedEventDTO>(await SendAsync(s => pool.As(2).RejectRequestAndWaitForReceiptAsync(id, s))).RequestId);
    }

    [Fact]
    public async Task Emergency_RejectedRequest_LeavesTheFastPathAndNeedsM()
    {
        var pool = await NewPool().FundedWith(Ether(5)).BuildAsync(Ct);
        await pool.PassChangeAsync(PoolChangeKind.DeclareEmergency, value: 86_400, reason: TestPool.Details);
        var id = await pool.RequestAidAsync(3, Ether(0.5m), Address(6));
        Assert.Equal(BigInteger.One, await pool.As(0).RequiredApprovalsQueryAsync(id));

        await SendAsync(s => pool.As(0).RejectRequestAndWaitForReceiptAsync(id, s));
        var first = await pool.ApproveAsync(1, id);

        Assert.Equal(new BigInteger(2), await pool.As(0).RequiredApprovalsQueryAsync(id));
        Assert.Equal((BigInteger.One, new BigInteger(2)), (TestPool.Event<RequestApprovedEventDTO>(first).Approvals, TestPool.Event<RequestApprovedEventDTO>(first).Required));
        Assert.Empty(first.DecodeAllEvents<AidPaidEventDTO>());
        Assert.True(TestPool.Event<AidPaidEventDTO>(await pool.ApproveAsync(2, id)).Delivered);
    }

    [Fact]
    public async Task ProposeSetAssetLimits_LogsTheLimitsBeingVotedOn()
    {
        var pool = await NewPool().BuildAsync(Ct);

        var proposed = await pool.ProposeChangeAsync(0, PoolChangeKind.SetAssetLimits, TestPool.Eth, limits: Limits(Ether(2), Ether(3), Ether(10), Ether(2), Ether(1)));

        var logged = TestPool.Event<AssetLimitsProposedEventDTO>(proposed);
        Assert.Equal((TestPool.Event<ChangeProposedEventDTO>(proposed).ChangeId, TestPool.Eth, Ether(2), Ether(3), Ether(10), Ether(2), Ether(1)),
            (logged.ChangeId, logged.Asset, logged.MintRate, logged.PerRequestMax, logged.WindowCap, logged.ReserveFloor, logged.FastPathCap));
        Assert.Empty((await pool.ProposeChangeAsync(0, PoolChangeKind.SetWindow, value: 7_200)).DecodeAllEvents<AssetLimitsProposedEventDTO>());
    }
}
