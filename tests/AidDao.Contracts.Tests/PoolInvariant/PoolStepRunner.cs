using System.Numerics;
using AidDao.Contracts.EmergencyPool.ContractDefinition;
using AidDao.Core;
using AidDao.Core.Transactions;
using Nethereum.Contracts;
using Nethereum.RPC.Eth.DTOs;
using static AidDao.Contracts.Tests.PoolInvariant.PoolScenario;
using PoolChangeKind = AidDao.Core.Pools.PoolChangeKind;

namespace AidDao.Contracts.Tests.PoolInvariant;

/// <summary>
/// Draws one weighted random action, asks <see cref="PoolModel"/> what must happen, performs it on the chain at a block
/// time the model knows, and reports both answers. Illegal actions (self-approval, duplicates, non-stewards, expired or
/// unknown ids, limits) are drawn on purpose: the model must name the exact error.
/// </summary>
internal sealed class PoolStepRunner(PoolWorld world, PoolModel model, Random random, CancellationToken ct)
{
    private const int Donor = 7;
    private int _forcedGap;
    private int _opened;

    /// <summary>The timestamp of the latest mined block.</summary>
    public ulong BlockTime { get; private set; }

    /// <summary>The request and change the latest step was about (0 = none), so the checker reads them back.</summary>
    public int TouchedRequest { get; private set; }

    public int TouchedChange { get; private set; }

    public async Task StartAsync() => BlockTime = (await world.LatestBlockAsync()).Time;

    public Task<PoolStep> StepAsync()
    {
        TouchedRequest = TouchedChange = 0;
        // The run opens with a donor (a non-member) funding every asset, so aid can flow from the first steps.
        if (_opened < Assets.Length) return DepositAsync(Donor, Assets[_opened], PoolLimits.Hundredths(_opened++ == 0 ? 300 : 15_000));
        // A new pool starts paused: two founding stewards accept its rules by an Unpause change (change 1).
        if (_opened == Assets.Length)
        {
            _opened++;
            return ProposeChangeAsync(FoundingStewards[0], PoolChangeKind.Unpause, 0);
        }
        if (_opened == Assets.Length + 1)
        {
            _opened++;
            return ApproveChangeAsync(FoundingStewards[1], 1);
        }
        var openRequests = model.Requests.Any(r => r.Status == PoolRequestStatus.Pending && r.ExpiresAt > BlockTime);
        var openChanges = model.Changes.Any(c => c.Status == PoolChangeStatus.Pending && c.ExpiresAt > BlockTime);
        var hostileOwed = !model.OwedTo(Hostile, PoolAsset.Eth).IsZero;
        var executable = Executable().Length > 0;
        (int Weight, Func<Task<PoolStep>> Act)[] actions =
        [
            (24, DepositAsync), (32, RequestAidAsync), (openRequests ? 90 : 5, ApproveAsync), (6, RejectAsync), (executable ? 60 : 10, ExecuteAsync),
            (4, CancelAsync), (16, TravelAsync), (18, ProposeChangeAsync), (openChanges ? 18 : 2, ApproveChangeAsync),
            (openChanges ? 4 : 2, ExecuteChangeAsync), (2, CancelChangeAsync), (1, PauseAsync), (6, RotateStewardAsync),
            (hostileOwed ? 12 : 6, WithdrawAsync), (hostileOwed && model.HostileMode == HostileMode.Revert ? 8 : 4, SwitchHostileAsync),
        ];
        var roll = random.Next(actions.Sum(a => a.Weight));
        foreach (var (weight, act) in actions)
        {
            if (roll < weight) return act();
            roll -= weight;
        }
        throw new InvalidOperationException("unreachable");
    }

    // ------------------------------------------------------------------------------------------- money

