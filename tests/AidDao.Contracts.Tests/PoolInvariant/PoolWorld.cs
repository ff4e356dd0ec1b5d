using System.Numerics;
using AidDao.Contracts.EmergencyPool;
using AidDao.Contracts.Testing.FeeOnTransferToken;
using AidDao.Contracts.Testing.FeeOnTransferToken.ContractDefinition;
using AidDao.Contracts.Testing.HostileRecipient;
using AidDao.Contracts.Testing.HostileRecipient.ContractDefinition;
using AidDao.Contracts.Testing.TestToken;
using AidDao.Contracts.Testing.TestToken.ContractDefinition;
using AidDao.Contracts.Tests.Support;
using AidDao.Core;
using AidDao.Core.Chain;
using AidDao.Core.Transactions;
using Nethereum.Contracts;
using Nethereum.Hex.HexTypes;
using Nethereum.JsonRpc.Client;
using Nethereum.RPC.Eth.DTOs;
using FactoryAssetLimits = AidDao.Contracts.CommunityFactory.ContractDefinition.AssetLimits;
using FactoryPoolSetup = AidDao.Contracts.CommunityFactory.ContractDefinition.PoolSetup;
using PoolCreatedEvent = AidDao.Contracts.CommunityFactory.ContractDefinition.PoolCreatedEventDTO;
using static AidDao.Contracts.Tests.PoolInvariant.PoolScenario;

namespace AidDao.Contracts.Tests.PoolInvariant;

/// <summary>
/// The chain side of the invariant test: a community (stewards 0, 1, 2, M = 2, members 3 to 6), its pool created through
/// the factory with ETH, a TestToken and a 1 % FeeOnTransferToken, the pool allowed to mint, a HostileRecipient (refusing
/// ETH to begin with), TestToken transfers to <see cref="BlockedTokenHolder"/> blocked, and every dev account holding and
/// approving both tokens. Block times are set exactly
/// (<c>evm_setNextBlockTimestamp</c>), so the model knows the time every transaction runs at.
/// </summary>
internal sealed class PoolWorld
{
    private static readonly BigInteger TokenSupplyPerAccount = PoolLimits.Unit * 1_000_000;

    private readonly Devnet _devnet;
    private readonly Nethereum.Web3.Web3 _reader;
    private readonly EmergencyPoolService[] _pools;
    private readonly string[] _parties;
    private readonly Dictionary<PoolAsset, string> _assets;

    private PoolWorld(Devnet devnet, TestCommunity community, string pool, TestTokenService token, FeeOnTransferTokenService feeToken,
        HostileRecipientService hostile)
    {
        _devnet = devnet;
        _reader = Web3(0);
        Community = community;
        PoolAddress = pool;
        Token = token;
        FeeToken = feeToken;
        HostileContract = hostile;
        _pools = [.. Enumerable.Range(0, DevAccounts).Select(i => new EmergencyPoolService(Web3(i), pool))];
        _parties = [.. Enumerable.Range(0, DevAccounts).Select(i => devnet.Accounts[i].Address), hostile.ContractAddress, pool];
        _assets = new() { [PoolAsset.Eth] = EthAddress.Zero.Value, [PoolAsset.Token] = token.ContractAddress, [PoolAsset.FeeToken] = feeToken.ContractAddress };
    }

    public TestCommunity Community { get; }

    public string PoolAddress { get; }

    public TestTokenService Token { get; }

    public FeeOnTransferTokenService FeeToken { get; }

    public HostileRecipientService HostileContract { get; }

    /// <summary>The pool binding acting as dev account <paramref name="party"/>.</summary>
    public EmergencyPoolService PoolAs(int party) => _pools[party];

    /// <summary>The address of a party (dev account, the hostile recipient, or the pool itself).</summary>
    public string AddressOf(int party) => _parties[party];

    /// <summary>The party with address <paramref name="address"/>.</summary>
    public int PartyOf(string address) =>
        Array.FindIndex(_parties, p => string.Equals(p, address, StringComparison.OrdinalIgnoreCase)) is var index and >= 0
            ? index
            : throw new InvalidOperationException($"{address} is no party of the invariant test");

    public string AssetAddress(PoolAsset asset) => _assets[asset];

    public PoolAsset AssetOf(string address) => _assets.Single(a => string.Equals(a.Value, address, StringComparison.OrdinalIgnoreCase)).Key;

    public Nethereum.Web3.Web3 Web3(int party) => _devnet.CreateWeb3(_devnet.Accounts[party]);

    /// <summary>A client for reads (signs as dev account 0).</summary>
    public Nethereum.Web3.Web3 Reader => _reader;

