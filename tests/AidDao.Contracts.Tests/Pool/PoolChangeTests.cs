using System.Numerics;
using AidDao.Contracts.EmergencyPool.ContractDefinition;
using AidDao.Contracts.Tests.Support;
using AidDao.Core.Pools;
using AidDao.Core.Transactions;
using AidDao.TestUtils;
using Nethereum.Contracts;
using Nethereum.RPC.Eth.DTOs;
using Xunit;
using static AidDao.Contracts.Tests.Support.PoolBuilder;
using PoolContract = AidDao.Contracts.EmergencyPool.EmergencyPoolService;

namespace AidDao.Contracts.Tests.Pool;

/// <summary>Pool changes: each kind proposed, approved by M stewards and applied, and the change life cycle's refusals.</summary>
public sealed class PoolChangeTests(ChainFixture fixture) : PoolTest(fixture)
{
    /// <summary>IEmergencyPool.ChangeStatus values.</summary>
    private const byte ChangePending = 1;
    private const byte ChangeExecuted = 2;
    private const byte ChangeCancelled = 3;

    [Fact]
    public async Task SetAssetLimits_ProposeThenApproveByM_AppliesTheNewLimits()
    {
        var pool = await NewPool().BuildAsync(Ct);
        var limits = Limits(Ether(2), Ether(3), Ether(10), Ether(2), Ether(1));

        var proposed = await pool.ProposeChangeAsync(0, PoolChangeKind.SetAssetLimits, TestPool.Eth, limits: limits);

        var change = TestPool.Event<ChangeProposedEventDTO>(proposed);
        var proposedAt = await pool.BlockTimeAsync();
        Assert.Equal((new BigInteger(2), Address(0).Value, (byte)PoolChangeKind.SetAssetLimits, TestPool.Eth, BigInteger.Zero, proposedAt + 14 * 86_400),
            (change.ChangeId, change.Proposer, change.Kind, change.Asset, change.Value, change.ExpiresAt));
        var proposerApproval = TestPool.Event<ChangeApprovedEventDTO>(proposed);
        Assert.Equal((Address(0).Value, BigInteger.One, new BigInteger(2)), (proposerApproval.Steward, proposerApproval.Approvals, proposerApproval.Threshold));
        Assert.Empty(proposed.DecodeAllEvents<AssetLimitsSetEventDTO>());
        Assert.Equal(Ether(2), (await pool.As(0).AssetLimitsQueryAsync(TestPool.Eth)).Limits.PerRequestMax);
        var stored = (await pool.As(0).GetChangeQueryAsync(change.ChangeId)).ReturnValue1;
        Assert.Equal((ChangePending, Address(0).Value, Ether(3)), (stored.Status, stored.Proposer, stored.Limits.PerRequestMax));

        var applied = await pool.ApproveChangeAsync(2, change.ChangeId);

        Assert.Equal(new BigInteger(2), TestPool.Event<ChangeApprovedEventDTO>(applied).Approvals);
        var set = TestPool.Event<AssetLimitsSetEventDTO>(applied);
        Assert.Equal((TestPool.Eth, Ether(2), Ether(3), Ether(10), Ether(2), Ether(1)),
            (set.Asset, set.MintRate, set.PerRequestMax, set.WindowCap, set.ReserveFloor, set.FastPathCap));
        Assert.Equal(change.ChangeId, TestPool.Event<ChangeExecutedEventDTO>(applied).ChangeId);
        var now = await pool.As(0).AssetLimitsQueryAsync(TestPool.Eth);
        Assert.True(now.Allowed);
        Assert.Equal((Ether(2), Ether(3), Ether(10), Ether(2), Ether(1)),
            (now.Limits.MintRate, now.Limits.PerRequestMax, now.Limits.WindowCap, now.Limits.ReserveFloor, now.Limits.FastPathCap));
        Assert.Equal(ChangeExecuted, (await pool.As(0).GetChangeQueryAsync(1)).ReturnValue1.Status);
        Assert.Equal(Ether(6), TestPool.Event<DepositedEventDTO>(await pool.DepositEthAsync(9, Ether(3))).Minted);
    }

