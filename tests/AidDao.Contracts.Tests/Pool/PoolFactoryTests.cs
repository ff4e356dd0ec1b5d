using System.Numerics;
using AidDao.Contracts.CommunityFactory.ContractDefinition;
using AidDao.Contracts.EmergencyPool.ContractDefinition;
using AidDao.Contracts.Tests.Support;
using AidDao.TestUtils;
using Xunit;
using static AidDao.Contracts.Tests.Support.PoolBuilder;
using AssetLimits = AidDao.Contracts.EmergencyPool.ContractDefinition.AssetLimits;
using InvalidInitializationError = AidDao.Contracts.EmergencyPool.ContractDefinition.InvalidInitializationError;
using PoolContract = AidDao.Contracts.EmergencyPool.EmergencyPoolService;
using PoolSetup = AidDao.Contracts.EmergencyPool.ContractDefinition.PoolSetup;

namespace AidDao.Contracts.Tests.Pool;

/// <summary>CommunityFactory.createPool: who may create a pool, the registry, and the pool's set-up checks.</summary>
public sealed class PoolFactoryTests(ChainFixture fixture) : PoolTest(fixture)
{
    [Fact]
    public async Task CreatePool_BySteward_RegistersPoolAndSetsItUp()
    {
        var pool = await NewPool().WithStablecoin().BuildAsync(Ct);
        var factory = pool.Community.FactoryContractAs(0);

        var created = TestPool.Event<PoolCreatedEventDTO>(pool.Creation);
        Assert.Equal((pool.Community.Address.Value, pool.Address.Value, Address(0).Value), (created.Community, created.Pool, created.Creator));
        Assert.Equal((BigInteger.Zero, "Emergency Fund"), (created.Index, created.Name));
        var initialized = TestPool.Event<PoolInitializedEventDTO>(pool.Creation);
        Assert.Equal(pool.Community.Address.Value, initialized.Community);
        Assert.Equal((86_400UL, 604_800UL, 604_800UL, BigInteger.One), (initialized.Window, initialized.Cooldown, initialized.RequestLifetime, initialized.EmergencyThreshold));
        Assert.True(await factory.IsPoolQueryAsync(pool.Address.Value));
        Assert.False(await factory.IsPoolQueryAsync(pool.Community.Address.Value));
        Assert.Equal(BigInteger.One, await factory.PoolCountQueryAsync(pool.Community.Address.Value));
        Assert.Equal(pool.Address.Value, await factory.PoolAtQueryAsync(pool.Community.Address.Value, 0));

        var contract = pool.As(5);
        Assert.Equal("Emergency Fund", await contract.NameQueryAsync());
        Assert.Equal(pool.Community.Address.Value, await contract.CommunityQueryAsync());
        Assert.Equal(pool.Community.Token.Value, await contract.TokenQueryAsync());
        Assert.Equal([TestPool.Eth, pool.Stablecoin], await contract.AssetsQueryAsync());
        var eth = await contract.AssetLimitsQueryAsync(TestPool.Eth);
        Assert.True(eth.Allowed);
        AssertLimits(DefaultEthLimits, eth.Limits);
        var settings = (await contract.SettingsQueryAsync()).ReturnValue1;
        Assert.Equal((86_400UL, 604_800UL, 604_800UL, 0UL, BigInteger.One, false),
            (settings.Window, settings.Cooldown, settings.RequestLifetime, settings.EmergencyEndsAt, settings.EmergencyThreshold, settings.Paused));
        Assert.False(await contract.EmergencyActiveQueryAsync());
    }

    [Fact]
    public async Task CreatePool_SecondPool_GetsNextIndex()
    {
        var pool = await NewPool().BuildAsync(Ct);
        var setup = pool.NewSetup();
        setup.Name = "Winter Fund";

        var created = TestPool.Event<PoolCreatedEventDTO>(await pool.CreatePoolAsync(2, setup));

        var factory = pool.Community.FactoryContractAs(0);
        Assert.Equal((BigInteger.One, Address(2).Value, "Winter Fund"), (created.Index, created.Creator, created.Name));
        Assert.NotEqual(pool.Address.Value, created.Pool);
        Assert.Equal(2, (int)await factory.PoolCountQueryAsync(pool.Community.Address.Value));
        Assert.Equal(created.Pool, await factory.PoolAtQueryAsync(pool.Community.Address.Value, 1));
        Assert.True(await factory.IsPoolQueryAsync(created.Pool));
    }

