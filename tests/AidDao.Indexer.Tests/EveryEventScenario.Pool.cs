using System.Numerics;
using AidDao.Contracts.Testing.HostileRecipient;
using AidDao.Contracts.Testing.HostileRecipient.ContractDefinition;
using AidDao.Contracts.Testing.TestToken;
using AidDao.Contracts.Testing.TestToken.ContractDefinition;
using AidDao.Core;
using AidDao.Core.Communities;
using AidDao.Core.Pools;
using AidDao.Core.Transactions;

namespace AidDao.Indexer.Tests;

/// <summary>The pool part: deposits, requests in every state, pause, emergencies and every kind of change.</summary>
public sealed partial class EveryEventScenario
{
    private const byte HostileAccepts = 0;
    private const byte HostileRefuses = 1;

    private PoolAsset _stablecoin = null!;

    private static AssetRules EthRules => new(EthAddress.Zero, Ether, 2 * Ether, 10 * Ether, Ether / 2, Ether / 2);

    private async Task BuildPoolAsync()
    {
        var factory = new CommunityFactoryService(Web3(0), Deployment.CommunityFactory);
        Pool = (await factory.CreatePoolAsync(Community, new PoolConfiguration { Name = "Every Event Fund", Assets = [EthRules] }, _ct)).Pool;
        await PassAsync(s => s.ProposeMinterAsync(Pool, true, _ct));
        await PassChangeAsync(p => p.ProposeUnpauseAsync(_ct));

        var token = await TestTokenService.DeployContractAndGetServiceAsync(Web3(0), new TestTokenDeployment { Name = "Test USD", Symbol = "TUSD", Decimals = 6 });
        Stablecoin = EthAddress.FromChain(token.ContractAddress);
        _stablecoin = new PoolAsset(Stablecoin, "TUSD", 6);
        await ChainCall.SendAsync(s => token.MintRequestAndWaitForReceiptAsync(Account(9).Value, 1_000 * Coin, s), _ct);
        // One contribution token per coin: 10^18 token units per 10^6 coin units.
        await PassChangeAsync(p => p.ProposeAssetRulesAsync(new AssetRules(Stablecoin, Ether * Ether / Coin, 500 * Coin, 1_000 * Coin, 100 * Coin, 100 * Coin), _ct));

        await (await PoolAs(8)).DepositAsync(PoolAsset.Eth, 5 * Ether, _ct);
        var deposit = await (await PoolAs(4)).DepositAsync(PoolAsset.Eth, Ether, _ct);
        Track(deposit.Transaction, "deposit", Pool, deposit.Amount, deposit.DepositId);
        Track(deposit.Transaction, "tokens", Token, deposit.Minted, null);
        await (await PoolAs(9)).DepositAsync(_stablecoin, 1_000 * Coin, _ct);

        // Paid and delivered.
        var paid = await RequestAsync(3, PoolAsset.Eth, Ether / 2, Account(3), "Rent due on Friday");
        await (await PoolAs(0)).ApproveAsync(paid, _ct);
        await (await PoolAs(1)).ApproveAsync(paid, _ct);

        // Paid to a recipient that refuses ETH: kept for it, then withdrawn once it accepts.
        var hostile = await HostileRecipientService.DeployContractAndGetServiceAsync(Web3(0), new HostileRecipientDeployment { Pool = Pool.Value });
        await ChainCall.SendAsync(s => hostile.SetModeRequestAndWaitForReceiptAsync(HostileRefuses, 0, s), _ct);
        var kept = await RequestAsync(4, PoolAsset.Eth, 3 * Ether / 10, EthAddress.FromChain(hostile.ContractAddress), "Boiler repair (paid to the plumber's contract)");
        await (await PoolAs(0)).ApproveAsync(kept, _ct);
        await (await PoolAs(7)).ApproveAsync(kept, _ct);
        await ChainCall.SendAsync(s => hostile.SetModeRequestAndWaitForReceiptAsync(HostileAccepts, 0, s), _ct);
        await ChainCall.SendAsync(s => hostile.WithdrawOwedRequestAndWaitForReceiptAsync(s), _ct);

        var inCoins = await RequestAsync(6, _stablecoin, 200 * Coin, Account(6), "School uniform");
        await (await PoolAs(0)).ApproveAsync(inCoins, _ct);
        await (await PoolAs(1)).ApproveAsync(inCoins, _ct);

        var declined = await RequestAsync(4, PoolAsset.Eth, Ether, Account(4), "A new sofa");
        await (await PoolAs(0)).RejectAsync(declined, _ct);
        await (await PoolAs(1)).RejectAsync(declined, _ct);

        var cancelled = await RequestAsync(3, PoolAsset.Eth, Ether / 10, Account(3), "Groceries (a neighbour helped instead)");
        await (await PoolAs(3)).CancelAsync(cancelled, _ct);

        await (await PoolAs(7)).PauseAsync(_ct);
        await PassChangeAsync(p => p.ProposeUnpauseAsync(_ct));
        var withdrawn = await (await PoolAs(0)).ProposeChangeAsync(PoolChangeKind.SetWindow, value: 48 * 3600, cancellationToken: _ct);
        await (await PoolAs(0)).CancelChangeAsync(withdrawn.ChangeId, _ct);
        await PassChangeAsync(p => p.ProposeChangeAsync(PoolChangeKind.SetWindow, value: 48 * 3600, cancellationToken: _ct));
        await PassChangeAsync(p => p.ProposeChangeAsync(PoolChangeKind.SetCooldown, value: 24 * 3600, cancellationToken: _ct));

        // An emergency: one steward pays a small uncontested request (the fast path), then the emergency is ended early.
        await PassChangeAsync(p => p.DeclareEmergencyAsync(TimeSpan.FromDays(1), "Flood on Mill Street", _ct));
        var fast = await RequestAsync(6, PoolAsset.Eth, Ether / 5, Account(8), "Emergency shelter for a flooded family");
        await (await PoolAs(0)).ApproveAsync(fast, _ct);
        await PassChangeAsync(p => p.EndEmergencyAsync(_ct));
        await PassChangeAsync(p => p.ProposeChangeAsync(PoolChangeKind.SetEmergencyThreshold, value: 2, cancellationToken: _ct));

        // Requests now live an hour: this one expires while the rounds run.
        await PassChangeAsync(p => p.ProposeChangeAsync(PoolChangeKind.SetRequestLifetime, value: 3600, cancellationToken: _ct));
        await RequestAsync(3, PoolAsset.Eth, Ether / 10, Account(3), "Bus fare (asked too late)");

        PausedPool = (await factory.CreatePoolAsync(Community, new PoolConfiguration { Name = "Winter Fuel Fund", Assets = [EthRules] }, _ct)).Pool;
    }

