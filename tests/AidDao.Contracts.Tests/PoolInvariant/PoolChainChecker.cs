using System.Numerics;
using AidDao.Contracts.EmergencyPool;
using AidDao.Contracts.EmergencyPool.ContractDefinition;
using Nethereum.Contracts;
using Nethereum.RPC.Eth.DTOs;
using static AidDao.Contracts.Tests.PoolInvariant.PoolScenario;

namespace AidDao.Contracts.Tests.PoolInvariant;

/// <summary>
/// Reads the pool back from the chain after a step and checks the four invariants, plus that the chain agrees with
/// <see cref="PoolModel"/> (settings, requests, changes, money kept for recipients, contribution tokens minted):
/// <list type="number">
/// <item>per asset, the pool's real balance = deposited - paid out, deposited = what the model saw arrive, available = deposited - paid out - owed;</item>
/// <item>no request is paid twice, paid requests are Paid, and AidPaid amounts add up to paid out + owed;</item>
/// <item>no rolling window ever let out more than the asset's window cap;</item>
/// <item>every payment had the distinct approvals it needed from stewards in their then-current term.</item>
/// </list>
/// Payments and approvals come from the pool's event log, read block by block as the run goes.
/// </summary>
internal sealed class PoolChainChecker(PoolWorld world, PoolModel model)
{
    private readonly EmergencyPoolService _pool = world.PoolAs(0);
    private readonly List<PoolPayout> _payouts = [];
    private readonly List<PoolApprovalEvent> _approvals = [];
    private readonly Dictionary<PoolAsset, BigInteger> _windowCaps = [];
    private readonly List<string> _problems = [];
    private long _scannedBlock;
    private BigInteger _initialSupply;

    /// <summary>Payments read from the log so far.</summary>
    public IReadOnlyList<PoolPayout> Payouts => _payouts;

    public async Task StartAsync()
    {
        _scannedBlock = (await world.LatestBlockAsync()).Number;
        _initialSupply = await world.Community.TokenContractAs(0).TotalSupplyQueryAsync();
        foreach (var asset in Assets) _windowCaps[asset] = (await _pool.AssetLimitsQueryAsync(world.AssetAddress(asset))).Limits.WindowCap;
    }

    /// <summary>
    /// Checks everything after a step; returns the problems found, or null. Requests and changes that are open, or that
    /// the step touched, are read back; with <paramref name="everything"/>, all of them are.
    /// </summary>
    public async Task<string?> CheckAsync(ulong blockTime, int touchedRequest, int touchedChange, bool everything = false)
    {
        _problems.Clear();
        var (latest, time) = await world.LatestBlockAsync();
        Expect(time == blockTime, $"latest block time {time}, the model thinks {blockTime}");

        var money = await Task.WhenAll(Assets.Select(async asset =>
            (Asset: asset, Totals: (await _pool.AssetTotalsQueryAsync(world.AssetAddress(asset))).ReturnValue1, Balance: await world.BalanceAsync(asset))));
        var totals = money.ToDictionary(m => m.Asset, m => m.Totals);
        foreach (var (asset, assetTotals, balance) in money) CheckMoney(asset, assetTotals, balance, time);

        await ReadLogsAsync(latest);
        Violated("invariant 2", PoolInvariants.PaidOnce(_payouts));
        foreach (var asset in Assets)
        {
            var paid = _payouts.Where(p => p.Asset == asset).Aggregate(BigInteger.Zero, (sum, p) => sum + p.Amount);
            Expect(paid == totals[asset].PaidOut + totals[asset].Owed,
                $"invariant 2: AidPaid adds up to {paid} {asset}, but paid out {totals[asset].PaidOut} + owed {totals[asset].Owed}");
        }
        Expect(_payouts.Select(p => p with { Block = 0 }).SequenceEqual(model.Payouts),
            $"payments on chain [{string.Join(", ", _payouts)}] differ from the model's [{string.Join(", ", model.Payouts)}]");
        var settings = (await _pool.SettingsQueryAsync()).ReturnValue1;
        Violated("invariant 3", PoolInvariants.WithinWindowCaps(_payouts, settings.Window, a => _windowCaps[a]));
        Violated("invariant 4", PoolInvariants.EnoughApprovals(_payouts, _approvals, model.Roster.TermAt,
            p => model.RequiredApprovalsAt(p.Asset, p.Amount, p.Time)));

        Expect(settings.Window == model.Window && settings.Cooldown == model.Cooldown && settings.RequestLifetime == model.RequestLifetime
            && settings.EmergencyEndsAt == model.EmergencyEndsAt && settings.EmergencyThreshold == model.EmergencyThreshold && settings.Paused == model.Paused,
            $"settings: chain window {settings.Window} cooldown {settings.Cooldown} lifetime {settings.RequestLifetime} emergency until {settings.EmergencyEndsAt} "
            + $"threshold {settings.EmergencyThreshold} paused {settings.Paused}; model {model.Window} {model.Cooldown} {model.RequestLifetime} "
            + $"{model.EmergencyEndsAt} {model.EmergencyThreshold} {model.Paused}");
        Expect(await _pool.EmergencyActiveQueryAsync() == model.EmergencyActive(time), $"emergencyActive at {time}: model says {model.EmergencyActive(time)}");

        await CheckRequestsAsync(time, touchedRequest, everything);
        await CheckChangesAsync(time, touchedChange, everything);
        await CheckRecipientsAsync(everything);
        var (attempts, reentered) = (await world.HostileContract.ReentryAttemptsQueryAsync(), await world.HostileContract.ReentrySucceededQueryAsync());
        Expect(!reentered, "invariant 2: the hostile recipient re-entered the pool successfully");
        Expect(attempts == model.ReentryAttempts, $"hostile re-entry attempts {attempts}, model {model.ReentryAttempts}");
        var supply = await world.Community.TokenContractAs(0).TotalSupplyQueryAsync();
        Expect(supply == _initialSupply + model.Minted, $"contribution token supply {supply}, expected {_initialSupply} + {model.Minted} minted for deposits");
        return _problems.Count == 0 ? null : string.Join("; ", _problems);
    }

