using System.Numerics;
using static AidDao.Contracts.Tests.PoolInvariant.PoolScenario;
using PoolChangeKind = AidDao.Core.Pools.PoolChangeKind;

namespace AidDao.Contracts.Tests.PoolInvariant;

/// <summary>
/// A plain C# model of EmergencyPool, written from IEmergencyPool's spec. Each action takes the block time the transaction
/// will be mined at and returns what the chain must answer: the custom error it reverts with, or "ok" followed by what the
/// transaction's events must say (a payment and whether it was delivered, a deposit and what arrived, a change executed).
/// On success the model applies the action; on an error it leaves its state as it was.
/// </summary>
internal sealed class PoolModel
{
    public const string Ok = "ok";
    private const ulong ChangeLifetime = 14 * Day;
    private const ulong MaxCooldown = 90 * Day;
    private const ulong MinRequestLifetime = Hour;
    private const ulong MaxRequestLifetime = 90 * Day;
    private const ulong MaxEmergencyDuration = 30 * Day;
    private const int MaxEmergencyThreshold = 32;
    private const int MaxUrgency = 5;

    private readonly PoolSabotage _sabotage;
    private readonly Dictionary<PoolAsset, PoolAssetBook> _books = Assets.ToDictionary(a => a, a => new PoolAssetBook(PoolLimits.For(a)));
    private readonly HashSet<int> _members = [.. FoundingStewards, .. FoundingMembers];
    private readonly Dictionary<int, ulong> _lastPaidAt = [];
    private readonly Dictionary<(int Party, PoolAsset Asset), BigInteger> _owedTo = [];
    private readonly List<(ulong Time, ulong EndsAt, BigInteger Threshold)> _emergencyHistory = [(0, 0, PoolScenario.EmergencyThreshold)];

    public PoolModel(PoolSabotage sabotage = PoolSabotage.None) => _sabotage = sabotage;

    public StewardRoster Roster { get; } = new(FoundingStewards, Threshold);

    public ulong Window { get; } = PoolScenario.Window;
    public ulong Cooldown { get; private set; } = PoolScenario.Cooldown;
    public ulong RequestLifetime { get; private set; } = PoolScenario.RequestLifetime;
    public ulong EmergencyEndsAt { get; private set; }
    public BigInteger EmergencyThreshold { get; private set; } = PoolScenario.EmergencyThreshold;
    /// <summary>Whether payments are paused; a new pool starts paused until M stewards approve an Unpause change.</summary>
    public bool Paused { get; private set; } = true;
    /// <summary>How the HostileRecipient reacts to ETH.</summary>
    public HostileMode HostileMode { get; set; } = HostileMode.Revert;
    /// <summary>How often the HostileRecipient tried to re-enter the pool while taking ETH.</summary>
    public int ReentryAttempts { get; private set; }
    /// <summary>Contribution tokens minted for deposits.</summary>
    public BigInteger Minted { get; private set; }

    public List<PoolRequestModel> Requests { get; } = [];
    public List<PoolChangeModel> Changes { get; } = [];
    /// <summary>Every payment, in order (Block left 0: the model does not know blocks).</summary>
    public List<PoolPayout> Payouts { get; } = [];

    public PoolAssetBook Book(PoolAsset asset) => _books[asset];

    public bool IsMember(int party) => _members.Contains(party);

    public ulong LastPaidAt(int party) => _lastPaidAt.GetValueOrDefault(party);

    public BigInteger OwedTo(int party, PoolAsset asset) => _owedTo.GetValueOrDefault((party, asset));

    public bool EmergencyActive(ulong now) => now < EmergencyEndsAt;

    /// <summary>Approvals a payment of <paramref name="amount"/> of <paramref name="asset"/> needed at block time
    /// <paramref name="time"/>: M, or the emergency threshold (capped at M) on the fast path of an emergency in force then,
    /// which only a request without current rejections takes. With no <paramref name="rejections"/> given this is the
    /// lowest number any payment could have needed then.</summary>
    public int RequiredApprovalsAt(PoolAsset asset, BigInteger amount, ulong time, int rejections = 0)
    {
        var (_, endsAt, threshold) = _emergencyHistory.Last(e => e.Time <= time);
        var m = _sabotage == PoolSabotage.OneApprovalPays ? 1 : Roster.Threshold;
        return rejections == 0 && time < endsAt && amount <= _books[asset].Limits.FastPathCap ? (int)BigInteger.Min(threshold, m) : m;
    }

