using System.Numerics;
using AidDao.Contracts.FundingRound.ContractDefinition;
using AidDao.Contracts.Testing.TestToken;
using AidDao.Core;
using AidDao.Core.Chain;
using AidDao.Core.Transactions;
using Nethereum.Contracts;
using Nethereum.JsonRpc.Client;
using Nethereum.RPC.Eth.DTOs;
using Nethereum.Util;
using Xunit;
using FactoryRoundSetup = AidDao.Contracts.RoundFactory.ContractDefinition.RoundSetup;
using RoundContract = AidDao.Contracts.FundingRound.FundingRoundService;

namespace AidDao.Contracts.Tests.Support;

/// <summary>A round created by <see cref="RoundBuilder"/>, with helpers for the usual steps (reverts decoded like the product's calls).</summary>
internal sealed partial class TestRound
{
    /// <summary>The metadata hash every helper-made application carries.</summary>
    public static readonly byte[] Metadata = Sha3Keccack.Current.CalculateHash("community garden"u8.ToArray());

    private readonly Devnet _devnet;

    public TestRound(Devnet devnet, TestPool pool, EthAddress address, FactoryRoundSetup setup, TransactionReceipt creation)
    {
        _devnet = devnet;
        Pool = pool;
        Address = address;
        Setup = setup;
        Creation = creation;
    }

    /// <summary>The community's emergency pool (its community is the round's).</summary>
    public TestPool Pool { get; }

    public TestCommunity Community => Pool.Community;

    public EthAddress Address { get; }

    /// <summary>The set-up the round was created with (times are absolute).</summary>
    public FactoryRoundSetup Setup { get; }

    /// <summary>The receipt of the factory's createRound transaction.</summary>
    public TransactionReceipt Creation { get; }

    public bool IsEth => Setup.Asset == TestPool.Eth;

    /// <summary>A fixed, key-less recipient address for project <paramref name="k"/> (empty account until paid).</summary>
    public static string RecipientOf(int k) => new AddressUtil().ConvertToChecksumAddress($"0x{0xA1D0000 + k:x40}");

    /// <summary>Dev account <paramref name="index"/>'s address.</summary>
    public string AddressOf(int index) => _devnet.Accounts[index].Address;

    /// <summary>The generated FundingRound binding acting as dev account <paramref name="accountIndex"/>.</summary>
    public RoundContract As(int accountIndex) => new(Pool.Web3(accountIndex), Address.Value);

    public async Task<BigInteger> ApplyAsync(int accountIndex, string recipient, byte[]? metadata = null)
    {
        var receipt = await SendAsync(s => As(accountIndex).ApplyForFundingRequestAndWaitForReceiptAsync(recipient, metadata ?? Metadata, s));
        return TestPool.Event<ProjectAppliedEventDTO>(receipt).ProjectId;
    }

    public Task<TransactionReceipt> ReviewAsync(int stewardIndex, BigInteger projectId, bool approve) =>
        SendAsync(s => As(stewardIndex).ReviewProjectRequestAndWaitForReceiptAsync(projectId, approve, s));

    /// <summary>Makes the next block carry <paramref name="timestamp"/> and mines it.</summary>
    public async Task MoveToAsync(ulong timestamp)
    {
        await Pool.SetNextBlockTimeAsync(timestamp);
        await _devnet.MineAsync(1, Ct);
    }

    public Task MoveToVotingAsync() => MoveToAsync(Setup.VotingStart);

    /// <summary>Moves to the first second finalize is allowed (votingEnd + reviewPeriod).</summary>
    public Task MoveToFinalizeAsync() => MoveToAsync(Setup.VotingEnd + Setup.ReviewPeriod);

