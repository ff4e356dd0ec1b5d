using System.Numerics;
using AidDao.Contracts.EmergencyPool.ContractDefinition;
using AidDao.Core.Transactions;
using Nethereum.Contracts;
using Nethereum.RPC.Eth.DTOs;
using Nethereum.Web3;
using CommunityContract = AidDao.Contracts.Community.CommunityService;
using PoolContract = AidDao.Contracts.EmergencyPool.EmergencyPoolService;

namespace AidDao.Core.Pools;

/// <summary>
/// What donors, members and stewards do with an emergency pool, in their words: deposit, ask for aid, approve or reject,
/// pause, declare an emergency, read the pool's state. Every call runs as the account of the <see cref="IWeb3"/> it was
/// made with. Contract refusals arrive as <see cref="ContractRevertedException"/> whose sentence writes amounts in the
/// asset's own symbol and decimals ("exceeds the pool's per-request limit of 2 ETH").
/// </summary>
public sealed class EmergencyPoolService
{
    private readonly IWeb3 _web3;
    private readonly PoolContract _contract;
    private readonly CommunityContract _community;
    private readonly Dictionary<EthAddress, PoolAsset> _assets;

    private EmergencyPoolService(IWeb3 web3, EthAddress address, EthAddress community, EthAddress token, Dictionary<EthAddress, PoolAsset> assets)
    {
        _web3 = web3;
        _contract = new PoolContract(web3, address.Value);
        _community = new CommunityContract(web3, community.Value);
        _assets = assets;
        Address = address;
        Community = community;
        ContributionToken = token;
    }

    /// <summary>The pool contract.</summary>
    public EthAddress Address { get; }

    /// <summary>The pool's community.</summary>
    public EthAddress Community { get; }

    /// <summary>The community's contribution token (minted to donors).</summary>
    public EthAddress ContributionToken { get; }

    /// <summary>The account this service acts as.</summary>
    public EthAddress Caller => EthAddress.FromChain(_web3.TransactionManager.Account.Address);