    [Fact]
    public async Task CreatePool_ByMember_RevertsNotSteward()
    {
        var pool = await NewPool().BuildAsync(Ct);

        var error = await AssertRevertsAsync<CommunityFactoryNotStewardError>(() => pool.CreatePoolAsync(3, pool.NewSetup()));

        Assert.Equal(pool.Community.Address.Value, error.Argument<string>("community"));
        Assert.Equal(Address(3).Value, error.Argument<string>("account"));
        Assert.Equal(BigInteger.One, await pool.Community.FactoryContractAs(0).PoolCountQueryAsync(pool.Community.Address.Value));
    }

    [Fact]
    public async Task CreatePool_ForUnknownCommunity_RevertsUnknownCommunity()
    {
        var pool = await NewPool().BuildAsync(Ct);
        var notACommunity = RandomAddress();

        var error = await AssertRevertsAsync<CommunityFactoryUnknownCommunityError>(() => pool.CreatePoolAsync(0, pool.NewSetup(), notACommunity.Value));

        Assert.Equal(notACommunity.Value, error.Argument<string>("community"));
    }

    [Fact]
    public async Task Initialize_Twice_RevertsInvalidInitialization()
    {
        var pool = await NewPool().BuildAsync(Ct);
        var setup = new PoolSetup { Name = "Hijack", Window = 3600, Cooldown = 0, RequestLifetime = 3600, EmergencyThreshold = 1, Assets = [], Limits = [] };

        await AssertRevertsAsync<InvalidInitializationError>(() => SendAsync(s => pool.As(6).InitializeRequestAndWaitForReceiptAsync(setup, Address(6).Value, s)));

        Assert.Equal(pool.Community.Address.Value, await pool.As(0).CommunityQueryAsync());
        Assert.Equal("Emergency Fund", await pool.As(0).NameQueryAsync());
    }