    private Task<PoolStep> DepositAsync()
    {
        var by = random.Next(DevAccounts);
        var asset = Pick(Assets);
        var amount = Chance(5) ? BigInteger.Zero : PoolLimits.Hundredths(asset == PoolAsset.Eth ? random.Next(20, 250) : random.Next(2_000, 15_000));
        return DepositAsync(by, asset, amount);
    }

    private Task<PoolStep> DepositAsync(int by, PoolAsset asset, BigInteger amount)
    {
        var pool = world.PoolAs(by);
        var plainTransfer = asset == PoolAsset.Eth && Chance(30);
        Func<CancellationTokenSource, Task<TransactionReceipt>> send = (asset, plainTransfer) switch
        {
            (PoolAsset.Eth, false) => source => pool.DepositRequestAndWaitForReceiptAsync(new DepositFunction { AmountToSend = amount }, source),
            (PoolAsset.Eth, true) => source => world.SendEthAsync(by, world.PoolAddress, amount, source.Token),
            _ => source => pool.DepositTokenRequestAndWaitForReceiptAsync(world.AssetAddress(asset), amount, source),
        };
        return TransactAsync("deposit", $"#{by} {(plainTransfer ? "sends" : "deposits")} {amount} {asset}", _ => model.Deposit(asset, amount), send);
    }

    private Task<PoolStep> WithdrawAsync()
    {
        if (Chance(50))
        {
            return TransactAsync("withdraw", $"hostile withdraws ETH ({model.HostileMode})", _ => model.Withdraw(Hostile, PoolAsset.Eth, Hostile),
                source => world.HostileContract.WithdrawOwedRequestAndWaitForReceiptAsync(source));
        }
        var by = Chance(70) ? BlockedTokenHolder : random.Next(DevAccounts);
        var asset = by == BlockedTokenHolder && Chance(80) ? PoolAsset.Token : Pick(Assets);
        var to = Chance(5) ? PoolItself : random.Next(DevAccounts);
        return TransactAsync("withdraw", $"#{by} withdraws {asset} to #{to}", _ => model.Withdraw(by, asset, to),
            source => world.PoolAs(by).WithdrawRequestAndWaitForReceiptAsync(world.AssetAddress(asset), world.AddressOf(to), source));
    }

    /// <summary>The hostile recipient changes how it treats ETH; when re-entering, it aims at a random request.</summary>
    private Task<PoolStep> SwitchHostileAsync()
    {
        HostileMode[] others = [.. Enum.GetValues<HostileMode>().Where(m => m != model.HostileMode)];
        var mode = Pick(others);
        var target = random.Next(model.Requests.Count + 1);
        return TransactAsync("hostile", $"hostile switches to {mode} (target request {target})", _ =>
        {
            model.HostileMode = mode;
            return PoolModel.Ok;
        }, source => world.HostileContract.SetModeRequestAndWaitForReceiptAsync((byte)mode, target, source));
    }

    // ------------------------------------------------------------------------------------------- requests

    private Task<PoolStep> RequestAidAsync()
    {
        var members = Enumerable.Range(0, DevAccounts).Where(model.IsMember).ToArray();
        var plainMembers = members.Where(m => !model.Roster.IsSteward(m)).ToArray();
        var by = random.Next(100) switch
        {
            < 65 when plainMembers.Length > 0 => Pick(plainMembers),
            < 90 => Pick(members),
            _ => random.Next(DevAccounts),
        };
        var recipient = random.Next(100) switch
        {
            < 35 => by,
            < 55 => Hostile,
            < 58 => PoolItself,
            _ => random.Next(DevAccounts),
        };
        // The hostile recipient only misbehaves with ETH, so it mostly asks for ETH.
        var asset = recipient == Hostile && Chance(60) ? PoolAsset.Eth : Pick(Assets);
        var max = model.Book(asset).Limits.PerRequestMax;
        var amount = random.Next(100) switch
        {
            < 4 => BigInteger.Zero,
            < 8 => max + 1,
            < 40 => model.Book(asset).Limits.FastPathCap * random.Next(1, 101) / 100,
            _ => max * random.Next(1, 101) / 100,
        };
        var urgency = (byte)(Chance(4) ? Pick([0, 6]) : random.Next(1, 6));
        var withDetails = !Chance(3);
        var details = withDetails ? RandomHash() : new byte[32];
        return TransactAsync("request", $"#{by} asks {amount} {asset} for #{recipient} (urgency {urgency}{(withDetails ? "" : ", no details")})",
            now => model.RequestAid(by, asset, amount, recipient, urgency, withDetails, now),
            source => world.PoolAs(by).RequestAidRequestAndWaitForReceiptAsync(world.AssetAddress(asset), amount, world.AddressOf(recipient), urgency, details, source));
    }

