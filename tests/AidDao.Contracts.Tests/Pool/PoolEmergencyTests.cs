using System.Numerics;
using System.Text;
using AidDao.Contracts.EmergencyPool.ContractDefinition;
using AidDao.Contracts.Tests.Support;
using AidDao.Core.Pools;
using AidDao.TestUtils;
using Nethereum.Contracts;
using Nethereum.Util;
using Xunit;
using static AidDao.Contracts.Tests.Support.PoolBuilder;

namespace AidDao.Contracts.Tests.Pool;

/// <summary>Emergencies: declared and ended by M stewards, a fast path for small requests, and the reserve opened while one lasts.</summary>
public sealed class PoolEmergencyTests(ChainFixture fixture) : PoolTest(fixture)
{
    private const ulong ThreeDays = 3 * 86_400;
    private static readonly byte[] Statement = Sha3Keccack.Current.CalculateHash(Encoding.UTF8.GetBytes("flood in the valley"));

    [Fact]
    public async Task DeclareEmergency_ByMApprovals_ActivatesItUntilEndsAt()
    {
        var pool = await NewPool().BuildAsync(Ct);
        var proposed = await pool.ProposeChangeAsync(0, PoolChangeKind.DeclareEmergency, value: ThreeDays, reason: Statement);
        var changeId = TestPool.Event<ChangeProposedEventDTO>(proposed).ChangeId;
        Assert.Empty(proposed.DecodeAllEvents<EmergencyDeclaredEventDTO>());
        Assert.False(await pool.As(0).EmergencyActiveQueryAsync());

        var applied = await pool.ApproveChangeAsync(1, changeId);

        var declared = TestPool.Event<EmergencyDeclaredEventDTO>(applied);
        var endsAt = await pool.BlockTimeAsync() + ThreeDays;
        Assert.Equal((changeId, endsAt), (declared.ChangeId, declared.EndsAt));
        Assert.Equal(Statement, declared.Reason);
        Assert.Equal(changeId, TestPool.Event<ChangeExecutedEventDTO>(applied).ChangeId);
        Assert.True(await pool.As(0).EmergencyActiveQueryAsync());
        Assert.Equal(endsAt, (await pool.As(0).SettingsQueryAsync()).ReturnValue1.EmergencyEndsAt);
    }

    [Fact]
    public async Task Emergency_FastPathRequest_IsPaidByOneApproval()
    {
        var pool = await NewPool().FundedWith(Ether(5)).BuildAsync(Ct);
        await DeclareAsync(pool, ThreeDays);
        var id = await pool.RequestAidAsync(3, Ether(0.5m), Address(6));
        Assert.Equal(BigInteger.One, await pool.As(0).RequiredApprovalsQueryAsync(id));
        var before = await pool.EthBalanceAsync(Address(6));

        var receipt = await pool.ApproveAsync(1, id);

        var approved = TestPool.Event<RequestApprovedEventDTO>(receipt);
        Assert.Equal((BigInteger.One, BigInteger.One), (approved.Approvals, approved.Required));
        Assert.True(TestPool.Event<AidPaidEventDTO>(receipt).Delivered);
        Assert.Equal(before + Ether(0.5m), await pool.EthBalanceAsync(Address(6)));
    }

    [Fact]
    public async Task Emergency_RequestAboveFastPathCap_StillNeedsM()
    {
        var pool = await NewPool().FundedWith(Ether(5)).BuildAsync(Ct);
        await DeclareAsync(pool, ThreeDays);
        var id = await pool.RequestAidAsync(3, Ether(0.5m) + 1, Address(6));
        Assert.Equal(new BigInteger(2), await pool.As(0).RequiredApprovalsQueryAsync(id));

        var first = await pool.ApproveAsync(1, id);

        Assert.Empty(first.DecodeAllEvents<AidPaidEventDTO>());
        Assert.True(TestPool.Event<AidPaidEventDTO>(await pool.ApproveAsync(2, id)).Delivered);
    }

    [Fact]
    public async Task Emergency_EmergencyThresholdAboveM_IsCappedAtM()
    {
        var pool = await NewPool().FundedWith(Ether(5)).WithEmergencyThreshold(3).BuildAsync(Ct);
        await DeclareAsync(pool, ThreeDays);

        var id = await pool.RequestAidAsync(3, Ether(0.5m), Address(6));

        Assert.Equal(new BigInteger(2), await pool.As(0).RequiredApprovalsQueryAsync(id));
    }

    [Fact]
    public async Task Emergency_RequestApprovedOnceBefore_CanBeExecutedByAnyone()
    {
        var pool = await NewPool().FundedWith(Ether(5)).BuildAsync(Ct);
        var id = await pool.RequestAidAsync(3, Ether(0.5m), Address(6));
        await pool.ApproveAsync(1, id);

        await DeclareAsync(pool, ThreeDays);
        var paid = TestPool.Event<AidPaidEventDTO>(await pool.ExecuteAsync(8, id));

        Assert.Equal((id, Ether(0.5m)), (paid.RequestId, paid.Amount));
    }

    [Fact]
    public async Task Emergency_MayUseTheReserve()
    {
        var pool = await NewPool().FundedWith(Ether(1.5m)).BuildAsync(Ct);
        await DeclareAsync(pool, ThreeDays);
        var id = await pool.RequestAidAsync(3, Ether(1.5m), Address(6));

        Assert.True(TestPool.Event<AidPaidEventDTO>(await pool.ApproveByMAsync(id)).Delivered);

        var totals = await pool.TotalsAsync(TestPool.Eth);
        Assert.Equal((Ether(1.5m), BigInteger.Zero), (totals.PaidOut, totals.Available));
        Assert.Equal(BigInteger.Zero, await pool.EthBalanceAsync(pool.Address));
    }

