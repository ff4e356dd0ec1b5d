using System.Numerics;
using AidDao.Contracts.EmergencyPool.ContractDefinition;
using AidDao.Contracts.Tests.Support;
using AidDao.Core.Pools;
using AidDao.TestUtils;
using Nethereum.Contracts;
using Xunit;
using static AidDao.Contracts.Tests.Support.PoolBuilder;

namespace AidDao.Contracts.Tests.Pool;

/// <summary>Pausing: any steward stops payouts at once; resuming needs an Unpause change approved by M stewards.</summary>
public sealed class PoolPauseTests(ChainFixture fixture) : PoolTest(fixture)
{
    [Fact]
    public async Task Pause_ByAnySteward_StopsPayouts()
    {
        var pool = await NewPool().BuildAsync(Ct);

        var paused = TestPool.Event<PausedEventDTO>(await pool.PauseAsync(2));

        Assert.Equal(Address(2).Value, paused.By);
        Assert.True((await pool.As(0).SettingsQueryAsync()).ReturnValue1.Paused);
    }

    [Fact]
    public async Task Pause_Twice_RevertsAlreadyPaused()
    {
        var pool = await NewPool().BuildAsync(Ct);
        await pool.PauseAsync(0);

        await AssertRevertsAsync<PoolAlreadyPausedError>(() => pool.PauseAsync(1));
    }

    [Fact]
    public async Task Pause_ByNonSteward_RevertsNotSteward()
    {
        var pool = await NewPool().BuildAsync(Ct);

        var error = await AssertRevertsAsync<PoolNotStewardError>(() => pool.PauseAsync(3));

        Assert.Equal(Address(3).Value, error.Argument<string>("account"));
        Assert.False((await pool.As(0).SettingsQueryAsync()).ReturnValue1.Paused);
    }

    [Fact]
    public async Task Paused_ApprovalsBelowThresholdCount_TheOneThatWouldPayRevertsIsPaused()
    {
        var pool = await NewPool().FundedWith(Ether(5)).BuildAsync(Ct);
        await pool.PauseAsync(0);
        var id = await pool.RequestAidAsync(3, Ether(1), Address(6));

        var first = await pool.ApproveAsync(1, id);
        await AssertRevertsAsync<PoolIsPausedError>(() => pool.ApproveAsync(2, id));

        Assert.Equal(BigInteger.One, TestPool.Event<RequestApprovedEventDTO>(first).Approvals);
        Assert.Equal(BigInteger.One, await pool.As(0).ApprovalCountQueryAsync(id));
        Assert.False(await pool.As(0).HasApprovedQueryAsync(id, Address(2).Value));
        Assert.Equal(Ether(5), (await pool.TotalsAsync(TestPool.Eth)).Available);
    }

    [Fact]
    public async Task Paused_ExecuteReverts_UntilMApproveUnpause_ThenExecutePays()
    {
        var pool = await NewPool().FundedWith(Ether(5)).BuildAsync(Ct);
        var id = await pool.RequestAidAsync(3, Ether(0.5m), Address(6));
        await pool.ApproveAsync(1, id);
        await pool.PauseAsync(0);
        await pool.PassChangeAsync(PoolChangeKind.DeclareEmergency, value: 86_400);
        Assert.Equal(BigInteger.One, await pool.As(0).RequiredApprovalsQueryAsync(id));

        await AssertRevertsAsync<PoolIsPausedError>(() => pool.ExecuteAsync(9, id));

        var proposed = await pool.ProposeChangeAsync(0, PoolChangeKind.Unpause);
        Assert.Empty(proposed.DecodeAllEvents<UnpausedEventDTO>());
        Assert.True((await pool.As(0).SettingsQueryAsync()).ReturnValue1.Paused);
        await AssertRevertsAsync<PoolIsPausedError>(() => pool.ExecuteAsync(9, id));
        var changeId = TestPool.Event<ChangeProposedEventDTO>(proposed).ChangeId;

        var unpaused = TestPool.Event<UnpausedEventDTO>(await pool.ApproveChangeAsync(2, changeId));

        Assert.Equal(changeId, unpaused.ChangeId);
        Assert.False((await pool.As(0).SettingsQueryAsync()).ReturnValue1.Paused);
        var before = await pool.EthBalanceAsync(Address(6));
        Assert.True(TestPool.Event<AidPaidEventDTO>(await pool.ExecuteAsync(9, id)).Delivered);
        Assert.Equal(before + Ether(0.5m), await pool.EthBalanceAsync(Address(6)));
    }

    [Fact]
    public async Task Unpause_WhenNotPaused_RevertsNotPaused()
    {
        var pool = await NewPool().BuildAsync(Ct);

        await AssertRevertsAsync<PoolNotPausedError>(() => pool.ProposeChangeAsync(0, PoolChangeKind.Unpause));
    }

    [Fact]
    public async Task Pause_AgainAfterUnpause_Works()
    {
        var pool = await NewPool().BuildAsync(Ct);
        await pool.PauseAsync(0);
        await pool.PassChangeAsync(PoolChangeKind.Unpause);

        await pool.PauseAsync(1);

        Assert.True((await pool.As(0).SettingsQueryAsync()).ReturnValue1.Paused);
    }
}