    public void StewardAdded(int steward, long block)
    {
        Roster.Add(steward, block);
        _members.Add(steward);
    }

    public void StewardRemoved(int steward, long block) => Roster.Remove(steward, block);

    // ------------------------------------------------------------------------------------------- money in

    public string Deposit(PoolAsset asset, BigInteger amount)
    {
        if (amount.IsZero) return "PoolZeroAmount";
        var arrived = asset == PoolAsset.FeeToken && _sabotage != PoolSabotage.IgnoresTransferFee
            ? amount - amount * FeeBasisPoints / 10_000
            : amount;
        if (arrived.IsZero) return "PoolNothingReceived";
        var book = _books[asset];
        book.Deposited += arrived;
        var minted = arrived * book.Limits.MintRate / PoolLimits.Unit;
        Minted += minted;
        return $"{Ok} deposited {arrived} minted {minted}";
    }

    // ------------------------------------------------------------------------------------------- requests

    public string RequestAid(int by, PoolAsset asset, BigInteger amount, int recipient, byte urgency, bool withDetails, ulong now)
    {
        if (!IsMember(by)) return "PoolNotMember";
        if (amount.IsZero) return "PoolZeroAmount";
        if (amount > _books[asset].Limits.PerRequestMax) return "PoolOverRequestLimit";
        if (recipient == PoolItself) return "PoolInvalidRecipient";
        if (urgency is 0 or > MaxUrgency) return "PoolInvalidUrgency";
        if (!withDetails) return "PoolMissingDetails";
        var request = new PoolRequestModel(Requests.Count + 1, by, recipient, asset, amount, now + RequestLifetime);
        Requests.Add(request);
        return $"{Ok} request {request.Id}";
    }

    public string Approve(int by, int requestId, ulong now)
    {
        if (!Roster.IsSteward(by)) return "PoolNotSteward";
        if (OpenRequestError(requestId, now) is { } notOpen) return notOpen;
        var request = Requests[requestId - 1];
        if (_sabotage != PoolSabotage.ForgetsSelfApproval && (request.Requester == by || request.Recipient == by)) return "PoolSelfApproval";
        var term = Roster.TermOf(by);
        if (AlreadyDecided(request.Ballot, by, term) is { } already) return already;
        var undo = request.Ballot.Record(by, term, approve: true);
        var rejections = request.Ballot.Count(Roster, approve: false);
        if (rejections >= Roster.Threshold)
        {
            undo();
            return "PoolRejectedByStewards";
        }
        if (request.Ballot.Count(Roster, approve: true) < RequiredApprovalsAt(request.Asset, request.Amount, now, rejections)) return Ok;
        if (PaymentError(request, now) is { } refused)
        {
            undo();
            return refused;
        }
        return Pay(request, now);
    }

    public string Reject(int by, int requestId, ulong now)
    {
        if (!Roster.IsSteward(by)) return "PoolNotSteward";
        if (OpenRequestError(requestId, now) is { } notOpen) return notOpen;
        var request = Requests[requestId - 1];
        var term = Roster.TermOf(by);
        if (AlreadyDecided(request.Ballot, by, term) is { } already) return already;
        request.Ballot.Record(by, term, approve: false);
        if (request.Ballot.Count(Roster, approve: false) < Roster.Threshold) return Ok;
        request.Status = PoolRequestStatus.Rejected;
        return $"{Ok} declined";
    }

    public string Execute(int requestId, ulong now)
    {
        if (OpenRequestError(requestId, now) is { } notOpen) return notOpen;
        var request = Requests[requestId - 1];
        var rejections = request.Ballot.Count(Roster, approve: false);
        if (rejections >= Roster.Threshold) return "PoolRejectedByStewards";
        if (request.Ballot.Count(Roster, approve: true) < RequiredApprovalsAt(request.Asset, request.Amount, now, rejections)) return "PoolNotEnoughApprovals";
        return PaymentError(request, now) ?? Pay(request, now);
    }

