using System.Numerics;
using System.Text;
using AidDao.Contracts.EmergencyPool.ContractDefinition;
using AidDao.Contracts.Testing.TestToken;
using AidDao.Core;
using AidDao.Core.Chain;
using AidDao.Core.Communities;
using AidDao.Core.Pools;
using AidDao.Core.Transactions;
using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;
using Nethereum.JsonRpc.Client;
using Nethereum.RPC.Eth.DTOs;
using Nethereum.Util;
using Xunit;
using FactoryPoolSetup = AidDao.Contracts.CommunityFactory.ContractDefinition.PoolSetup;
using PoolContract = AidDao.Contracts.EmergencyPool.EmergencyPoolService;

namespace AidDao.Contracts.Tests.Support;

/// <summary>A pool created by <see cref="PoolBuilder"/>, with helpers for the usual steps (each decoded like the product's calls).</summary>
internal sealed class TestPool
{
    /// <summary>The details hash every helper-filed request carries.</summary>
    public static readonly byte[] Details = Sha3Keccack.Current.CalculateHash(Encoding.UTF8.GetBytes("rent for March"));

    private readonly Devnet _devnet;
    private readonly FactoryPoolSetup _setup;
    private readonly string? _stablecoin;
    private readonly string? _feeToken;

    public TestPool(Devnet devnet, TestCommunity community, EthAddress address, FactoryPoolSetup setup, TransactionReceipt creation, string? stablecoin, string? feeToken)
    {
        _devnet = devnet;
        _setup = setup;
        _stablecoin = stablecoin;
        _feeToken = feeToken;
        Community = community;
        Address = address;
        Creation = creation;
    }

    public TestCommunity Community { get; }

    public EthAddress Address { get; }

    /// <summary>The receipt of the factory's createPool transaction.</summary>
    public TransactionReceipt Creation { get; }

    /// <summary>The asset id of ETH (the zero address).</summary>
    public static string Eth => EthAddress.Zero.Value;

    public string Stablecoin => _stablecoin ?? throw new InvalidOperationException("Build the pool WithStablecoin().");

    public string FeeToken => _feeToken ?? throw new InvalidOperationException("Build the pool WithFeeToken(...).");

    /// <summary>The generated EmergencyPool binding acting as dev account <paramref name="accountIndex"/>.</summary>
    public PoolContract As(int accountIndex) => new(Web3(accountIndex), Address.Value);

    /// <summary>
    /// An ERC-20 binding for <paramref name="token"/> acting as <paramref name="accountIndex"/>: the TestToken binding also
    /// drives the fee token, whose mint, approve and balanceOf have the same signatures.
    /// </summary>
    public TestTokenService TokenAs(int accountIndex, string token) => new(Web3(accountIndex), token);

    /// <summary>
    /// A fresh copy of the factory set-up this pool was created with (to vary in set-up tests), plus
    /// <paramref name="extraAssets"/> with ETH's default limits.
    /// </summary>
    public FactoryPoolSetup NewSetup(params string[] extraAssets) => new()
    {
        Name = _setup.Name,
        Window = _setup.Window,
        Cooldown = _setup.Cooldown,
        RequestLifetime = _setup.RequestLifetime,
        EmergencyThreshold = _setup.EmergencyThreshold,
        Assets = [.. _setup.Assets, .. extraAssets],
        Limits = [.. _setup.Limits, .. extraAssets.Select(_ => PoolBuilder.ForFactory(PoolBuilder.DefaultEthLimits))],
    };

    public Task<TransactionReceipt> CreatePoolAsync(int accountIndex, FactoryPoolSetup setup, string? community = null) =>
        SendAsync(s => Community.FactoryContractAs(accountIndex).CreatePoolRequestAndWaitForReceiptAsync(community ?? Community.Address.Value, setup, s));

    public Task<TransactionReceipt> DepositEthAsync(int accountIndex, BigInteger wei) =>
        SendAsync(s => As(accountIndex).DepositRequestAndWaitForReceiptAsync(new DepositFunction { AmountToSend = wei }, s));

    /// <summary>Mints <paramref name="amount"/> of <paramref name="token"/> to the account, approves the pool and deposits it.</summary>
    public async Task<TransactionReceipt> DepositTokenAsync(int accountIndex, string token, BigInteger amount)
    {
        var erc20 = TokenAs(accountIndex, token);
        await SendAsync(s => erc20.MintRequestAndWaitForReceiptAsync(Web3(accountIndex).TransactionManager.Account.Address, amount, s));
        await SendAsync(s => erc20.ApproveRequestAndWaitForReceiptAsync(Address.Value, amount, s));
        return await SendAsync(s => As(accountIndex).DepositTokenRequestAndWaitForReceiptAsync(token, amount, s));
    }