    /// <summary>
    /// Connects to the pool at <paramref name="address"/>, checking that an emergency pool is there, and reads the
    /// symbol and decimals of the assets it accepts.
    /// </summary>
    public static async Task<EmergencyPoolService> ConnectAsync(IWeb3 web3, EthAddress address, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(web3);
        await ContractCode.RequireAsync(web3, address, "contract", cancellationToken).ConfigureAwait(false);
        var contract = new PoolContract(web3, address.Value);
        string community, token;
        List<string> assets;
        try
        {
            community = await ChainCall.QueryAsync(() => contract.CommunityQueryAsync(), cancellationToken).ConfigureAwait(false);
            token = await ChainCall.QueryAsync(() => contract.TokenQueryAsync(), cancellationToken).ConfigureAwait(false);
            assets = await ChainCall.QueryAsync(() => contract.AssetsQueryAsync(), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException and not ChainUnavailableException)
        {
            throw new AidDaoInputException($"The contract at {address} is not an AidDao emergency pool: check the pool address.", exception);
        }
        if (!EthAddress.TryParse(community, out var communityAddress) || communityAddress.IsZero)
            throw new AidDaoInputException($"The contract at {address} is not a set-up AidDao emergency pool: check the pool address.");
        var known = new Dictionary<EthAddress, PoolAsset> { [EthAddress.Zero] = PoolAsset.Eth };
        foreach (var asset in assets.Select(EthAddress.FromChain).Where(a => !a.IsZero))
            known[asset] = await ReadAssetAsync(web3, asset, cancellationToken).ConfigureAwait(false);
        return new EmergencyPoolService(web3, address, communityAddress, EthAddress.FromChain(token), known);
    }

    /// <summary>The symbol and decimals of <paramref name="asset"/> (ETH for the zero address).</summary>
    public async Task<PoolAsset> GetAssetAsync(EthAddress asset, CancellationToken cancellationToken = default)
    {
        if (_assets.TryGetValue(asset, out var known)) return known;
        var read = await ReadAssetAsync(_web3, asset, cancellationToken).ConfigureAwait(false);
        _assets[asset] = read;
        return read;
    }

    /// <summary>
    /// Finds an accepted asset by symbol ("ETH", "USDC", case-insensitive) or address; an unknown one gives an
    /// <see cref="AidDaoInputException"/> that lists what the pool accepts.
    /// </summary>
    public async Task<PoolAsset> FindAssetAsync(string symbolOrAddress, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(symbolOrAddress);
        var accepted = await Query(() => _contract.AssetsQueryAsync(), cancellationToken).ConfigureAwait(false);
        var assets = new List<PoolAsset>();
        foreach (var address in accepted.Select(EthAddress.FromChain))
            assets.Add(await GetAssetAsync(address, cancellationToken).ConfigureAwait(false));
        var match = EthAddress.TryParse(symbolOrAddress, out var parsed)
            ? assets.FirstOrDefault(a => a.Address == parsed)
            : assets.SingleOrDefault(a => string.Equals(a.Symbol, symbolOrAddress.Trim(), StringComparison.OrdinalIgnoreCase));
        return match ?? throw new AidDaoInputException(
            $"This pool does not accept '{Redaction.Input(symbolOrAddress)}'; it accepts {(assets.Count == 0 ? "nothing yet" : string.Join(", ", assets.Select(a => a.Symbol)))}.");
    }

    // ------------------------------------------------------------------------------------------- money in

    /// <summary>
    /// Deposits <paramref name="amount"/> (smallest units) of <paramref name="asset"/>. For a token, the pool is first
    /// approved for the amount when its allowance is short. The result says what actually arrived and what was minted.
    /// </summary>
    public async Task<DepositResult> DepositAsync(PoolAsset asset, BigInteger amount, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(asset);
        if (amount.Sign <= 0) throw new AidDaoInputException("A deposit must be above zero.");
        TransactionReceipt receipt;
        if (asset.IsEth)
        {
            receipt = await Send(source => _contract.DepositRequestAndWaitForReceiptAsync(new DepositFunction { AmountToSend = amount }, source), cancellationToken).ConfigureAwait(false);
        }
        else
        {
            var erc20 = _web3.Eth.ERC20.GetContractService(asset.Address.Value);
            var allowance = await Query(() => erc20.AllowanceQueryAsync(Caller.Value, Address.Value), cancellationToken).ConfigureAwait(false);
            if (allowance < amount)
                await Send(source => erc20.ApproveRequestAndWaitForReceiptAsync(Address.Value, amount, source.Token), cancellationToken).ConfigureAwait(false);
            receipt = await Send(source => _contract.DepositTokenRequestAndWaitForReceiptAsync(asset.Address.Value, amount, source), cancellationToken).ConfigureAwait(false);
        }
        var deposited = receipt.DecodeAllEvents<DepositedEventDTO>().Single().Event;
        return new DepositResult(deposited.DepositId, asset, deposited.Amount, deposited.Minted, receipt.Outcome());
    }

    // ------------------------------------------------------------------------------------------- requests

    /// <summary>
    /// As a member, asks for <paramref name="amount"/> of <paramref name="asset"/> for <paramref name="recipient"/>.
    /// Only <paramref name="detailsHash"/> (see <see cref="DetailsHash"/>) goes on-chain.
    /// </summary>
    public async Task<AidRequestResult> RequestAidAsync(PoolAsset asset, BigInteger amount, EthAddress recipient, int urgency, byte[] detailsHash, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(asset);
        ArgumentNullException.ThrowIfNull(detailsHash);
        if (amount.Sign <= 0) throw new AidDaoInputException("The amount asked must be above zero.");
        if (urgency is < 1 or > 5) throw new AidDaoInputException($"Urgency {urgency} is not valid: use 1 (can wait) to 5 (life or safety).");
        if (detailsHash.Length != 32) throw new AidDaoInputException("A details hash is 32 bytes.");
        var receipt = await Send(source => _contract.RequestAidRequestAndWaitForReceiptAsync(
            asset.Address.Value, amount, recipient.Value, (byte)urgency, detailsHash, source), cancellationToken).ConfigureAwait(false);
        var requested = receipt.DecodeAllEvents<AidRequestedEventDTO>().Single().Event;
        return new AidRequestResult(requested.RequestId, DateTimeOffset.FromUnixTimeSeconds((long)requested.ExpiresAt), receipt.Outcome());
    }

    /// <summary>As a steward, approves request <paramref name="requestId"/>; the approval that reaches the threshold pays it.</summary>
    public async Task<DecisionResult> ApproveAsync(BigInteger requestId, CancellationToken cancellationToken = default)
    {
        var receipt = await Send(source => _contract.ApproveRequestAndWaitForReceiptAsync(requestId, source), cancellationToken).ConfigureAwait(false);
        var approved = receipt.DecodeAllEvents<RequestApprovedEventDTO>().Single().Event;
        var paid = receipt.DecodeAllEvents<AidPaidEventDTO>().SingleOrDefault()?.Event;
        return new DecisionResult(requestId, (int)approved.Approvals, (int)approved.Required, paid is not null, paid?.Delivered ?? false, false, receipt.Outcome());
    }

    /// <summary>As a steward, rejects request <paramref name="requestId"/>; M rejections close it.</summary>
    public async Task<DecisionResult> RejectAsync(BigInteger requestId, CancellationToken cancellationToken = default)
    {
        var receipt = await Send(source => _contract.RejectRequestAndWaitForReceiptAsync(requestId, source), cancellationToken).ConfigureAwait(false);
        var rejected = receipt.DecodeAllEvents<RequestRejectedEventDTO>().Single().Event;
        var declined = receipt.DecodeAllEvents<RequestDeclinedEventDTO>().Count != 0;
        return new DecisionResult(requestId, (int)rejected.Rejections, (int)rejected.Threshold, false, false, declined, receipt.Outcome());
    }

    /// <summary>Pays a request that already has enough approvals (after an emergency, an unpause or a new window).</summary>
    public async Task<DecisionResult> ExecuteAsync(BigInteger requestId, CancellationToken cancellationToken = default)
    {
        var receipt = await Send(source => _contract.ExecuteRequestAndWaitForReceiptAsync(requestId, source), cancellationToken).ConfigureAwait(false);
        var paid = receipt.DecodeAllEvents<AidPaidEventDTO>().Single().Event;
        var info = await GetRequestAsync(requestId, cancellationToken).ConfigureAwait(false);
        return new DecisionResult(requestId, info.Approvals, info.RequiredApprovals, true, paid.Delivered, false, receipt.Outcome());
    }

    /// <summary>As the requester, withdraws a pending request.</summary>
    public async Task<TransactionOutcome> CancelAsync(BigInteger requestId, CancellationToken cancellationToken = default) =>
        (await Send(source => _contract.CancelRequestAndWaitForReceiptAsync(requestId, source), cancellationToken).ConfigureAwait(false)).Outcome();

    /// <summary>Withdraws what the pool keeps for the caller in <paramref name="asset"/> to <paramref name="to"/>.</summary>
    public async Task<TransactionOutcome> WithdrawAsync(PoolAsset asset, EthAddress to, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(asset);
        return (await Send(source => _contract.WithdrawRequestAndWaitForReceiptAsync(asset.Address.Value, to.Value, source), cancellationToken).ConfigureAwait(false)).Outcome();
    }

    // ------------------------------------------------------------------------------------------- stewardship

    /// <summary>As a steward, stops payments at once; resuming needs an Unpause change approved by M stewards.</summary>
    public async Task<TransactionOutcome> PauseAsync(CancellationToken cancellationToken = default) =>
        (await Send(source => _contract.PauseRequestAndWaitForReceiptAsync(source), cancellationToken).ConfigureAwait(false)).Outcome();

    /// <summary>
    /// As a steward, proposes (and approves) a change to the pool's rules; with M = 1 it takes effect at once.
    /// </summary>
    /// <param name="kind">What to change.</param>
    /// <param name="asset">The asset for asset changes.</param>
    /// <param name="value">Seconds for window, cooldown, lifetime and emergency duration; approvals for the emergency threshold.</param>
    /// <param name="reason">The hash of an emergency's off-chain statement.</param>
    /// <param name="rules">The asset's new limits for <see cref="PoolChangeKind.SetAssetLimits"/>.</param>
    /// <param name="cancellationToken">Cancels waiting.</param>
    public async Task<PoolChangeResult> ProposeChangeAsync(PoolChangeKind kind, EthAddress? asset = null, BigInteger? value = null, byte[]? reason = null,
        AssetRules? rules = null, CancellationToken cancellationToken = default)
    {
        if (!Enum.IsDefined(kind)) throw new AidDaoInputException($"'{kind}' is not a pool change.");
        if (value is { Sign: < 0 }) throw new AidDaoInputException("A change's value cannot be negative.");
        if (reason is { Length: not 32 }) throw new AidDaoInputException("A reason hash is 32 bytes.");
        if (kind == PoolChangeKind.SetAssetLimits)
        {
            if (rules is null) throw new AidDaoInputException("A SetAssetLimits change needs the asset's limits.");
            rules.Validate();
            asset = rules.Asset;
        }
        var limits = new AssetLimits
        {
            MintRate = rules?.MintRate ?? 0,
            PerRequestMax = rules?.PerRequestMax ?? 0,
            WindowCap = rules?.WindowCap ?? 0,
            ReserveFloor = rules?.ReserveFloor ?? 0,
            FastPathCap = rules?.FastPathCap ?? 0,
        };
        var receipt = await Send(source => _contract.ProposeChangeRequestAndWaitForReceiptAsync(
            (byte)kind, (asset ?? EthAddress.Zero).Value, value ?? BigInteger.Zero, reason ?? new byte[32], limits, source), cancellationToken).ConfigureAwait(false);
        return ChangeOutcome(receipt);
    }

    /// <summary>As a steward, proposes an emergency of <paramref name="duration"/>, with the hash of its public statement.</summary>
    public Task<PoolChangeResult> DeclareEmergencyAsync(TimeSpan duration, string statement, CancellationToken cancellationToken = default)
    {
        if (duration < TimeSpan.FromSeconds(1) || duration > TimeSpan.FromDays(30))
            throw new AidDaoInputException("An emergency lasts from 1 second to 30 days; declare it again to extend it.");
        return ProposeChangeAsync(PoolChangeKind.DeclareEmergency, null, (long)duration.TotalSeconds, DetailsHash.Of(statement), null, cancellationToken);
    }

    /// <summary>As a steward, proposes ending the emergency early.</summary>
    public Task<PoolChangeResult> EndEmergencyAsync(CancellationToken cancellationToken = default) =>
        ProposeChangeAsync(PoolChangeKind.EndEmergency, cancellationToken: cancellationToken);

    /// <summary>As a steward, proposes resuming payments.</summary>
    public Task<PoolChangeResult> ProposeUnpauseAsync(CancellationToken cancellationToken = default) =>
        ProposeChangeAsync(PoolChangeKind.Unpause, cancellationToken: cancellationToken);

    /// <summary>As a steward, proposes allowing an asset or changing its limits.</summary>
    public Task<PoolChangeResult> ProposeAssetRulesAsync(AssetRules rules, CancellationToken cancellationToken = default) =>
        ProposeChangeAsync(PoolChangeKind.SetAssetLimits, rules: rules, cancellationToken: cancellationToken);

    /// <summary>As a steward, approves change <paramref name="changeId"/>; the approval that reaches M applies it.</summary>
    public async Task<PoolChangeResult> ApproveChangeAsync(BigInteger changeId, CancellationToken cancellationToken = default) =>
        ChangeOutcome(await Send(source => _contract.ApproveChangeRequestAndWaitForReceiptAsync(changeId, source), cancellationToken).ConfigureAwait(false));

    /// <summary>As its proposer, withdraws a pending change.</summary>
    public async Task<TransactionOutcome> CancelChangeAsync(BigInteger changeId, CancellationToken cancellationToken = default) =>
        (await Send(source => _contract.CancelChangeRequestAndWaitForReceiptAsync(changeId, source), cancellationToken).ConfigureAwait(false)).Outcome();

    // ------------------------------------------------------------------------------------------- reading

    /// <summary>Reads request <paramref name="requestId"/> with its current decisions.</summary>
    public async Task<AidRequestInfo> GetRequestAsync(BigInteger requestId, CancellationToken cancellationToken = default)
    {
        var request = (await Query(() => _contract.GetRequestQueryAsync(requestId), cancellationToken).ConfigureAwait(false)).ReturnValue1;
        var expired = await Query(() => _contract.IsExpiredQueryAsync(requestId), cancellationToken).ConfigureAwait(false);
        var approvals = await Query(() => _contract.ApprovalCountQueryAsync(requestId), cancellationToken).ConfigureAwait(false);
        var rejections = await Query(() => _contract.RejectionCountQueryAsync(requestId), cancellationToken).ConfigureAwait(false);
        var required = await Query(() => _contract.RequiredApprovalsQueryAsync(requestId), cancellationToken).ConfigureAwait(false);
        var asset = await GetAssetAsync(EthAddress.FromChain(request.Asset), cancellationToken).ConfigureAwait(false);
        return new AidRequestInfo(requestId, EthAddress.FromChain(request.Requester), EthAddress.FromChain(request.Recipient), asset, request.Amount,
            request.Urgency, expired ? AidRequestState.Expired : (AidRequestState)request.Status,
            DateTimeOffset.FromUnixTimeSeconds((long)request.CreatedAt), DateTimeOffset.FromUnixTimeSeconds((long)request.ExpiresAt),
            "0x" + Convert.ToHexStringLower(request.DetailsHash), (int)approvals, (int)rejections, (int)required);
    }

    /// <summary>
    /// Reads the pool's rules, its money per asset and the open requests (the latest <paramref name="scanLimit"/> requests
    /// are scanned for open ones).
    /// </summary>
    public async Task<PoolStatus> GetStatusAsync(int scanLimit = 200, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(scanLimit);
        var name = await Query(() => _contract.NameQueryAsync(), cancellationToken).ConfigureAwait(false);
        var settings = (await Query(() => _contract.SettingsQueryAsync(), cancellationToken).ConfigureAwait(false)).ReturnValue1;
        var emergency = await Query(() => _contract.EmergencyActiveQueryAsync(), cancellationToken).ConfigureAwait(false);
        var threshold = await Query(() => _community.ThresholdQueryAsync(), cancellationToken).ConfigureAwait(false);
        var accepted = await Query(() => _contract.AssetsQueryAsync(), cancellationToken).ConfigureAwait(false);
        var assets = new List<AssetStatus>(accepted.Count);
        foreach (var address in accepted.Select(EthAddress.FromChain))
        {
            var asset = await GetAssetAsync(address, cancellationToken).ConfigureAwait(false);
            var limits = (await Query(() => _contract.AssetLimitsQueryAsync(address.Value), cancellationToken).ConfigureAwait(false)).Limits;
            var totals = (await Query(() => _contract.AssetTotalsQueryAsync(address.Value), cancellationToken).ConfigureAwait(false)).ReturnValue1;
            assets.Add(new AssetStatus(asset,
                new AssetRules(address, limits.MintRate, limits.PerRequestMax, limits.WindowCap, limits.ReserveFloor, limits.FastPathCap),
                totals.Deposited, totals.PaidOut, totals.Owed, totals.Available, totals.WindowUsed));
        }
        var count = (int)await Query(() => _contract.RequestCountQueryAsync(), cancellationToken).ConfigureAwait(false);
        var pending = new List<AidRequestInfo>();
        for (var id = count; id >= 1 && id > count - scanLimit; id--)
        {
            var request = await GetRequestAsync(id, cancellationToken).ConfigureAwait(false);
            if (request.State == AidRequestState.Pending) pending.Add(request);
        }
        return new PoolStatus(Address, name, Community, (int)threshold, TimeSpan.FromSeconds(settings.Window), TimeSpan.FromSeconds(settings.Cooldown),
            TimeSpan.FromSeconds(settings.RequestLifetime), (int)settings.EmergencyThreshold,
            emergency ? DateTimeOffset.FromUnixTimeSeconds((long)settings.EmergencyEndsAt) : null, settings.Paused, assets,
            [.. pending.OrderByDescending(r => r.Urgency).ThenBy(r => r.Id)], count);
    }

    /// <summary>What the pool keeps for <paramref name="account"/> in <paramref name="asset"/> (payments they could not take).</summary>
    public Task<BigInteger> GetOwedAsync(EthAddress account, PoolAsset asset, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(asset);
        return Query(() => _contract.OwedToQueryAsync(account.Value, asset.Address.Value), cancellationToken);
    }

    // ------------------------------------------------------------------------------------------- plumbing

    private static PoolChangeResult ChangeOutcome(TransactionReceipt receipt)
    {
        var approved = receipt.DecodeAllEvents<ChangeApprovedEventDTO>().Single().Event;
        var executed = receipt.DecodeAllEvents<ChangeExecutedEventDTO>().Count != 0;
        return new PoolChangeResult(approved.ChangeId, (int)approved.Approvals, (int)approved.Threshold, executed, receipt.Outcome());
    }

    private static Task<PoolAsset> ReadAssetAsync(IWeb3 web3, EthAddress asset, CancellationToken cancellationToken) =>
        PoolAsset.ReadAsync(web3, asset, cancellationToken);

    private string FormatAmount(EthAddress asset, BigInteger units) =>
        _assets.TryGetValue(asset, out var known) ? known.Format(units) : $"{units} units of {asset}";

    private async Task<TransactionReceipt> Send(Func<CancellationTokenSource, Task<TransactionReceipt>> send, CancellationToken cancellationToken)
    {
        try
        {
            return await ChainCall.SendAsync(send, cancellationToken).ConfigureAwait(false);
        }
        catch (ContractRevertedException reverted)
        {
            throw reverted.WithAmounts(FormatAmount);
        }
    }

    private static Task<T> Query<T>(Func<Task<T>> query, CancellationToken cancellationToken) => ChainCall.QueryAsync(query, cancellationToken);
}