    public string Cancel(int by, int requestId)
    {
        if (requestId < 1 || requestId > Requests.Count) return "PoolUnknownRequest";
        var request = Requests[requestId - 1];
        if (request.Status != PoolRequestStatus.Pending) return "PoolRequestNotPending";
        if (request.Requester != by) return "PoolNotRequester";
        request.Status = PoolRequestStatus.Cancelled;
        return Ok;
    }

    /// <summary><paramref name="by"/> withdraws what is kept for it in <paramref name="asset"/> to <paramref name="to"/>.</summary>
    public string Withdraw(int by, PoolAsset asset, int to)
    {
        var owed = OwedTo(by, asset);
        if (owed.IsZero) return "PoolNothingOwed";
        if (to == PoolItself) return "PoolInvalidRecipient";
        if (!CanReceive(to, asset)) return asset == PoolAsset.Eth ? "PoolWithdrawFailed" : "TestTokenBlocked";
        _owedTo.Remove((by, asset));
        Received(to, asset);
        var book = _books[asset];
        book.Owed -= owed;
        book.PaidOut += owed;
        return $"{Ok} withdrew {owed}";
    }

    // ------------------------------------------------------------------------------------------- stewardship

    public string Pause(int by)
    {
        if (!Roster.IsSteward(by)) return "PoolNotSteward";
        if (Paused) return "PoolAlreadyPaused";
        Paused = true;
        return Ok;
    }

    public string ProposeChange(int by, PoolChangeKind kind, BigInteger value, ulong now)
    {
        if (!Roster.IsSteward(by)) return "PoolNotSteward";
        if (ChangeError(kind, value, now) is { } invalid) return invalid;
        var change = new PoolChangeModel(Changes.Count + 1, kind, value, by, now + ChangeLifetime);
        Changes.Add(change);
        change.Ballot.Record(by, Roster.TermOf(by), approve: true);
        if (change.Ballot.Count(Roster, approve: true) < Roster.Threshold) return $"{Ok} change {change.Id}";
        Apply(change, now);
        return $"{Ok} change {change.Id} executed";
    }

    public string ApproveChange(int by, int changeId, ulong now)
    {
        if (!Roster.IsSteward(by)) return "PoolNotSteward";
        if (PendingChangeError(changeId, now) is { } notPending) return notPending;
        var change = Changes[changeId - 1];
        var term = Roster.TermOf(by);
        if (change.Ballot.DecisionIn(by, term) is not null) return "PoolChangeAlreadyApproved";
        var undo = change.Ballot.Record(by, term, approve: true);
        if (change.Ballot.Count(Roster, approve: true) < Roster.Threshold) return Ok;
        if (ChangeError(change.Kind, change.Value, now) is { } invalid)
        {
            undo();
            return invalid;
        }
        Apply(change, now);
        return $"{Ok} executed";
    }

    public string ExecuteChange(int changeId, ulong now)
    {
        if (PendingChangeError(changeId, now) is { } notPending) return notPending;
        var change = Changes[changeId - 1];
        if (change.Ballot.Count(Roster, approve: true) < Roster.Threshold) return "PoolChangeThresholdNotReached";
        if (ChangeError(change.Kind, change.Value, now) is { } invalid) return invalid;
        Apply(change, now);
        return $"{Ok} executed";
    }

    public string CancelChange(int by, int changeId, ulong now)
    {
        if (!Roster.IsSteward(by)) return "PoolNotSteward";
        if (PendingChangeError(changeId, now) is { } notPending) return notPending;
        var change = Changes[changeId - 1];
        if (change.Proposer != by) return "PoolNotChangeProposer";
        change.Status = PoolChangeStatus.Cancelled;
        return Ok;
    }

    // ------------------------------------------------------------------------------------------- internals

    private string? OpenRequestError(int requestId, ulong now)
    {
        if (requestId < 1 || requestId > Requests.Count) return "PoolUnknownRequest";
        var request = Requests[requestId - 1];
        if (request.Status != PoolRequestStatus.Pending) return "PoolRequestNotPending";
        return now >= request.ExpiresAt ? "PoolRequestExpired" : null;
    }

    private static string? AlreadyDecided(PoolBallot ballot, int steward, int term) => ballot.DecisionIn(steward, term) switch
    {
        true => "PoolAlreadyApproved",
        false => "PoolAlreadyRejected",
        null => null,
    };