    [Fact]
    public async Task SetAssetLimits_NewAsset_AllowsDepositsAndRequestsInIt()
    {
        var pool = await NewPool().BuildAsync(Ct);
        var token = await DeployStablecoinAsync(Web3For(0), "NEW");

        var applied = await pool.PassChangeAsync(PoolChangeKind.SetAssetLimits, token, limits: DefaultStablecoinLimits);

        Assert.Equal(token, TestPool.Event<AssetLimitsSetEventDTO>(applied).Asset);
        Assert.Equal([TestPool.Eth, token], await pool.As(0).AssetsQueryAsync());
        Assert.True((await pool.As(0).AssetLimitsQueryAsync(token)).Allowed);
        Assert.Equal(Coins(20), TestPool.Event<DepositedEventDTO>(await pool.DepositTokenAsync(9, token, Coins(20))).Amount);
        Assert.Equal(BigInteger.One, await pool.RequestAidAsync(3, Coins(10), Address(6), token));
    }

    [Fact]
    public async Task SetAssetLimits_SeventeenthAsset_RevertsTooManyAssets()
    {
        var pool = await NewPool().BuildAsync(Ct);
        var setup = pool.NewSetup(RandomAssets(15));
        var full = TestPool.Event<CommunityFactory.ContractDefinition.PoolCreatedEventDTO>(await pool.CreatePoolAsync(0, setup)).Pool;
        var contract = new PoolContract(Web3For(0), full);

        var error = await AssertRevertsAsync<PoolTooManyAssetsError>(() => SendAsync(s => contract.ProposeChangeRequestAndWaitForReceiptAsync(
            (byte)PoolChangeKind.SetAssetLimits, RandomAddress().Value, 0, new byte[32], DefaultEthLimits, s)));

        Assert.Equal(new BigInteger(16), error.Argument<BigInteger>("max"));
        await SendAsync(s => contract.ProposeChangeRequestAndWaitForReceiptAsync((byte)PoolChangeKind.SetAssetLimits, TestPool.Eth, 0, new byte[32], DefaultEthLimits, s));
    }

    [Fact]
    public async Task RemoveAsset_StopsDepositsRequestsAndPayoutsInIt()
    {
        var pool = await NewPool().FundedWith(Ether(5)).WithStablecoin().BuildAsync(Ct);
        var pending = await pool.RequestAidAsync(3, Ether(1), Address(6));
        await pool.ApproveAsync(1, pending);

        var applied = await pool.PassChangeAsync(PoolChangeKind.RemoveAsset, TestPool.Eth);

        Assert.Equal(TestPool.Eth, TestPool.Event<AssetRemovedEventDTO>(applied).Asset);
        Assert.False((await pool.As(0).AssetLimitsQueryAsync(TestPool.Eth)).Allowed);
        Assert.Equal([pool.Stablecoin], await pool.As(0).AssetsQueryAsync());
        var deposit = await AssertRevertsAsync<PoolAssetNotAllowedError>(() => pool.DepositEthAsync(9, Ether(1)));
        Assert.Equal(TestPool.Eth, deposit.Argument<string>("asset"));
        await AssertRevertsAsync<PoolAssetNotAllowedError>(() => pool.RequestAidAsync(3, Ether(1), Address(6)));
        await AssertRevertsAsync<PoolAssetNotAllowedError>(() => pool.ApproveAsync(2, pending));
        Assert.Equal(Ether(5), (await pool.TotalsAsync(TestPool.Eth)).Available);
    }

    [Fact]
    public async Task RemoveAsset_UnknownAsset_RevertsChangeNeedsAsset()
    {
        var pool = await NewPool().BuildAsync(Ct);
        var unknown = RandomAddress().Value;

        var error = await AssertRevertsAsync<PoolChangeNeedsAssetError>(() => pool.ProposeChangeAsync(0, PoolChangeKind.RemoveAsset, unknown));

        Assert.Equal((new BigInteger((int)PoolChangeKind.RemoveAsset), unknown), (error.Argument<BigInteger>("kind"), error.Argument<string>("asset")));
        Assert.Equal(BigInteger.One, await pool.As(0).ChangeCountQueryAsync()); // only the Unpause that put the pool in service
    }