    /// <summary>Builds the whole set-up (see the class summary).</summary>
    public static async Task<PoolWorld> CreateAsync(Devnet devnet, CommunityBuilder builder, CancellationToken ct)
    {
        var community = await builder.Named("Pool invariant", "PINV").WithStewards(FoundingStewards).WithThreshold(Threshold)
            .WithMembers(FoundingMembers).BuildAsync(ct);
        var admin = devnet.CreateWeb3(devnet.Accounts[0]);
        var token = await TestTokenService.DeployContractAndGetServiceAsync(admin, new TestTokenDeployment { Name = "Test", Symbol = "TST", Decimals = 18 });
        var feeToken = await FeeOnTransferTokenService.DeployContractAndGetServiceAsync(admin, new FeeOnTransferTokenDeployment { Feebasispoints = FeeBasisPoints });

        PoolAsset[] assets = [.. Assets];
        var setup = new FactoryPoolSetup
        {
            Name = "Invariant pool",
            Window = Window,
            Cooldown = Cooldown,
            RequestLifetime = RequestLifetime,
            EmergencyThreshold = EmergencyThreshold,
            Assets = [EthAddress.Zero.Value, token.ContractAddress, feeToken.ContractAddress],
            Limits = [.. assets.Select(a => PoolLimits.For(a)).Select(l => new FactoryAssetLimits
            {
                MintRate = l.MintRate,
                PerRequestMax = l.PerRequestMax,
                WindowCap = l.WindowCap,
                ReserveFloor = l.ReserveFloor,
                FastPathCap = l.FastPathCap,
            })],
        };
        var created = await ChainCall.SendAsync(source => community.FactoryContractAs(0).CreatePoolRequestAndWaitForReceiptAsync(community.Address.Value, setup, source), ct);
        var pool = created.DecodeAllEvents<PoolCreatedEvent>().Single().Event.Pool;

        // The pool mints contribution tokens for deposits: the community allows it by an M-of-N proposal.
        var minter = await community.As(0).ProposeMinterAsync(EthAddress.FromChain(pool), true, ct);
        await community.As(1).ApproveAsync(minter.ProposalId, ct);

        var hostile = await HostileRecipientService.DeployContractAndGetServiceAsync(admin, new HostileRecipientDeployment { Pool = pool });
        await ChainCall.SendAsync(source => hostile.SetModeRequestAndWaitForReceiptAsync((byte)HostileMode.Revert, 0, source), ct);

        // Every dev account mints itself both tokens (anyone may mint them) and lets the pool take them; accounts run in parallel.
        await Task.WhenAll(Enumerable.Range(0, DevAccounts).Select(async party =>
        {
            var web3 = devnet.CreateWeb3(devnet.Accounts[party]);
            var address = devnet.Accounts[party].Address;
            var myToken = new TestTokenService(web3, token.ContractAddress);
            var myFeeToken = new FeeOnTransferTokenService(web3, feeToken.ContractAddress);
            await ChainCall.SendAsync(source => myToken.MintRequestAndWaitForReceiptAsync(address, TokenSupplyPerAccount, source), ct);
            await ChainCall.SendAsync(source => myFeeToken.MintRequestAndWaitForReceiptAsync(address, TokenSupplyPerAccount, source), ct);
            await ChainCall.SendAsync(source => myToken.ApproveRequestAndWaitForReceiptAsync(pool, TokenSupplyPerAccount, source), ct);
            await ChainCall.SendAsync(source => myFeeToken.ApproveRequestAndWaitForReceiptAsync(pool, TokenSupplyPerAccount, source), ct);
        }));
        // Blocked only now: a blocked account cannot even be minted to.
        await ChainCall.SendAsync(source => token.SetBlockedRequestAndWaitForReceiptAsync(devnet.Accounts[BlockedTokenHolder].Address, true, source), ct);
        return new PoolWorld(devnet, community, pool, token, feeToken, hostile);
    }

    /// <summary>The pool's balance of <paramref name="asset"/>.</summary>
    public async Task<BigInteger> BalanceAsync(PoolAsset asset) => asset switch
    {
        PoolAsset.Eth => (await _reader.Eth.GetBalance.SendRequestAsync(PoolAddress)).Value,
        PoolAsset.Token => await Token.BalanceOfQueryAsync(PoolAddress),
        _ => await FeeToken.BalanceOfQueryAsync(PoolAddress),
    };

    /// <summary>A plain ETH transfer from dev account <paramref name="party"/> (no data: the pool's receive function).</summary>
    public async Task<TransactionReceipt> SendEthAsync(int party, string to, BigInteger amount, CancellationToken ct)
    {
        var transactions = Web3(party).Eth.TransactionManager;
        var transfer = new TransactionInput { From = AddressOf(party), To = to, Value = new HexBigInteger(amount) };
        transfer.Gas = await transactions.EstimateGasAsync(transfer);
        return await transactions.SendTransactionAndWaitForReceiptAsync(transfer, ct);
    }

    /// <summary>The next mined block gets timestamp <paramref name="time"/>.</summary>
    public Task SetNextBlockTimeAsync(ulong time) => RpcAsync("evm_setNextBlockTimestamp", (long)time);

    /// <summary>Mines an empty block at <paramref name="time"/> (time travel to an exact second).</summary>
    public async Task MineAtAsync(ulong time)
    {
        await SetNextBlockTimeAsync(time);
        await RpcAsync("evm_mine");
    }

    /// <summary>The latest block's number and timestamp.</summary>
    public async Task<(long Number, ulong Time)> LatestBlockAsync()
    {
        var block = await _reader.Eth.Blocks.GetBlockWithTransactionsHashesByNumber.SendRequestAsync(BlockParameter.CreateLatest());
        return ((long)block.Number.Value, (ulong)block.Timestamp.Value);
    }

    /// <summary>The timestamp of block <paramref name="number"/>.</summary>
    public async Task<ulong> BlockTimeAsync(long number) =>
        (ulong)(await _reader.Eth.Blocks.GetBlockWithTransactionsHashesByNumber.SendRequestAsync(new BlockParameter((ulong)number))).Timestamp.Value;

    private Task<object> RpcAsync(string method, params object[] parameters) =>
        _reader.Client.SendRequestAsync<object>(new RpcRequest(Guid.NewGuid().ToString(), method, parameters));
}
