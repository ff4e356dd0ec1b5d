using System.Numerics;
using AidDao.Contracts.CommunityFactory.ContractDefinition;
using AidDao.Contracts.Testing.FeeOnTransferToken;
using AidDao.Contracts.Testing.FeeOnTransferToken.ContractDefinition;
using AidDao.Contracts.Testing.TestToken;
using AidDao.Contracts.Testing.TestToken.ContractDefinition;
using AidDao.Core;
using AidDao.Core.Chain;
using AidDao.Core.Transactions;
using Nethereum.Contracts;
using Nethereum.Web3;
using AssetLimits = AidDao.Contracts.EmergencyPool.ContractDefinition.AssetLimits;
using FactoryAssetLimits = AidDao.Contracts.CommunityFactory.ContractDefinition.AssetLimits;
using FactoryPoolSetup = AidDao.Contracts.CommunityFactory.ContractDefinition.PoolSetup;

namespace AidDao.Contracts.Tests.Support;

/// <summary>
/// Builds a community (stewards 0, 1, 2 with M = 2; members 3, 4, 5) and an emergency pool for it through the factory,
/// created by steward 0, allowed to mint contribution tokens (a community proposal approved by M stewards).
/// The pool accepts ETH with <see cref="DefaultEthLimits"/>; a 6-decimal stablecoin (<c>TestToken</c>), a fee-on-transfer
/// token and an ETH deposit by donor account 9 are opt-in. Window 24 h, cooldown 7 days, request lifetime 7 days,
/// emergency threshold 1.
/// </summary>
internal sealed class PoolBuilder(Devnet devnet)
{
    /// <summary>ETH: 1 token per ETH; 2 ETH per request; 5 ETH per window; 1 ETH reserve; 0.5 ETH fast path.</summary>
    public static AssetLimits DefaultEthLimits => Limits(Ether(1), Ether(2), Ether(5), Ether(1), Ether(0.5m));

    /// <summary>Stablecoin (6 decimals): 1 token per coin; 500 per request; 1000 per window; 100 reserve; 100 fast path.</summary>
    public static AssetLimits DefaultStablecoinLimits => Limits(BigInteger.Pow(10, 30), Coins(500), Coins(1000), Coins(100), Coins(100));

    /// <summary>Fee token (18 decimals): 1 token per unit; 10 per request; 50 per window; no reserve; no fast path.</summary>
    public static AssetLimits DefaultFeeTokenLimits => Limits(Ether(1), Ether(10), Ether(50), 0, 0);

    private AssetLimits _ethLimits = DefaultEthLimits;
    private AssetLimits? _stablecoinLimits;
    private (int FeeBasisPoints, AssetLimits Limits)? _feeToken;
    private TimeSpan _cooldown = TimeSpan.FromDays(7);
    private int _emergencyThreshold = 1;
    private bool _minter = true;
    private bool _leftPaused;
    private BigInteger _ethDeposit;

    /// <summary><paramref name="ether"/> in wei (also whole units of 18-decimal tokens).</summary>
    public static BigInteger Ether(decimal ether) => Web3.Convert.ToWei(ether);

    /// <summary>Whole coins of the 6-decimal stablecoin, in its smallest unit.</summary>
    public static BigInteger Coins(decimal coins) => new(coins * 1_000_000m);

    public static AssetLimits Limits(BigInteger mintRate, BigInteger perRequestMax, BigInteger windowCap, BigInteger reserveFloor, BigInteger fastPathCap) =>
        new() { MintRate = mintRate, PerRequestMax = perRequestMax, WindowCap = windowCap, ReserveFloor = reserveFloor, FastPathCap = fastPathCap };

    public static FactoryAssetLimits ForFactory(AssetLimits limits) => new()
    {
        MintRate = limits.MintRate,
        PerRequestMax = limits.PerRequestMax,
        WindowCap = limits.WindowCap,
        ReserveFloor = limits.ReserveFloor,
        FastPathCap = limits.FastPathCap,
    };

    public PoolBuilder WithEthLimits(AssetLimits limits)
    {
        _ethLimits = limits;
        return this;
    }

    public PoolBuilder WithStablecoin(AssetLimits? limits = null)
    {
        _stablecoinLimits = limits ?? DefaultStablecoinLimits;
        return this;
    }