    [Fact]
    public async Task Emergency_AfterItsDuration_EndsByItself()
    {
        var pool = await NewPool().FundedWith(Ether(1.2m)).BuildAsync(Ct);
        await DeclareAsync(pool, 3600);
        var id = await pool.RequestAidAsync(3, Ether(0.5m), Address(6));
        Assert.Equal(BigInteger.One, await pool.As(0).RequiredApprovalsQueryAsync(id));

        await Devnet.IncreaseTimeAsync(TimeSpan.FromHours(1), Ct);

        Assert.False(await pool.As(0).EmergencyActiveQueryAsync());
        Assert.Equal(new BigInteger(2), await pool.As(0).RequiredApprovalsQueryAsync(id));
        Assert.Empty((await pool.ApproveAsync(1, id)).DecodeAllEvents<AidPaidEventDTO>());
        var error = await AssertRevertsAsync<PoolBelowReserveError>(() => pool.ApproveAsync(2, id));
        Assert.Equal((Ether(1.2m), Ether(1)), (error.Argument<BigInteger>("available"), error.Argument<BigInteger>("reserveFloor")));
    }

    [Fact]
    public async Task Emergency_OneSecondBeforeEndsAtIsActive_AtEndsAtIsOver()
    {
        var pool = await NewPool().FundedWith(Ether(5)).BuildAsync(Ct);
        var endsAt = TestPool.Event<EmergencyDeclaredEventDTO>(await DeclareAsync(pool, 3600)).EndsAt;
        var first = await pool.RequestAidAsync(3, Ether(0.5m), Address(6));
        var second = await pool.RequestAidAsync(3, Ether(0.5m), Address(7));

        await pool.SetNextBlockTimeAsync(endsAt - 1);
        var during = await pool.ApproveAsync(1, first);
        await pool.SetNextBlockTimeAsync(endsAt);
        var after = await pool.ApproveAsync(1, second);

        Assert.Single(during.DecodeAllEvents<AidPaidEventDTO>());
        Assert.Empty(after.DecodeAllEvents<AidPaidEventDTO>());
        Assert.Equal(new BigInteger(2), TestPool.Event<RequestApprovedEventDTO>(after).Required);
    }

    [Fact]
    public async Task EndEmergency_ByMApprovals_EndsItEarly()
    {
        var pool = await NewPool().FundedWith(Ether(5)).BuildAsync(Ct);
        await DeclareAsync(pool, ThreeDays);
        var id = await pool.RequestAidAsync(3, Ether(0.5m), Address(6));

        var applied = await pool.PassChangeAsync(PoolChangeKind.EndEmergency);

        var ended = TestPool.Event<EmergencyEndedEventDTO>(applied);
        Assert.Equal(TestPool.Event<ChangeExecutedEventDTO>(applied).ChangeId, ended.ChangeId);
        Assert.False(await pool.As(0).EmergencyActiveQueryAsync());
        Assert.Equal(await pool.BlockTimeAsync(), (await pool.As(0).SettingsQueryAsync()).ReturnValue1.EmergencyEndsAt);
        Assert.Equal(new BigInteger(2), await pool.As(0).RequiredApprovalsQueryAsync(id));
    }

    [Fact]
    public async Task EndEmergency_WithoutOne_RevertsNoEmergency()
    {
        var pool = await NewPool().BuildAsync(Ct);

        await AssertRevertsAsync<PoolNoEmergencyError>(() => pool.ProposeChangeAsync(0, PoolChangeKind.EndEmergency));

        Assert.Equal(BigInteger.One, await pool.As(0).ChangeCountQueryAsync()); // only the Unpause that put the pool in service
    }

    [Fact]
    public async Task EndEmergency_EmergencyOverBeforeItPasses_RevertsNoEmergencyOnApproval()
    {
        var pool = await NewPool().BuildAsync(Ct);
        await DeclareAsync(pool, 3600);
        var changeId = TestPool.Event<ChangeProposedEventDTO>(await pool.ProposeChangeAsync(0, PoolChangeKind.EndEmergency)).ChangeId;
        await Devnet.IncreaseTimeAsync(TimeSpan.FromHours(1), Ct);

        await AssertRevertsAsync<PoolNoEmergencyError>(() => pool.ApproveChangeAsync(1, changeId));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(30 * 86_400 + 1)]
    public async Task DeclareEmergency_DurationOutOfRange_RevertsInvalidEmergencyDuration(long duration)
    {
        var pool = await NewPool().BuildAsync(Ct);

        var error = await AssertRevertsAsync<PoolInvalidEmergencyDurationError>(() => pool.ProposeChangeAsync(0, PoolChangeKind.DeclareEmergency, value: duration, reason: Statement));

        Assert.Equal((new BigInteger(duration), new BigInteger(30 * 86_400)), (error.Argument<BigInteger>("duration"), error.Argument<BigInteger>("max")));
    }

    [Fact]
    public async Task DeclareEmergency_ThirtyDays_IsAllowed()
    {
        var pool = await NewPool().BuildAsync(Ct);

        var declared = TestPool.Event<EmergencyDeclaredEventDTO>(await DeclareAsync(pool, 30 * 86_400));

        Assert.Equal(await pool.BlockTimeAsync() + 30 * 86_400, declared.EndsAt);
    }

    private static Task<Nethereum.RPC.Eth.DTOs.TransactionReceipt> DeclareAsync(TestPool pool, ulong seconds) =>
        pool.PassChangeAsync(PoolChangeKind.DeclareEmergency, value: seconds, reason: Statement);
}