    private Task<PoolStep> ApproveAsync()
    {
        var id = PickRequest();
        var by = PickDecider(id);
        return TransactAsync("approve", $"#{by} approves request {id}", now => model.Approve(by, id, now),
            source => world.PoolAs(by).ApproveRequestAndWaitForReceiptAsync(id, source));
    }

    private Task<PoolStep> RejectAsync()
    {
        var id = PickRequest();
        var by = PickDecider(id);
        return TransactAsync("reject", $"#{by} rejects request {id}", now => model.Reject(by, id, now),
            source => world.PoolAs(by).RejectRequestAndWaitForReceiptAsync(id, source));
    }

    /// <summary>Anyone executes a request: mostly one whose approvals already suffice (an emergency lowered the bar), if any.</summary>
    private Task<PoolStep> ExecuteAsync()
    {
        var executable = Executable();
        var id = executable.Length > 0 && Chance(80) ? TouchedRequest = Pick(executable).Id : PickRequest();
        var by = random.Next(DevAccounts);
        return TransactAsync("execute", $"#{by} executes request {id}", now => model.Execute(id, now),
            source => world.PoolAs(by).ExecuteRequestAndWaitForReceiptAsync(id, source));
    }

    private Task<PoolStep> CancelAsync()
    {
        var id = PickRequest();
        var by = id <= model.Requests.Count && Chance(70) ? model.Requests[id - 1].Requester : random.Next(DevAccounts);
        return TransactAsync("cancel", $"#{by} cancels request {id}", _ => model.Cancel(by, id),
            source => world.PoolAs(by).CancelRequestAndWaitForReceiptAsync(id, source));
    }

    // ------------------------------------------------------------------------------------------- stewardship

    private Task<PoolStep> PauseAsync()
    {
        var by = PickSteward();
        return TransactAsync("pause", $"#{by} pauses", _ => model.Pause(by), source => world.PoolAs(by).PauseRequestAndWaitForReceiptAsync(source));
    }

    private Task<PoolStep> ProposeChangeAsync()
    {
        var by = PickSteward();
        var (kind, value) = (model.Paused && Chance(90) ? 60 : random.Next(100)) switch
        {
            < 45 => (PoolChangeKind.DeclareEmergency, random.Next(100) switch
            {
                < 5 => 0UL,
                < 10 => 31 * Day,
                _ => (ulong)random.Next(1, 73) * Hour,
            }),
            < 57 => (PoolChangeKind.EndEmergency, 0UL),
            < 74 => (PoolChangeKind.Unpause, 0UL),
            < 82 => (PoolChangeKind.SetEmergencyThreshold, (ulong)Pick([0, 1, 1, 2, 3])),
            < 91 => (PoolChangeKind.SetCooldown, Pick([0UL, Hour, 6 * Hour, 12 * Hour, 91 * Day])),
            _ => (PoolChangeKind.SetRequestLifetime, Pick([Hour / 2, Hour, Day, 3 * Day, 5 * Day])),
        };
        return ProposeChangeAsync(by, kind, value);
    }

