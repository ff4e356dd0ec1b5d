using System.Numerics;
using AidDao.Contracts.FundingRound.ContractDefinition;
using AidDao.Contracts.RoundFactory.ContractDefinition;
using AidDao.Contracts.Tests.Support;
using AidDao.Core;
using AidDao.Core.Communities;
using AidDao.TestUtils;
using Nethereum.Contracts;
using Xunit;
using PoolCreatedEventDTO = AidDao.Contracts.CommunityFactory.ContractDefinition.PoolCreatedEventDTO;
using RoundContract = AidDao.Contracts.FundingRound.FundingRoundService;
using RoundSetup = AidDao.Contracts.FundingRound.ContractDefinition.RoundSetup;

namespace AidDao.Contracts.Tests.Round;

/// <summary>RoundFactory: who may create a round, which pool and asset it may use, the registry, and the implementation's protection.</summary>
public sealed class RoundFactoryTests(ChainFixture fixture) : RoundTest(fixture)
{
    [Fact]
    public async Task CreateRound_BySteward_RegistersRoundAndSetsItUp()
    {
        var round = await NewRound().BuildAsync(Ct);
        var community = round.Community.Address.Value;
        var factory = round.FactoryAs(5);

        var created = TestPool.Event<RoundCreatedEventDTO>(round.Creation);
        Assert.Equal((community, round.Address.Value, Address(0).Value), (created.Community, created.Round, created.Creator));
        Assert.Equal((BigInteger.Zero, "Spring Round"), (created.Index, created.Name));
        var initialized = TestPool.Event<RoundInitializedEventDTO>(round.Creation);
        Assert.Equal((community, TestPool.Eth, (byte)0, "Spring Round"), (initialized.Community, initialized.Asset, initialized.Mode, initialized.Name));
        Assert.True(await factory.IsRoundQueryAsync(round.Address.Value));
        Assert.False(await factory.IsRoundQueryAsync(round.Pool.Address.Value));
        Assert.Equal(BigInteger.One, await factory.RoundCountQueryAsync(community));
        Assert.Equal(round.Address.Value, await factory.RoundAtQueryAsync(community, 0));
        Assert.Equal(round.Community.Deployment.CommunityFactory.Value, await factory.CommunityFactoryQueryAsync());
        Assert.Equal(round.Community.Deployment.RoundImplementation.Value, await factory.RoundImplementationQueryAsync());

        var contract = round.As(5);
        Assert.Equal(community, await contract.CommunityQueryAsync());
        Assert.Equal(Active, await contract.StatusQueryAsync());
        var setup = (await contract.SetupQueryAsync()).ReturnValue1;
        Assert.Equal((round.Setup.Name, round.Setup.Asset, round.Setup.EmergencyPool), (setup.Name, setup.Asset, setup.EmergencyPool));
        Assert.Equal((round.Setup.ApplicationsStart, round.Setup.ApplicationsEnd, round.Setup.VotingStart, round.Setup.VotingEnd),
            (setup.ApplicationsStart, setup.ApplicationsEnd, setup.VotingStart, setup.VotingEnd));
        Assert.Equal((round.Setup.ReviewPeriod, round.Setup.ClaimPeriod, round.Setup.MinimumContribution, round.Setup.MaxProjects),
            (setup.ReviewPeriod, setup.ClaimPeriod, setup.MinimumContribution, setup.MaxProjects));
        Assert.Equal(round.Creation.BlockNumber.Value - 1, await contract.SnapshotBlockQueryAsync());
    }

    [Fact]
    public async Task CreateRound_SecondRound_GetsNextIndex()
    {
        var round = await NewRound().BuildAsync(Ct);
        var community = round.Community.Address.Value;
        var setup = round.SetupFrom(await round.Pool.BlockTimeAsync(), s => s.Name = "Autumn Round");

        var created = TestPool.Event<RoundCreatedEventDTO>(await round.CreateRoundAsync(2, setup));

        var factory = round.FactoryAs(0);
        Assert.Equal((BigInteger.One, Address(2).Value, "Autumn Round"), (created.Index, created.Creator, created.Name));
        Assert.NotEqual(round.Address.Value, created.Round);
        Assert.Equal(new BigInteger(2), await factory.RoundCountQueryAsync(community));
        Assert.Equal(created.Round, await factory.RoundAtQueryAsync(community, 1));
        Assert.True(await factory.IsRoundQueryAsync(created.Round));
    }

    [Fact]
    public async Task CreateRound_UnknownCommunity_RevertsUnknownCommunity()
    {
        var round = await NewRound().BuildAsync(Ct);
        var notACommunity = RandomAddress();

        var error = await AssertRevertsAsync<RoundFactoryUnknownCommunityError>(() => round.CreateRoundAsync(0, round.Setup, notACommunity.Value));

        Assert.Equal(notACommunity.Value, error.Argument<string>("community"));
    }