    [Fact]
    public async Task SetWindow_Applied_EmitsWindowChanged()
    {
        var pool = await NewPool().BuildAsync(Ct);

        var changed = TestPool.Event<WindowChangedEventDTO>(await pool.PassChangeAsync(PoolChangeKind.SetWindow, value: 3600));

        Assert.Equal((86_400UL, 3600UL), (changed.PreviousWindow, changed.NewWindow));
        Assert.Equal(3600UL, (await pool.As(0).SettingsQueryAsync()).ReturnValue1.Window);
    }

    [Fact]
    public async Task SetCooldown_ToZero_EmitsCooldownChangedAndRecipientsCanBePaidAgainAtOnce()
    {
        var pool = await NewPool().FundedWith(Ether(10)).BuildAsync(Ct);

        var changed = TestPool.Event<CooldownChangedEventDTO>(await pool.PassChangeAsync(PoolChangeKind.SetCooldown, value: 0));

        Assert.Equal((604_800UL, 0UL), (changed.PreviousCooldown, changed.NewCooldown));
        Assert.Equal(0UL, (await pool.As(0).SettingsQueryAsync()).ReturnValue1.Cooldown);
        Assert.True(TestPool.Event<AidPaidEventDTO>(await pool.PayAsync(Ether(1), Address(6))).Delivered);
        Assert.True(TestPool.Event<AidPaidEventDTO>(await pool.PayAsync(Ether(1), Address(6))).Delivered);
    }

    [Fact]
    public async Task SetRequestLifetime_Applied_NewRequestsUseIt()
    {
        var pool = await NewPool().BuildAsync(Ct);
        var before = await pool.RequestAidAsync(3, Ether(1), Address(6));

        var changed = TestPool.Event<RequestLifetimeChangedEventDTO>(await pool.PassChangeAsync(PoolChangeKind.SetRequestLifetime, value: 7200));

        Assert.Equal((604_800UL, 7200UL), (changed.PreviousLifetime, changed.NewLifetime));
        var after = await pool.RequestAidAsync(3, Ether(1), Address(6));
        var filedAt = await pool.BlockTimeAsync();
        Assert.Equal(filedAt + 7200, (await pool.GetRequestAsync(after)).ExpiresAt);
        var old = await pool.GetRequestAsync(before);
        Assert.Equal(old.CreatedAt + 604_800, old.ExpiresAt);
    }

    [Fact]
    public async Task SetEmergencyThreshold_Applied_EmitsEmergencyThresholdChanged()
    {
        var pool = await NewPool().BuildAsync(Ct);

        var changed = TestPool.Event<EmergencyThresholdChangedEventDTO>(await pool.PassChangeAsync(PoolChangeKind.SetEmergencyThreshold, value: 2));

        Assert.Equal((BigInteger.One, new BigInteger(2)), (changed.PreviousThreshold, changed.NewThreshold));
        Assert.Equal(new BigInteger(2), (await pool.As(0).SettingsQueryAsync()).ReturnValue1.EmergencyThreshold);
    }

    [Fact]
    public async Task ProposeChange_InvalidValues_RevertWithTheMatchingError()
    {
        var pool = await NewPool().BuildAsync(Ct);

        await AssertRevertsAsync<PoolInvalidWindowError>(() => pool.ProposeChangeAsync(0, PoolChangeKind.SetWindow, value: 3599));
        await AssertRevertsAsync<PoolInvalidCooldownError>(() => pool.ProposeChangeAsync(0, PoolChangeKind.SetCooldown, value: 90 * 86_400 + 1));
        await AssertRevertsAsync<PoolInvalidRequestLifetimeError>(() => pool.ProposeChangeAsync(0, PoolChangeKind.SetRequestLifetime, value: 90 * 86_400 + 1));
        await AssertRevertsAsync<PoolInvalidEmergencyThresholdError>(() => pool.ProposeChangeAsync(0, PoolChangeKind.SetEmergencyThreshold, value: 0));
        var limits = await AssertRevertsAsync<PoolInvalidLimitsError>(() =>
            pool.ProposeChangeAsync(0, PoolChangeKind.SetAssetLimits, TestPool.Eth, limits: Limits(0, Ether(2), Ether(1), 0, 0)));

        Assert.Equal(TestPool.Eth, limits.Argument<string>("asset"));
        Assert.Equal(BigInteger.One, await pool.As(0).ChangeCountQueryAsync()); // only the Unpause that put the pool in service
    }