    /// <summary>Invariant 1 for <paramref name="asset"/>, and the model's paid-out, owed and window figures.</summary>
    private void CheckMoney(PoolAsset asset, AssetTotals totals, BigInteger balance, ulong time)
    {
        var book = model.Book(asset);
        Expect(balance == totals.Deposited - totals.PaidOut,
            $"invariant 1: the pool holds {balance} {asset}, but deposited {totals.Deposited} - paid out {totals.PaidOut} = {totals.Deposited - totals.PaidOut}");
        Expect(totals.Deposited == book.Deposited, $"invariant 1: {asset} deposited {totals.Deposited}, but {book.Deposited} arrived");
        Expect(totals.Available == totals.Deposited - totals.PaidOut - totals.Owed,
            $"invariant 1: {asset} available {totals.Available} != deposited {totals.Deposited} - paid out {totals.PaidOut} - owed {totals.Owed}");
        Expect(totals.PaidOut == book.PaidOut && totals.Owed == book.Owed,
            $"{asset} paid out {totals.PaidOut} owed {totals.Owed}; model {book.PaidOut} {book.Owed}");
        Expect(totals.WindowUsed == book.WindowUsed(time, model.Window), $"{asset} window used {totals.WindowUsed}; model {book.WindowUsed(time, model.Window)}");
    }

    /// <summary>Reads AidPaid and RequestApproved from the blocks not read yet; a newly paid request must show Paid.</summary>
    private async Task ReadLogsAsync(long latest)
    {
        if (latest <= _scannedBlock) return;
        var from = new BlockParameter((ulong)_scannedBlock + 1);
        var to = new BlockParameter((ulong)latest);
        var web3 = world.Reader;
        var paidEvent = web3.Eth.GetEvent<AidPaidEventDTO>(world.PoolAddress);
        foreach (var log in await paidEvent.GetAllChangesAsync(paidEvent.CreateFilterInput(from, to)))
        {
            var block = (long)log.Log.BlockNumber.Value;
            var paid = log.Event;
            _payouts.Add(new PoolPayout((long)paid.RequestId, world.AssetOf(paid.Asset), paid.Amount, paid.Delivered, await world.BlockTimeAsync(block), block));
            var status = (PoolRequestStatus)(await _pool.GetRequestQueryAsync(paid.RequestId)).ReturnValue1.Status;
            Expect(status == PoolRequestStatus.Paid, $"invariant 2: request {paid.RequestId} was paid but is {status}");
        }
        var approvedEvent = web3.Eth.GetEvent<RequestApprovedEventDTO>(world.PoolAddress);
        foreach (var log in await approvedEvent.GetAllChangesAsync(approvedEvent.CreateFilterInput(from, to)))
            _approvals.Add(new PoolApprovalEvent((long)log.Event.RequestId, world.PartyOf(log.Event.Steward), (long)log.Log.BlockNumber.Value));
        _scannedBlock = latest;
    }

