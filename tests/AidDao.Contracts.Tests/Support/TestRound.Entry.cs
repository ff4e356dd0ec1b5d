using System.Numerics;
using AidDao.Contracts.FundingRound.ContractDefinition;
using AidDao.Contracts.RoundFactory.ContractDefinition;
using AidDao.Core;
using AidDao.Core.Chain;
using AidDao.Core.Transactions;
using Nethereum.Contracts;
using Nethereum.Hex.HexTypes;
using Nethereum.JsonRpc.Client;
using Nethereum.RPC.Eth.DTOs;
using Nethereum.Signer;
using FactoryRoundSetup = AidDao.Contracts.RoundFactory.ContractDefinition.RoundSetup;
using RoundContract = AidDao.Contracts.FundingRound.FundingRoundService;
using RoundFactoryContract = AidDao.Contracts.RoundFactory.RoundFactoryService;

namespace AidDao.Contracts.Tests.Support;

/// <summary>Helpers for the set-up, application and money-in tests: more rounds in the same community, raw factory calls, funded throw-away accounts.</summary>
internal sealed partial class TestRound
{
    /// <summary>The RoundFactory binding acting as dev account <paramref name="accountIndex"/>.</summary>
    public RoundFactoryContract FactoryAs(int accountIndex) => new(Pool.Web3(accountIndex), Community.Deployment.RoundFactory.Value);

    /// <summary>
    /// A copy of this round's set-up with the same durations rebased on <paramref name="now"/> (applications open at
    /// <paramref name="now"/>), then changed by <paramref name="adjust"/>.
    /// </summary>
    public FactoryRoundSetup SetupFrom(ulong now, Action<FactoryRoundSetup>? adjust = null)
    {
        var shift = now - Setup.ApplicationsStart;
        var setup = new FactoryRoundSetup
        {
            Name = Setup.Name,
            Asset = Setup.Asset,
            EmergencyPool = Setup.EmergencyPool,
            ApplicationsStart = Setup.ApplicationsStart + shift,
            ApplicationsEnd = Setup.ApplicationsEnd + shift,
            VotingStart = Setup.VotingStart + shift,
            VotingEnd = Setup.VotingEnd + shift,
            ReviewPeriod = Setup.ReviewPeriod,
            ClaimPeriod = Setup.ClaimPeriod,
            MinimumContribution = Setup.MinimumContribution,
            MatchingCapBps = Setup.MatchingCapBps,
            MaxProjects = Setup.MaxProjects,
            SpreadWholePool = Setup.SpreadWholePool,
            Mode = Setup.Mode,
            CreditMode = Setup.CreditMode,
            CreditsPerMember = Setup.CreditsPerMember,
            TokenRate = Setup.TokenRate,
        };
        adjust?.Invoke(setup);
        return setup;
    }

    /// <summary>Calls <c>createRound</c> as <paramref name="accountIndex"/> for this round's community (or <paramref name="community"/>).</summary>
    public Task<TransactionReceipt> CreateRoundAsync(int accountIndex, FactoryRoundSetup setup, string? community = null) =>
        SendAsync(s => FactoryAs(accountIndex).CreateRoundRequestAndWaitForReceiptAsync(community ?? Community.Address.Value, setup, s));

    /// <summary>
    /// Steward 0 creates another round in this community, with this round's set-up rebased on the chain's current time
    /// and changed by <paramref name="adjust"/>. The new round is not made a minter.
    /// </summary>
    public async Task<TestRound> CreateSiblingAsync(Action<FactoryRoundSetup>? adjust = null)
    {
        var setup = SetupFrom(await Pool.BlockTimeAsync(), adjust);
        var receipt = await CreateRoundAsync(0, setup);
        var address = EthAddress.FromChain(receipt.DecodeAllEvents<RoundCreatedEventDTO>().Single().Event.Round);
        return new TestRound(_devnet, Pool, address, setup, receipt);
    }

    /// <summary>Sets <paramref name="account"/>'s ETH balance (<c>anvil_setBalance</c>).</summary>
    public Task SetEthBalanceAsync(string account, BigInteger wei) =>
        Pool.Web3(0).Client.SendRequestAsync(new RpcRequest(Guid.NewGuid().ToString(), "anvil_setBalance", account, new HexBigInteger(wei).HexValue));

    /// <summary>A fresh random key (nobody else's account, not a member) holding <paramref name="wei"/>.</summary>
    public async Task<DevAccount> NewFundedAccountAsync(BigInteger wei)
    {
        var key = EthECKey.GenerateKey();
        var account = new DevAccount(-1, key.GetPublicAddress(), key.GetPrivateKey());
        await SetEthBalanceAsync(account.Address, wei);
        return account;
    }

    /// <summary>The generated FundingRound binding acting as <paramref name="account"/>.</summary>
    public RoundContract As(DevAccount account) => new(_devnet.CreateWeb3(account), Address.Value);

    /// <summary>
    /// Applications from outsider accounts 6, 7, ... (recipient <see cref="RecipientOf"/>(k)) reviewed by steward 0 as
    /// <paramref name="approve"/> says (null leaves one pending); the chain stays in the application window.
    /// </summary>
    public async Task<BigInteger[]> ApplyAndReviewAsync(params bool?[] approve)
    {
        var ids = new BigInteger[approve.Length];
        for (var k = 0; k < approve.Length; k++)
        {
            ids[k] = await ApplyAsync(6 + k % 4, RecipientOf(k + 1));
            if (approve[k] is { } decision) await ReviewAsync(0, ids[k], decision);
        }
        return ids;
    }

    /// <summary><c>contributeTo</c> sending <paramref name="value"/> wei, whatever the amount (for the value checks; nothing is minted or approved).</summary>
    public Task<TransactionReceipt> ContributeWithValueAsync(int accountIndex, BigInteger projectId, BigInteger amount, BigInteger value) =>
        SendAsync(s => As(accountIndex).ContributeToRequestAndWaitForReceiptAsync(
            new ContributeToFunction { ProjectId = projectId, Amount = amount, AmountToSend = value }, s));

    /// <summary><c>contribute</c> sending <paramref name="value"/> wei, whatever the amounts (for the value and batch checks).</summary>
    public Task<TransactionReceipt> ContributeBatchWithValueAsync(int accountIndex, IReadOnlyList<BigInteger> projectIds, IReadOnlyList<BigInteger> amounts, BigInteger value) =>
        SendAsync(s => As(accountIndex).ContributeRequestAndWaitForReceiptAsync(
            new ContributeFunction { ProjectIds = [.. projectIds], Amounts = [.. amounts], AmountToSend = value }, s));
}