    [Fact]
    public async Task ProposeChange_ByNonSteward_RevertsNotSteward()
    {
        var pool = await NewPool().BuildAsync(Ct);

        var error = await AssertRevertsAsync<PoolNotStewardError>(() => pool.ProposeChangeAsync(3, PoolChangeKind.SetWindow, value: 3600));

        Assert.Equal(Address(3).Value, error.Argument<string>("account"));
    }

    [Fact]
    public async Task ApproveChange_Twice_RevertsChangeAlreadyApproved()
    {
        var pool = await NewPool().BuildAsync(Ct);
        var changeId = await ProposeWindowAsync(pool);

        var error = await AssertRevertsAsync<PoolChangeAlreadyApprovedError>(() => pool.ApproveChangeAsync(0, changeId));

        Assert.Equal((changeId, Address(0).Value), (error.Argument<BigInteger>("changeId"), error.Argument<string>("steward")));
        Assert.Equal(BigInteger.One, await pool.As(0).ChangeApprovalCountQueryAsync(changeId));
    }

    [Fact]
    public async Task ApproveChange_AlreadyExecuted_RevertsChangeNotPending()
    {
        var pool = await NewPool().BuildAsync(Ct);
        var changeId = await ProposeWindowAsync(pool);
        await pool.ApproveChangeAsync(1, changeId);

        var error = await AssertRevertsAsync<PoolChangeNotPendingError>(() => pool.ApproveChangeAsync(2, changeId));

        Assert.Equal(new BigInteger(ChangeExecuted), error.Argument<BigInteger>("status"));
    }

    [Fact]
    public async Task CancelChange_ByProposer_WithdrawsIt()
    {
        var pool = await NewPool().BuildAsync(Ct);
        var changeId = await ProposeWindowAsync(pool);

        var cancelled = TestPool.Event<ChangeCancelledEventDTO>(await CancelAsync(pool, 0, changeId));

        Assert.Equal((changeId, Address(0).Value), (cancelled.ChangeId, cancelled.By));
        Assert.Equal(ChangeCancelled, (await pool.As(0).GetChangeQueryAsync(changeId)).ReturnValue1.Status);
        var error = await AssertRevertsAsync<PoolChangeNotPendingError>(() => pool.ApproveChangeAsync(1, changeId));
        Assert.Equal(new BigInteger(ChangeCancelled), error.Argument<BigInteger>("status"));
        Assert.Equal(86_400UL, (await pool.As(0).SettingsQueryAsync()).ReturnValue1.Window);
    }

    [Fact]
    public async Task CancelChange_ByAnotherSteward_RevertsNotChangeProposer_ByNonStewardRevertsNotSteward()
    {
        var pool = await NewPool().BuildAsync(Ct);
        var changeId = await ProposeWindowAsync(pool);

        var error = await AssertRevertsAsync<PoolNotChangeProposerError>(() => CancelAsync(pool, 1, changeId));
        await AssertRevertsAsync<PoolNotStewardError>(() => CancelAsync(pool, 3, changeId));

        Assert.Equal((changeId, Address(1).Value), (error.Argument<BigInteger>("changeId"), error.Argument<string>("account")));
        Assert.Equal(ChangePending, (await pool.As(0).GetChangeQueryAsync(changeId)).ReturnValue1.Status);
    }

    [Fact]
    public async Task Change_Past14Days_RevertsChangeExpired()
    {
        var pool = await NewPool().BuildAsync(Ct);
        var changeId = await ProposeWindowAsync(pool);
        var expiresAt = (await pool.As(0).GetChangeQueryAsync(changeId)).ReturnValue1.ExpiresAt;

        await Devnet.IncreaseTimeAsync(TimeSpan.FromDays(14), Ct);

        var error = await AssertRevertsAsync<PoolChangeExpiredError>(() => pool.ApproveChangeAsync(1, changeId));
        Assert.Equal((changeId, new BigInteger(expiresAt)), (error.Argument<BigInteger>("changeId"), error.Argument<BigInteger>("expiredAt")));
        await AssertRevertsAsync<PoolChangeExpiredError>(() => SendAsync(s => pool.As(9).ExecuteChangeRequestAndWaitForReceiptAsync(changeId, s)));
        await AssertRevertsAsync<PoolChangeExpiredError>(() => CancelAsync(pool, 0, changeId));
        Assert.Equal(86_400UL, (await pool.As(0).SettingsQueryAsync()).ReturnValue1.Window);
    }