    /// <summary>Member <paramref name="memberIndex"/> asks for <paramref name="amount"/> (ETH unless <paramref name="asset"/>) for <paramref name="recipient"/>.</summary>
    public async Task<BigInteger> RequestAidAsync(int memberIndex, BigInteger amount, string recipient, string? asset = null, byte urgency = 3)
    {
        var receipt = await SendAsync(s => As(memberIndex).RequestAidRequestAndWaitForReceiptAsync(asset ?? Eth, amount, recipient, urgency, Details, s));
        return Event<AidRequestedEventDTO>(receipt).RequestId;
    }

    public Task<TransactionReceipt> ApproveAsync(int stewardIndex, BigInteger requestId) =>
        SendAsync(s => As(stewardIndex).ApproveRequestAndWaitForReceiptAsync(requestId, s));

    public Task<TransactionReceipt> ExecuteAsync(int accountIndex, BigInteger requestId) =>
        SendAsync(s => As(accountIndex).ExecuteRequestAndWaitForReceiptAsync(requestId, s));

    public Task<TransactionReceipt> PauseAsync(int stewardIndex) =>
        SendAsync(s => As(stewardIndex).PauseRequestAndWaitForReceiptAsync(s));

    /// <summary>Stewards 1 and 2 approve: with M = 2 the second approval pays.</summary>
    public async Task<TransactionReceipt> ApproveByMAsync(BigInteger requestId)
    {
        await ApproveAsync(1, requestId);
        return await ApproveAsync(2, requestId);
    }

    /// <summary>Member 3 asks for <paramref name="amount"/> for <paramref name="recipient"/> and stewards 1 and 2 approve; returns the paying approval.</summary>
    public async Task<TransactionReceipt> PayAsync(BigInteger amount, string recipient, string? asset = null) =>
        await ApproveByMAsync(await RequestAidAsync(3, amount, recipient, asset));

    public Task<TransactionReceipt> ProposeChangeAsync(int stewardIndex, PoolChangeKind kind, string? asset = null, BigInteger? value = null,
        AssetLimits? limits = null, byte[]? reason = null) =>
        SendAsync(s => As(stewardIndex).ProposeChangeRequestAndWaitForReceiptAsync(
            (byte)kind, asset ?? Eth, value ?? BigInteger.Zero, reason ?? new byte[32], limits ?? PoolBuilder.Limits(0, 0, 0, 0, 0), s));

    public Task<TransactionReceipt> ApproveChangeAsync(int stewardIndex, BigInteger changeId) =>
        SendAsync(s => As(stewardIndex).ApproveChangeRequestAndWaitForReceiptAsync(changeId, s));

    /// <summary>Steward 0 proposes the change and steward 1 approves it (M = 2); returns the approval that applied it.</summary>
    public async Task<TransactionReceipt> PassChangeAsync(PoolChangeKind kind, string? asset = null, BigInteger? value = null, AssetLimits? limits = null, byte[]? reason = null)
    {
        var proposed = await ProposeChangeAsync(0, kind, asset, value, limits, reason);
        var applied = await ApproveChangeAsync(1, Event<ChangeProposedEventDTO>(proposed).ChangeId);
        Assert.Single(applied.DecodeAllEvents<ChangeExecutedEventDTO>());
        return applied;
    }

    /// <summary>A community proposal made by steward 0 and approved by steward 1 (M = 2).</summary>
    public async Task PassCommunityProposalAsync(Func<CommunityService, Task<ProposalResult>> propose)
    {
        var proposal = await propose(Community.As(0));
        Assert.True((await Community.As(1).ApproveAsync(proposal.ProposalId, Ct)).Executed);
    }

    public async Task<AidRequest> GetRequestAsync(BigInteger requestId) => (await As(0).GetRequestQueryAsync(requestId)).ReturnValue1;

    public async Task<AssetTotals> TotalsAsync(string asset) => (await As(0).AssetTotalsQueryAsync(asset)).ReturnValue1;

    public async Task<BigInteger> EthBalanceAsync(string account) => (await Web3(0).Eth.GetBalance.SendRequestAsync(account)).Value;

    /// <summary>The latest block's timestamp.</summary>
    public async Task<ulong> BlockTimeAsync() => (ulong)(await _devnet.GetBlockTimeAsync(Ct)).ToUnixTimeSeconds();

    /// <summary>Makes the next mined block (and calls estimated for it) carry <paramref name="timestamp"/>.</summary>
    public Task SetNextBlockTimeAsync(ulong timestamp) =>
        Web3(0).Client.SendRequestAsync(new RpcRequest(Guid.NewGuid().ToString(), "evm_setNextBlockTimestamp", timestamp));

    /// <summary>The single <typeparamref name="TEvent"/> event of a receipt.</summary>
    public static TEvent Event<TEvent>(TransactionReceipt receipt) where TEvent : IEventDTO, new() =>
        Assert.Single(receipt.DecodeAllEvents<TEvent>()).Event;

    public Nethereum.Web3.Web3 Web3(int accountIndex) => _devnet.CreateWeb3(_devnet.Accounts[accountIndex]);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<TransactionReceipt> SendAsync(Func<CancellationTokenSource, Task<TransactionReceipt>> send) => ChainCall.SendAsync(send, Ct);
}