    /// <summary>A token that burns <paramref name="feeBasisPoints"/> / 10000 of every transfer (10000 = all of it).</summary>
    public PoolBuilder WithFeeToken(int feeBasisPoints, AssetLimits? limits = null)
    {
        _feeToken = (feeBasisPoints, limits ?? DefaultFeeTokenLimits);
        return this;
    }

    public PoolBuilder WithCooldown(TimeSpan cooldown)
    {
        _cooldown = cooldown;
        return this;
    }

    public PoolBuilder WithEmergencyThreshold(int threshold)
    {
        _emergencyThreshold = threshold;
        return this;
    }

    /// <summary>Leaves the pool without the right to mint contribution tokens.</summary>
    public PoolBuilder WithoutMinterRight()
    {
        _minter = false;
        return this;
    }

    /// <summary>Leaves the pool as the factory creates it: paused, its rules not yet accepted by M stewards.</summary>
    public PoolBuilder LeftPaused()
    {
        _leftPaused = true;
        return this;
    }

    /// <summary>Has donor account 9 deposit <paramref name="wei"/> once the pool is set up.</summary>
    public PoolBuilder FundedWith(BigInteger wei)
    {
        _ethDeposit = wei;
        return this;
    }

    /// <summary>Deploys a 6-decimal <c>TestToken</c> (anyone may mint it); returns its checksummed address.</summary>
    public static async Task<string> DeployStablecoinAsync(IWeb3 web3, string symbol)
    {
        var deployment = new TestTokenDeployment { Name = $"Test {symbol}", Symbol = symbol, Decimals = 6 };
        return EthAddress.FromChain((await TestTokenService.DeployContractAndWaitForReceiptAsync(web3, deployment)).ContractAddress).Value;
    }

    public async Task<TestPool> BuildAsync(CancellationToken cancellationToken)
    {
        var community = await new CommunityBuilder(devnet).WithStewards(0, 1, 2).WithThreshold(2).WithMembers(3, 4, 5).BuildAsync(cancellationToken);
        var deployer = devnet.CreateWeb3(devnet.Accounts[0]);
        var assets = new List<(string Asset, AssetLimits Limits)> { (EthAddress.Zero.Value, _ethLimits) };
        string? stablecoin = null, feeToken = null;
        if (_stablecoinLimits is { } stablecoinLimits)
        {
            stablecoin = await DeployStablecoinAsync(deployer, "TUSD");
            assets.Add((stablecoin, stablecoinLimits));
        }
        if (_feeToken is { } fee)
        {
            var deployment = new FeeOnTransferTokenDeployment { Feebasispoints = fee.FeeBasisPoints };
            feeToken = EthAddress.FromChain((await FeeOnTransferTokenService.DeployContractAndWaitForReceiptAsync(deployer, deployment)).ContractAddress).Value;
            assets.Add((feeToken, fee.Limits));
        }

        var setup = new FactoryPoolSetup
        {
            Name = "Emergency Fund",
            Window = 24 * 3600,
            Cooldown = (ulong)_cooldown.TotalSeconds,
            RequestLifetime = 7 * 86_400,
            EmergencyThreshold = _emergencyThreshold,
            Assets = [.. assets.Select(a => a.Asset)],
            Limits = [.. assets.Select(a => ForFactory(a.Limits))],
        };
        var factory = community.FactoryContractAs(0);
        var receipt = await ChainCall.SendAsync(source => factory.CreatePoolRequestAndWaitForReceiptAsync(community.Address.Value, setup, source), cancellationToken);
        var pool = EthAddress.FromChain(receipt.DecodeAllEvents<PoolCreatedEventDTO>().Single().Event.Pool);

        var testPool = new TestPool(devnet, community, pool, setup, receipt, stablecoin, feeToken);
        if (_minter)
        {
            await testPool.PassCommunityProposalAsync(steward => steward.ProposeMinterAsync(pool, true, cancellationToken));
        }

        if (!_leftPaused)
        {
            // A new pool starts paused; stewards 0 and 1 accept its rules.
            await testPool.PassChangeAsync(AidDao.Core.Pools.PoolChangeKind.Unpause);
        }

        if (_ethDeposit > 0)
        {
            await testPool.DepositEthAsync(9, _ethDeposit);
        }

        return testPool;
    }
}