    private Task<PoolStep> ProposeChangeAsync(int by, PoolChangeKind kind, ulong value)
    {
        var reason = kind == PoolChangeKind.DeclareEmergency ? RandomHash() : new byte[32];
        return TransactAsync("propose", $"#{by} proposes {kind} {value}", now => model.ProposeChange(by, kind, value, now),
            source => world.PoolAs(by).ProposeChangeRequestAndWaitForReceiptAsync((byte)kind, EthAddress.Zero.Value, value, reason, new AssetLimits(), source));
    }

    private Task<PoolStep> ApproveChangeAsync() => ApproveChangeAsync(PickSteward(), PickChange());

    private Task<PoolStep> ApproveChangeAsync(int by, int id)
    {
        return TransactAsync("approveChange", $"#{by} approves change {id}", now => model.ApproveChange(by, id, now),
            source => world.PoolAs(by).ApproveChangeRequestAndWaitForReceiptAsync(id, source));
    }

    private Task<PoolStep> ExecuteChangeAsync()
    {
        var id = PickChange();
        var by = random.Next(DevAccounts);
        return TransactAsync("executeChange", $"#{by} executes change {id}", now => model.ExecuteChange(id, now),
            source => world.PoolAs(by).ExecuteChangeRequestAndWaitForReceiptAsync(id, source));
    }

    private Task<PoolStep> CancelChangeAsync()
    {
        var id = PickChange();
        var by = id <= model.Changes.Count && Chance(60) ? model.Changes[id - 1].Proposer : PickSteward();
        return TransactAsync("cancelChange", $"#{by} cancels change {id}", now => model.CancelChange(by, id, now),
            source => world.PoolAs(by).CancelChangeRequestAndWaitForReceiptAsync(id, source));
    }

    /// <summary>
    /// Removes a steward (when there are three) or adds one back (when there are two) through a community proposal made
    /// and approved by two current stewards; the model learns the block, so approvals are judged against the right terms.
    /// </summary>
    private async Task<PoolStep> RotateStewardAsync()
    {
        var stewards = model.Roster.Stewards.ToArray();
        var proposer = Pick(stewards);
        var approver = Pick(stewards.Where(s => s != proposer).ToArray());
        var remove = stewards.Length > Threshold;
        var target = remove
            ? Pick(stewards)
            : Pick(Enumerable.Range(0, Chance(60) ? FoundingStewards.Length : DevAccounts - 1).Where(a => !model.Roster.IsSteward(a)).ToArray());
        var description = $"#{proposer} and #{approver} {(remove ? "remove" : "add")} steward #{target}";
        try
        {
            var address = EthAddress.FromChain(world.AddressOf(target));
            var proposedAt = NextTime();
            await world.SetNextBlockTimeAsync(proposedAt);
            var proposal = remove
                ? await world.Community.As(proposer).ProposeRemoveStewardAsync(address, ct)
                : await world.Community.As(proposer).ProposeAddStewardAsync(address, ct);
            BlockTime = proposedAt;
            var approvedAt = NextTime(1);
            await world.SetNextBlockTimeAsync(approvedAt);
            var approval = await world.Community.As(approver).ApproveAsync(proposal.ProposalId, ct);
            BlockTime = approvedAt;
            var block = (long)approval.Transaction.BlockNumber;
            if (remove) model.StewardRemoved(target, block);
            else model.StewardAdded(target, block);
            return new PoolStep("steward", description, "ok executed", approval.Executed ? "ok executed" : "ok");
        }
        catch (ContractRevertedException reverted)
        {
            return new PoolStep("steward", description, "ok executed", reverted.ErrorName);
        }
    }

    // ------------------------------------------------------------------------------------------- time