    [Fact]
    public async Task Initialize_Implementation_RevertsInvalidInitialization()
    {
        var pool = await NewPool().BuildAsync(Ct);
        var implementation = new PoolContract(Web3For(6), pool.Community.Deployment.PoolImplementation.Value);
        var setup = new PoolSetup { Name = "Hijack", Window = 3600, Cooldown = 0, RequestLifetime = 3600, EmergencyThreshold = 1, Assets = [], Limits = [] };

        await AssertRevertsAsync<InvalidInitializationError>(() => SendAsync(s => implementation.InitializeRequestAndWaitForReceiptAsync(setup, pool.Community.Address.Value, s)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(65)]
    public async Task CreatePool_NameEmptyOrTooLong_RevertsInvalidName(int length)
    {
        var pool = await NewPool().BuildAsync(Ct);
        var setup = pool.NewSetup();
        setup.Name = new string('a', length);

        await AssertRevertsAsync<PoolInvalidNameError>(() => pool.CreatePoolAsync(0, setup));
    }

    [Fact]
    public async Task CreatePool_NameOf64Bytes_IsAccepted()
    {
        var pool = await NewPool().BuildAsync(Ct);
        var setup = pool.NewSetup();
        setup.Name = new string('a', 64);

        Assert.Equal(setup.Name, TestPool.Event<PoolCreatedEventDTO>(await pool.CreatePoolAsync(0, setup)).Name);
    }

    [Fact]
    public async Task CreatePool_MoreLimitsThanAssets_RevertsSetupMismatch()
    {
        var pool = await NewPool().BuildAsync(Ct);
        var setup = pool.NewSetup();
        setup.Limits.Add(ForFactory(DefaultEthLimits));

        var error = await AssertRevertsAsync<PoolSetupMismatchError>(() => pool.CreatePoolAsync(0, setup));

        Assert.Equal((BigInteger.One, new BigInteger(2)), (error.Argument<BigInteger>("assets"), error.Argument<BigInteger>("limits")));
    }

    [Fact]
    public async Task CreatePool_SameAssetTwice_RevertsDuplicateAsset()
    {
        var pool = await NewPool().WithStablecoin().BuildAsync(Ct);
        var setup = pool.NewSetup();
        setup.Assets.Add(pool.Stablecoin);
        setup.Limits.Add(ForFactory(DefaultStablecoinLimits));

        var error = await AssertRevertsAsync<PoolDuplicateAssetError>(() => pool.CreatePoolAsync(0, setup));

        Assert.Equal(pool.Stablecoin, error.Argument<string>("asset"));
    }

    [Theory]
    [InlineData(2, 1, 5)] // fast-path cap above the per-request maximum
    [InlineData(1, 6, 5)] // per-request maximum above the window cap
    public async Task CreatePool_ContradictoryLimits_RevertsInvalidLimits(int fastPathCap, int perRequestMax, int windowCap)
    {
        var pool = await NewPool().BuildAsync(Ct);
        var setup = pool.NewSetup();
        setup.Limits[0] = ForFactory(Limits(0, Ether(perRequestMax), Ether(windowCap), 0, Ether(fastPathCap)));

        var error = await AssertRevertsAsync<PoolInvalidLimitsError>(() => pool.CreatePoolAsync(0, setup));

        Assert.Equal(TestPool.Eth, error.Argument<string>("asset"));
    }

    [Theory]
    [InlineData(3599)]
    [InlineData(7_776_001)]
    public async Task CreatePool_WindowOutOfRange_RevertsInvalidWindow(ulong window)
    {
        var pool = await NewPool().BuildAsync(Ct);
        var setup = pool.NewSetup();
        setup.Window = window;

        var error = await AssertRevertsAsync<PoolInvalidWindowError>(() => pool.CreatePoolAsync(0, setup));

        Assert.Equal((new BigInteger(window), new BigInteger(3600), new BigInteger(7_776_000)),
            (error.Argument<BigInteger>("window"), error.Argument<BigInteger>("min"), error.Argument<BigInteger>("max")));
    }

    [Fact]
    public async Task CreatePool_CooldownOver90Days_RevertsInvalidCooldown()
    {
        var pool = await NewPool().BuildAsync(Ct);
        var setup = pool.NewSetup();
        setup.Cooldown = 7_776_001;

        var error = await AssertRevertsAsync<PoolInvalidCooldownError>(() => pool.CreatePoolAsync(0, setup));

        Assert.Equal((new BigInteger(7_776_001), new BigInteger(7_776_000)), (error.Argument<BigInteger>("cooldown"), error.Argument<BigInteger>("max")));
    }

    [Theory]
    [InlineData(3599)]
    [InlineData(7_776_001)]
    public async Task CreatePool_RequestLifetimeOutOfRange_RevertsInvalidRequestLifetime(ulong lifetime)
    {
        var pool = await NewPool().BuildAsync(Ct);
        var setup = pool.NewSetup();
        setup.RequestLifetime = lifetime;

        var error = await AssertRevertsAsync<PoolInvalidRequestLifetimeError>(() => pool.CreatePoolAsync(0, setup));

        Assert.Equal((new BigInteger(lifetime), new BigInteger(3600), new BigInteger(7_776_000)),
            (error.Argument<BigInteger>("lifetime"), error.Argument<BigInteger>("min"), error.Argument<BigInteger>("max")));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(33)]
    public async Task CreatePool_EmergencyThresholdOutOfRange_RevertsInvalidEmergencyThreshold(int threshold)
    {
        var pool = await NewPool().BuildAsync(Ct);
        var setup = pool.NewSetup();
        setup.EmergencyThreshold = threshold;

        var error = await AssertRevertsAsync<PoolInvalidEmergencyThresholdError>(() => pool.CreatePoolAsync(0, setup));

        Assert.Equal((new BigInteger(threshold), new BigInteger(32)), (error.Argument<BigInteger>("threshold"), error.Argument<BigInteger>("max")));
    }

    [Fact]
    public async Task CreatePool_SeventeenAssets_RevertsTooManyAssets()
    {
        var pool = await NewPool().BuildAsync(Ct);
        var setup = pool.NewSetup(RandomAssets(16));

        var error = await AssertRevertsAsync<PoolTooManyAssetsError>(() => pool.CreatePoolAsync(0, setup));

        Assert.Equal(new BigInteger(16), error.Argument<BigInteger>("max"));
    }

    [Fact]
    public async Task CreatePool_SixteenAssets_IsAccepted()
    {
        var pool = await NewPool().BuildAsync(Ct);
        var setup = pool.NewSetup(RandomAssets(15));

        var created = TestPool.Event<PoolCreatedEventDTO>(await pool.CreatePoolAsync(0, setup));

        Assert.Equal(16, (await new PoolContract(Web3For(0), created.Pool).AssetsQueryAsync()).Count);
    }

    private static void AssertLimits(AssetLimits expected, AssetLimits actual) =>
        Assert.Equal((expected.MintRate, expected.PerRequestMax, expected.WindowCap, expected.ReserveFloor, expected.FastPathCap),
            (actual.MintRate, actual.PerRequestMax, actual.WindowCap, actual.ReserveFloor, actual.FastPathCap));
}