    /// <summary>After the rounds: a request that stays pending, an emergency in force, and the stablecoin removed.</summary>
    private async Task FinishPoolAsync()
    {
        await PassChangeAsync(p => p.ProposeChangeAsync(PoolChangeKind.SetRequestLifetime, value: 60 * 86_400, cancellationToken: _ct));
        await RequestAsync(6, PoolAsset.Eth, Ether / 10, Account(6), "Heating oil top-up");
        await PassChangeAsync(p => p.DeclareEmergencyAsync(TimeSpan.FromDays(1), "Storm damage on the estate", _ct));
        await PassChangeAsync(p => p.ProposeChangeAsync(PoolChangeKind.RemoveAsset, Stablecoin, cancellationToken: _ct));
    }

    private Task<EmergencyPoolService> PoolAs(int index) => EmergencyPoolService.ConnectAsync(Web3(index), Pool, _ct);

    /// <summary>Member <paramref name="member"/> asks the pool; the request is recorded (and tracked for member 4).</summary>
    private async Task<BigInteger> RequestAsync(int member, PoolAsset asset, BigInteger amount, EthAddress recipient, string details)
    {
        var requested = await (await PoolAs(member)).RequestAidAsync(asset, amount, recipient, 3, DetailsHash.Of(details), _ct);
        _requests.Add(requested.RequestId);
        if (Account(member) == Tracked) Track(requested.Transaction, "request", Pool, amount, requested.RequestId);
        return requested.RequestId;
    }

    /// <summary>Steward 0 proposes a pool change; steward 1 approves it (M = 2).</summary>
    private async Task PassChangeAsync(Func<EmergencyPoolService, Task<PoolChangeResult>> propose)
    {
        var proposed = await propose(await PoolAs(0));
        if (!proposed.Executed) await (await PoolAs(1)).ApproveChangeAsync(proposed.ChangeId, _ct);
    }
}