    /// <summary>
    /// Moves time on: minutes, hours or days, or to just before a boundary the model knows (a request's expiry, a
    /// recipient's cooldown end, a payment leaving the window, the emergency's end, a change's expiry); the next
    /// transaction then lands one second before, on, or one second after it.
    /// </summary>
    private async Task<PoolStep> TravelAsync()
    {
        var boundaries = Boundaries().Where(b => b > BlockTime + 2).ToArray();
        ulong target;
        string description;
        if (boundaries.Length > 0 && Chance(35))
        {
            var boundary = Pick(boundaries);
            target = boundary - 2;
            _forcedGap = random.Next(1, 4);
            description = $"travel to boundary {boundary} {(_forcedGap - 2) switch { < 0 => "- 1", 0 => "exactly", _ => "+ 1" }}";
        }
        else
        {
            var seconds = random.Next(100) switch
            {
                < 45 => (ulong)random.Next(1, 60) * 60,
                < 88 => (ulong)random.Next(1, 24) * Hour,
                _ => (ulong)random.Next(1, 5) * Day,
            };
            target = BlockTime + seconds;
            description = $"travel {TimeSpan.FromSeconds(seconds)}";
        }
        await world.MineAtAsync(target);
        BlockTime = target;
        return new PoolStep("travel", description, PoolModel.Ok, PoolModel.Ok);
    }

    private IEnumerable<ulong> Boundaries()
    {
        foreach (var request in model.Requests.Where(r => r.Status == PoolRequestStatus.Pending)) yield return request.ExpiresAt;
        foreach (var party in Enumerable.Range(0, PoolItself)) if (model.LastPaidAt(party) is > 0 and var last) yield return last + model.Cooldown;
        foreach (var payout in model.Payouts) yield return payout.Time + model.Window;
        yield return model.EmergencyEndsAt;
        foreach (var change in model.Changes.Where(c => c.Status == PoolChangeStatus.Pending)) yield return change.ExpiresAt;
    }

    // ------------------------------------------------------------------------------------------- plumbing

    /// <summary>
    /// Sends one transaction at the next block time: the model predicts first (and applies the action when it expects
    /// success), then the chain answers with its receipt's events or the decoded custom error.
    /// </summary>
    private async Task<PoolStep> TransactAsync(string kind, string description, Func<ulong, string> predict,
        Func<CancellationTokenSource, Task<TransactionReceipt>> send)
    {
        var now = NextTime();
        await world.SetNextBlockTimeAsync(now);
        var expected = predict(now);
        string actual;
        try
        {
            var receipt = await ChainCall.SendAsync(send, ct);
            BlockTime = now;
            actual = Describe(receipt);
        }
        catch (ContractRevertedException reverted)
        {
            actual = reverted.ErrorName;
        }
        return new PoolStep(kind, $"{description} at {now}", expected, actual);
    }

    /// <summary>A successful receipt in the model's words: "ok" and its pool events in a fixed order.</summary>
    private static string Describe(TransactionReceipt receipt) => string.Join(' ', [
        PoolModel.Ok,
        .. receipt.DecodeAllEvents<AidRequestedEventDTO>().Select(e => $"request {e.Event.RequestId}"),
        .. receipt.DecodeAllEvents<ChangeProposedEventDTO>().Select(e => $"change {e.Event.ChangeId}"),
        .. receipt.DecodeAllEvents<DepositedEventDTO>().Select(e => $"deposited {e.Event.Amount} minted {e.Event.Minted}"),
        .. receipt.DecodeAllEvents<AidPaidEventDTO>().Select(e => $"paid {e.Event.RequestId} {(e.Event.Delivered ? "delivered" : "kept")}"),
        .. receipt.DecodeAllEvents<RequestDeclinedEventDTO>().Select(_ => "declined"),
        .. receipt.DecodeAllEvents<WithdrawnEventDTO>().Select(e => $"withdrew {e.Event.Amount}"),
        .. receipt.DecodeAllEvents<ChangeExecutedEventDTO>().Select(_ => "executed"),
    ]);