    /// <summary>Gives <paramref name="accountIndex"/> <paramref name="amount"/> of the stablecoin and approves the round for it.</summary>
    public async Task MintAndApproveAsync(int accountIndex, BigInteger amount)
    {
        var token = new TestTokenService(Pool.Web3(accountIndex), Setup.Asset);
        await SendAsync(s => token.MintRequestAndWaitForReceiptAsync(AddressOf(accountIndex), amount, s));
        await SendAsync(s => token.ApproveRequestAndWaitForReceiptAsync(Address.Value, amount, s));
    }

    public async Task<TransactionReceipt> FundMatchingAsync(int accountIndex, BigInteger amount)
    {
        if (!IsEth) await MintAndApproveAsync(accountIndex, amount);
        return await SendAsync(s => As(accountIndex).FundMatchingRequestAndWaitForReceiptAsync(
            new FundMatchingFunction { Amount = amount, AmountToSend = IsEth ? amount : 0 }, s));
    }

    /// <summary>One contribution through <c>contributeTo</c> (ERC-20 rounds: minted and approved first).</summary>
    public async Task<TransactionReceipt> ContributeAsync(int accountIndex, BigInteger projectId, BigInteger amount)
    {
        if (!IsEth) await MintAndApproveAsync(accountIndex, amount);
        return await SendAsync(s => As(accountIndex).ContributeToRequestAndWaitForReceiptAsync(
            new ContributeToFunction { ProjectId = projectId, Amount = amount, AmountToSend = IsEth ? amount : 0 }, s));
    }

    /// <summary>One batch through <c>contribute</c> (ERC-20 rounds: the sum minted and approved first).</summary>
    public async Task<TransactionReceipt> ContributeBatchAsync(int accountIndex, IReadOnlyList<BigInteger> projectIds, IReadOnlyList<BigInteger> amounts)
    {
        var total = amounts.Aggregate(BigInteger.Zero, (a, b) => a + b);
        if (!IsEth) await MintAndApproveAsync(accountIndex, total);
        return await SendAsync(s => As(accountIndex).ContributeRequestAndWaitForReceiptAsync(
            new ContributeFunction { ProjectIds = [.. projectIds], Amounts = [.. amounts], AmountToSend = IsEth ? total : 0 }, s));
    }

    public Task<TransactionReceipt> VoteAsync(int accountIndex, IReadOnlyList<BigInteger> projectIds, IReadOnlyList<BigInteger> credits) =>
        SendAsync(s => As(accountIndex).VoteRequestAndWaitForReceiptAsync([.. projectIds], [.. credits], s));

    public Task<TransactionReceipt> FinalizeAsync(int accountIndex = 8) =>
        SendAsync(s => As(accountIndex).FinalizeRequestAndWaitForReceiptAsync(s));

    public Task<TransactionReceipt> ApproveCancelAsync(int stewardIndex) =>
        SendAsync(s => As(stewardIndex).ApproveCancelRequestAndWaitForReceiptAsync(s));

    /// <summary>Stewards 0 and 1 approve cancelling (M = 2).</summary>
    public async Task CancelAsync()
    {
        await ApproveCancelAsync(0);
        await ApproveCancelAsync(1);
    }

    public async Task<ProjectTotals> TotalsAsync(BigInteger projectId) => (await As(0).ProjectTotalsQueryAsync(projectId)).ReturnValue1;

    public async Task<Stake> StakeAsync(int accountIndex, BigInteger projectId) =>
        (await As(0).StakeOfQueryAsync(AddressOf(accountIndex), projectId)).ReturnValue1;

    public async Task<Outcome> OutcomeAsync() => (await As(0).OutcomeQueryAsync()).ReturnValue1;

    /// <summary>The balance of the round's asset held by <paramref name="account"/>.</summary>
    public async Task<BigInteger> BalanceAsync(string account) => IsEth
        ? await Pool.EthBalanceAsync(account)
        : await new TestTokenService(Pool.Web3(0), Setup.Asset).BalanceOfQueryAsync(account);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<TransactionReceipt> SendAsync(Func<CancellationTokenSource, Task<TransactionReceipt>> send) => ChainCall.SendAsync(send, Ct);
}