    [Fact]
    public async Task UnknownChange_RevertsUnknownChange()
    {
        var pool = await NewPool().BuildAsync(Ct);
        await ProposeWindowAsync(pool);

        // Change 1 put the pool in service (Unpause), change 2 is the window change: 3 does not exist.
        var approve = await AssertRevertsAsync<PoolUnknownChangeError>(() => pool.ApproveChangeAsync(1, 3));
        await AssertRevertsAsync<PoolUnknownChangeError>(() => SendAsync(s => pool.As(9).ExecuteChangeRequestAndWaitForReceiptAsync(0, s)));
        await AssertRevertsAsync<PoolUnknownChangeError>(() => CancelAsync(pool, 0, 3));
        await AssertRevertsAsync<PoolUnknownChangeError>(() => ChainCall.QueryAsync(() => pool.As(0).GetChangeQueryAsync(3), Ct));

        Assert.Equal(new BigInteger(3), approve.Argument<BigInteger>("changeId"));
    }

    [Fact]
    public async Task ExecuteChange_BelowThreshold_Reverts_ThenAnyoneAppliesItOnceMIsLowered()
    {
        var pool = await NewPool().BuildAsync(Ct);
        var changeId = await ProposeWindowAsync(pool);

        var error = await AssertRevertsAsync<PoolChangeThresholdNotReachedError>(() => SendAsync(s => pool.As(9).ExecuteChangeRequestAndWaitForReceiptAsync(changeId, s)));
        Assert.Equal((changeId, BigInteger.One, new BigInteger(2)),
            (error.Argument<BigInteger>("changeId"), error.Argument<BigInteger>("approvals"), error.Argument<BigInteger>("threshold")));

        await pool.PassCommunityProposalAsync(steward => steward.ProposeThresholdAsync(1, Ct));
        var applied = await SendAsync(s => pool.As(9).ExecuteChangeRequestAndWaitForReceiptAsync(changeId, s));

        Assert.Equal(3600UL, TestPool.Event<WindowChangedEventDTO>(applied).NewWindow);
        Assert.Equal(changeId, TestPool.Event<ChangeExecutedEventDTO>(applied).ChangeId);
    }

    [Fact]
    public async Task ChangeApproval_OfRemovedSteward_StopsCounting()
    {
        var pool = await NewPool().BuildAsync(Ct);
        var changeId = TestPool.Event<ChangeProposedEventDTO>(await pool.ProposeChangeAsync(2, PoolChangeKind.SetWindow, value: 3600)).ChangeId;

        await pool.PassCommunityProposalAsync(steward => steward.ProposeRemoveStewardAsync(Address(2), Ct));

        Assert.Equal(BigInteger.Zero, await pool.As(0).ChangeApprovalCountQueryAsync(changeId));
        var first = await pool.ApproveChangeAsync(0, changeId);
        Assert.Empty(first.DecodeAllEvents<ChangeExecutedEventDTO>());
        Assert.Single((await pool.ApproveChangeAsync(1, changeId)).DecodeAllEvents<ChangeExecutedEventDTO>());
    }

    /// <summary>Steward 0 proposes a one-hour window; returns the change id.</summary>
    private static async Task<BigInteger> ProposeWindowAsync(TestPool pool) =>
        TestPool.Event<ChangeProposedEventDTO>(await pool.ProposeChangeAsync(0, PoolChangeKind.SetWindow, value: 3600)).ChangeId;

    private static Task<TransactionReceipt> CancelAsync(TestPool pool, int steward, BigInteger changeId) =>
        ChainCall.SendAsync(s => pool.As(steward).CancelChangeRequestAndWaitForReceiptAsync(changeId, s), Ct);
}