    /// <summary>The limit that forbids paying <paramref name="request"/> now, in the order the contract checks them.</summary>
    private string? PaymentError(PoolRequestModel request, ulong now)
    {
        if (Paused) return "PoolIsPaused";
        var book = _books[request.Asset];
        var amount = request.Amount;
        if (amount > book.Limits.PerRequestMax) return "PoolOverRequestLimit";
        if (book.WindowUsed(now, Window) + amount > book.Limits.WindowCap) return "PoolOverWindowCap";
        var last = LastPaidAt(request.Recipient);
        if (last != 0 && now < last + Cooldown) return "PoolRecipientCoolingDown";
        if (amount > book.Available) return "PoolInsufficientFunds";
        if (!EmergencyActive(now) && book.Available - amount < book.Limits.ReserveFloor) return "PoolBelowReserve";
        return null;
    }

    private string Pay(PoolRequestModel request, ulong now)
    {
        var book = _books[request.Asset];
        request.Status = PoolRequestStatus.Paid;
        _lastPaidAt[request.Recipient] = now;
        book.Disburse(now, request.Amount);
        var delivered = CanReceive(request.Recipient, request.Asset);
        if (delivered)
        {
            Received(request.Recipient, request.Asset);
            book.PaidOut += request.Amount;
        }
        else
        {
            book.Owed += request.Amount;
            _owedTo[(request.Recipient, request.Asset)] = OwedTo(request.Recipient, request.Asset) + request.Amount;
        }
        Payouts.Add(new PoolPayout(request.Id, request.Asset, request.Amount, delivered, now));
        return $"{Ok} paid {request.Id} {(delivered ? "delivered" : "kept")}";
    }

    private bool CanReceive(int party, PoolAsset asset) => asset switch
    {
        PoolAsset.Eth => party != Hostile || HostileMode != HostileMode.Revert,
        PoolAsset.Token => party != BlockedTokenHolder,
        _ => true,
    };

    /// <summary>ETH reaching the HostileRecipient in Reenter mode makes it try to re-enter once.</summary>
    private void Received(int party, PoolAsset asset)
    {
        if (party == Hostile && asset == PoolAsset.Eth && HostileMode == HostileMode.Reenter) ReentryAttempts++;
    }

    private string? PendingChangeError(int changeId, ulong now)
    {
        if (changeId < 1 || changeId > Changes.Count) return "PoolUnknownChange";
        var change = Changes[changeId - 1];
        if (change.Status != PoolChangeStatus.Pending) return "PoolChangeNotPending";
        return now >= change.ExpiresAt ? "PoolChangeExpired" : null;
    }

    private string? ChangeError(PoolChangeKind kind, BigInteger value, ulong now) => kind switch
    {
        PoolChangeKind.SetCooldown when value > MaxCooldown => "PoolInvalidCooldown",
        PoolChangeKind.SetRequestLifetime when value < MinRequestLifetime || value > MaxRequestLifetime => "PoolInvalidRequestLifetime",
        PoolChangeKind.SetEmergencyThreshold when value.IsZero || value > MaxEmergencyThreshold => "PoolInvalidEmergencyThreshold",
        PoolChangeKind.DeclareEmergency when value.IsZero || value > MaxEmergencyDuration => "PoolInvalidEmergencyDuration",
        PoolChangeKind.EndEmergency when !EmergencyActive(now) => "PoolNoEmergency",
        PoolChangeKind.Unpause when !Paused => "PoolNotPaused",
        _ => null,
    };

    private void Apply(PoolChangeModel change, ulong now)
    {
        change.Status = PoolChangeStatus.Executed;
        switch (change.Kind)
        {
            case PoolChangeKind.SetCooldown:
                Cooldown = (ulong)change.Value;
                break;
            case PoolChangeKind.SetRequestLifetime:
                RequestLifetime = (ulong)change.Value;
                break;
            case PoolChangeKind.SetEmergencyThreshold:
                EmergencyThreshold = change.Value;
                break;
            case PoolChangeKind.DeclareEmergency:
                EmergencyEndsAt = now + (ulong)change.Value;
                break;
            case PoolChangeKind.EndEmergency:
                EmergencyEndsAt = now;
                break;
            case PoolChangeKind.Unpause:
                Paused = false;
                break;
        }
        _emergencyHistory.Add((now, EmergencyEndsAt, EmergencyThreshold));
    }
}