    private async Task CheckRequestsAsync(ulong time, int touched, bool everything)
    {
        Expect(await _pool.RequestCountQueryAsync() == model.Requests.Count, $"request count: model {model.Requests.Count}");
        var toRead = model.Requests.Where(r => everything || r.Id == touched || (r.Status == PoolRequestStatus.Pending && r.ExpiresAt > time));
        var reads = await Task.WhenAll(toRead.Select(async request => (Model: request, OnChain: (await _pool.GetRequestQueryAsync(request.Id)).ReturnValue1,
            Approvals: await _pool.ApprovalCountQueryAsync(request.Id), Rejections: await _pool.RejectionCountQueryAsync(request.Id))));
        foreach (var (request, onChain, approvals, rejections) in reads)
        {
            var (modelApprovals, modelRejections) = (request.Ballot.Count(model.Roster, true), request.Ballot.Count(model.Roster, false));
            Expect((PoolRequestStatus)onChain.Status == request.Status && approvals == modelApprovals && rejections == modelRejections
                && onChain.ExpiresAt == request.ExpiresAt && onChain.Amount == request.Amount,
                $"request {request.Id}: chain {(PoolRequestStatus)onChain.Status} {approvals} approvals {rejections} rejections expires {onChain.ExpiresAt}; "
                + $"model {request.Status} {modelApprovals} {modelRejections} {request.ExpiresAt}");
        }
    }

    private async Task CheckChangesAsync(ulong time, int touched, bool everything)
    {
        Expect(await _pool.ChangeCountQueryAsync() == model.Changes.Count, $"change count: model {model.Changes.Count}");
        var toRead = model.Changes.Where(c => everything || c.Id == touched || (c.Status == PoolChangeStatus.Pending && c.ExpiresAt > time));
        var reads = await Task.WhenAll(toRead.Select(async change => (Model: change,
            Status: (PoolChangeStatus)(await _pool.GetChangeQueryAsync(change.Id)).ReturnValue1.Status, Approvals: await _pool.ChangeApprovalCountQueryAsync(change.Id))));
        foreach (var (change, status, approvals) in reads)
        {
            var modelApprovals = change.Ballot.Count(model.Roster, true);
            Expect(status == change.Status && approvals == modelApprovals,
                $"change {change.Id}: chain {status} {approvals} approvals; model {change.Status} {modelApprovals}");
        }
    }

    /// <summary>What is kept for the recipients that cannot take payments; with <paramref name="everything"/>, every party's last payment time too.</summary>
    private async Task CheckRecipientsAsync(bool everything)
    {
        foreach (var (party, asset) in new[] { (Hostile, PoolAsset.Eth), (BlockedTokenHolder, PoolAsset.Token) })
        {
            var owed = await _pool.OwedToQueryAsync(world.AddressOf(party), world.AssetAddress(asset));
            Expect(owed == model.OwedTo(party, asset), $"owed to #{party} in {asset}: chain {owed}, model {model.OwedTo(party, asset)}");
        }
        if (!everything) return;
        for (var party = 0; party < PoolItself; party++)
        {
            var last = await _pool.LastPaidAtQueryAsync(world.AddressOf(party));
            Expect(last == model.LastPaidAt(party), $"#{party} last paid at {last}, model {model.LastPaidAt(party)}");
        }
    }

    private void Expect(bool holds, string problem)
    {
        if (!holds) _problems.Add(problem);
    }

    private void Violated(string invariant, string? violation)
    {
        if (violation is not null) _problems.Add($"{invariant}: {violation}");
    }
}