    /// <summary>The next transaction's block time: a few seconds on, or exactly the gap a boundary travel asked for.</summary>
    private ulong NextTime(int? gap = null)
    {
        var seconds = gap ?? (_forcedGap > 0 ? _forcedGap : random.Next(1, 16));
        _forcedGap = 0;
        return BlockTime + (ulong)seconds;
    }

    /// <summary>
    /// Mostly a request still open (half the time one that already has an approval), sometimes any id (closed,
    /// expired) or one past the last (unknown).
    /// </summary>
    private int PickRequest()
    {
        var open = model.Requests.Where(r => r.Status == PoolRequestStatus.Pending && r.ExpiresAt > BlockTime).ToArray();
        var started = open.Where(r => r.Ballot.Count(model.Roster, approve: true) > 0 && Undecided(r).Length > 0).ToArray();
        TouchedRequest = random.Next(100) switch
        {
            < 45 when started.Length > 0 => Pick(started).Id,
            < 88 when open.Length > 0 => Pick(open).Id,
            _ => random.Next(1, model.Requests.Count + 2),
        };
        return TouchedRequest;
    }

    /// <summary>Mostly a change still open (while paused, preferably an Unpause), sometimes any id or an unknown one.</summary>
    private int PickChange()
    {
        var open = model.Changes.Where(c => c.Status == PoolChangeStatus.Pending && c.ExpiresAt > BlockTime).ToArray();
        var unpause = open.Where(c => model.Paused && c.Kind == PoolChangeKind.Unpause).ToArray();
        TouchedChange = random.Next(100) switch
        {
            < 60 when unpause.Length > 0 => Pick(unpause).Id,
            < 85 when open.Length > 0 => Pick(open).Id,
            _ => random.Next(1, model.Changes.Count + 2),
        };
        return TouchedChange;
    }

    /// <summary>
    /// Mostly a current steward who may still decide on the request; sometimes any steward (a duplicate), the request's
    /// own requester or recipient (self-approval), or anyone at all.
    /// </summary>
    private int PickDecider(int requestId)
    {
        var roll = random.Next(100);
        var request = requestId <= model.Requests.Count ? model.Requests[requestId - 1] : null;
        if (roll < 7 && request is not null)
        {
            int[] selves = [.. new[] { request.Requester, request.Recipient }.Where(p => p < DevAccounts)];
            int[] stewardSelves = [.. selves.Where(model.Roster.IsSteward)];
            return Pick(stewardSelves.Length > 0 ? stewardSelves : selves);
        }
        if (roll < 13) return random.Next(DevAccounts);
        var eligible = request is null ? [] : Undecided(request);
        return roll < 88 && eligible.Length > 0 ? Pick(eligible) : Pick(model.Roster.Stewards.ToArray());
    }

    /// <summary>Open requests whose current approvals would already pay them at the next block.</summary>
    private PoolRequestModel[] Executable() =>
    [
        .. model.Requests.Where(r => r.Status == PoolRequestStatus.Pending && r.ExpiresAt > BlockTime + 1
            && r.Ballot.Count(model.Roster, approve: true) >= model.RequiredApprovalsAt(r.Asset, r.Amount, BlockTime + 1)),
    ];

    /// <summary>Current stewards who may still approve <paramref name="request"/>: not its requester or recipient, no decision this term.</summary>
    private int[] Undecided(PoolRequestModel request) =>
        [.. model.Roster.Stewards.Where(s => s != request.Requester && s != request.Recipient && request.Ballot.DecisionIn(s, model.Roster.TermOf(s)) is null)];

    private int PickSteward(int percent = 85) => Chance(percent) ? Pick(model.Roster.Stewards.ToArray()) : random.Next(DevAccounts);

    /// <summary>A non-zero 32-byte stand-in for the hash of an off-chain statement.</summary>
    private byte[] RandomHash() => [.. BitConverter.GetBytes(random.NextInt64() | 1), .. new byte[24]];

    private bool Chance(int percent) => random.Next(100) < percent;

    private T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];
}