    [Fact]
    public async Task CreateRound_ByMember_RevertsNotSteward()
    {
        var round = await NewRound().BuildAsync(Ct);
        var setup = round.SetupFrom(await round.Pool.BlockTimeAsync());

        var error = await AssertRevertsAsync<RoundFactoryNotStewardError>(() => round.CreateRoundAsync(3, setup));

        Assert.Equal((round.Community.Address.Value, Address(3).Value), (error.Argument<string>("community"), error.Argument<string>("account")));
        Assert.Equal(BigInteger.One, await round.FactoryAs(0).RoundCountQueryAsync(round.Community.Address.Value));
    }

    [Fact]
    public async Task CreateRound_PoolOfAnotherCommunityOrNoPool_RevertsInvalidPool()
    {
        var round = await NewRound().BuildAsync(Ct);
        var community = round.Community.Address.Value;
        var settings = new CommunityBuilder(Devnet).WithStewards(0, 1).WithThreshold(1).Named("Other Street", "OTH").Settings;
        var other = await new CommunityFactoryService(Web3For(0), round.Community.Deployment.CommunityFactory).CreateCommunityAsync(settings, Ct);
        var otherPool = TestPool.Event<PoolCreatedEventDTO>(await round.Pool.CreatePoolAsync(0, round.Pool.NewSetup(), other.Community.Value)).Pool;
        var now = await round.Pool.BlockTimeAsync();

        // The zero address fails the factory's pool check, so initialize's RoundZeroAddress cannot be reached this way.
        foreach (var pool in new[] { otherPool, RandomAddress().Value, community, EthAddress.Zero.Value })
        {
            var error = await AssertRevertsAsync<RoundFactoryInvalidPoolError>(() => round.CreateRoundAsync(0, round.SetupFrom(now, s => s.EmergencyPool = pool)));

            Assert.Equal((pool, community), (error.Argument<string>("pool"), error.Argument<string>("community")));
        }
        Assert.Equal(BigInteger.One, await round.FactoryAs(0).RoundCountQueryAsync(community));
    }

    [Fact]
    public async Task CreateRound_AssetThePoolDoesNotTake_RevertsAssetNotInPool()
    {
        var round = await NewRound().BuildAsync(Ct);
        var coin = await PoolBuilder.DeployStablecoinAsync(Web3For(0), "NOPE");
        var setup = round.SetupFrom(await round.Pool.BlockTimeAsync(), s => s.Asset = coin);

        var error = await AssertRevertsAsync<RoundFactoryAssetNotInPoolError>(() => round.CreateRoundAsync(0, setup));

        Assert.Equal((round.Pool.Address.Value, coin), (error.Argument<string>("pool"), error.Argument<string>("asset")));
    }

    [Fact]
    public async Task Constructor_AddressWithoutCode_RevertsInvalidAddress()
    {
        var deployment = await AidDaoDeployer.DeployAsync(Web3For(0), Ct);
        var nobody = RandomAddress().Value;
        var handler = Web3For(0).Eth.GetContractDeploymentHandler<RoundFactoryDeployment>();

        var noFactory = await AssertRevertsAsync<RoundFactoryInvalidAddressError>(() => SendAsync(s => handler.SendRequestAndWaitForReceiptAsync(
            new RoundFactoryDeployment { Communityfactory = nobody, Roundimplementation = deployment.RoundImplementation.Value }, s)));
        var noImplementation = await AssertRevertsAsync<RoundFactoryInvalidAddressError>(() => SendAsync(s => handler.SendRequestAndWaitForReceiptAsync(
            new RoundFactoryDeployment { Communityfactory = deployment.CommunityFactory.Value, Roundimplementation = nobody }, s)));

        Assert.Equal(nobody, noFactory.Argument<string>("account"));
        Assert.Equal(nobody, noImplementation.Argument<string>("account"));
    }

    [Fact]
    public async Task Initialize_ImplementationOrCreatedRound_RevertsInvalidInitialization()
    {
        var round = await NewRound().BuildAsync(Ct);
        var implementation = new RoundContract(Web3For(6), round.Community.Deployment.RoundImplementation.Value);
        var now = await round.Pool.BlockTimeAsync();
        var setup = new RoundSetup
        {
            Name = "Hijack", Asset = TestPool.Eth, EmergencyPool = round.Pool.Address.Value, ApplicationsStart = now, ApplicationsEnd = now + 10,
            VotingStart = now + 10, VotingEnd = now + 20, ReviewPeriod = 0, ClaimPeriod = 10, MinimumContribution = 1, MaxProjects = 1,
        };

        await AssertRevertsAsync<InvalidInitializationError>(() => SendAsync(s => implementation.InitializeRequestAndWaitForReceiptAsync(setup, round.Community.Address.Value, s)));
        await AssertRevertsAsync<InvalidInitializationError>(() => SendAsync(s => round.As(6).InitializeRequestAndWaitForReceiptAsync(setup, Address(6).Value, s)));

        Assert.Equal("Spring Round", (await round.As(0).SetupQueryAsync()).ReturnValue1.Name);
        Assert.Equal(round.Community.Address.Value, await round.As(0).CommunityQueryAsync());
    }
}
