using System.Numerics;
using AidDao.Contracts.CommunityFactory.ContractDefinition;
using AidDao.Contracts.Tests.Support;
using AidDao.Core;
using AidDao.Core.Communities;
using AidDao.TestUtils;
using Nethereum.Contracts;
using Xunit;
using CommunityInitializedEventDTO = AidDao.Contracts.Community.ContractDefinition.CommunityInitializedEventDTO;
using CommunitySetup = AidDao.Contracts.Community.ContractDefinition.CommunitySetup;
using FactorySetup = AidDao.Contracts.CommunityFactory.ContractDefinition.CommunitySetup;
using InvalidInitializationError = AidDao.Contracts.Community.ContractDefinition.InvalidInitializationError;

namespace AidDao.Contracts.Tests;

/// <summary>CommunityFactory: one-transaction creation of a community and its token, input checks, clone set-up.</summary>
public sealed class CommunityFactoryTests(ChainFixture fixture) : CommunityTest(fixture)
{
    [Fact]
    public async Task CreateCommunity_ValidSettings_CreatesCommunityAndTokenInOneTransaction()
    {
        var community = await NewCommunity().Named("Riverside Mutual Aid", "RIVER").WithStewards(0, 1).WithThreshold(2).WithMembers(3).BuildAsync(Ct);
        var factory = community.FactoryContractAs(0);
        var token = community.TokenContractAs(0);

        var receipt = await ReceiptAsync(community.Created.Transaction.TransactionHash);
        var created = Assert.Single(receipt.DecodeAllEvents<CommunityCreatedEventDTO>()).Event;
        var initialized = Assert.Single(receipt.DecodeAllEvents<CommunityInitializedEventDTO>());

        Assert.Equal(BigInteger.Zero, created.Index);
        Assert.Equal(community.Address.Value, created.Community);
        Assert.Equal(community.Token.Value, created.Token);
        Assert.Equal(Address(0).Value, created.Creator);
        Assert.Equal("Riverside Mutual Aid", created.Name);
        Assert.Equal(community.Address.Value, initialized.Log.Address, ignoreCase: true);
        Assert.Equal(community.Token.Value, initialized.Event.Token);

        Assert.True(await new CommunityFactoryService(Web3For(0), community.Deployment.CommunityFactory).IsCommunityAsync(community.Address, Ct));
        Assert.False(await factory.IsCommunityQueryAsync(community.Token.Value));
        Assert.Equal(BigInteger.One, await factory.CommunityCountQueryAsync());
        Assert.Equal(community.Address.Value, await factory.CommunityAtQueryAsync(0));
        Assert.Equal(community.Address.Value, await token.CommunityQueryAsync());
        Assert.Equal("Riverside Mutual Aid Contribution", await token.NameQueryAsync());
        Assert.Equal("RIVER", await token.SymbolQueryAsync());
        Assert.Equal(18, await token.DecimalsQueryAsync());

        var info = await community.As(5).GetInfoAsync(Ct);
        Assert.Equal("Riverside Mutual Aid", info.Name);
        Assert.Equal(community.Token, info.Token);
        Assert.Equal([Address(0), Address(1)], info.Stewards);
        Assert.Equal((2, 1, 0, 3), (info.Threshold, info.AdmissionApprovals, info.VouchesRequired, info.MemberCount));
    }

    [Fact]
    public async Task CreateCommunity_Twice_RegistersBothWithIncreasingIndexes()
    {
        var community = await NewCommunity().BuildAsync(Ct);
        var service = new CommunityFactoryService(Web3For(2), community.Deployment.CommunityFactory);

        var second = await service.CreateCommunityAsync(new CommunitySettings { Name = "Second", TokenSymbol = "TWO", Stewards = [Address(2)] }, Ct);

        var created = Assert.Single((await ReceiptAsync(second.Transaction.TransactionHash)).DecodeAllEvents<CommunityCreatedEventDTO>()).Event;
        Assert.Equal(BigInteger.One, created.Index);
        Assert.Equal(Address(2).Value, created.Creator);
        Assert.Equal(2, await service.CommunityCountAsync(Ct));
        Assert.NotEqual(community.Address, second.Community);
        Assert.NotEqual(community.Token, second.Token);
        Assert.True(await service.IsCommunityAsync(second.Community, Ct));
        Assert.Equal(second.Community.Value, await community.FactoryContractAs(0).CommunityAtQueryAsync(1));
    }

    public static TheoryData<string> InvalidNames => ["", new string('a', 65), new string('é', 33)];

    [Theory]
    [MemberData(nameof(InvalidNames))]
    public async Task CreateCommunity_NameEmptyOrOver64Bytes_RevertsInvalidName(string name)
    {
        var community = await NewCommunity().BuildAsync(Ct);
        var factory = community.FactoryContractAs(0);

        var error = await AssertRevertsAsync<CommunityFactoryInvalidNameError>(() =>
            SendAsync(source => factory.CreateCommunityRequestAndWaitForReceiptAsync(Setup(name), "OK", source)));

        Assert.Equal(name, error.Argument<string>("name"));
        Assert.Equal(BigInteger.One, await factory.CommunityCountQueryAsync());
    }

    [Theory]
    [InlineData("")]
    [InlineData("TWELVECHARSX")]
    public async Task CreateCommunity_SymbolEmptyOrOver11Bytes_RevertsInvalidSymbol(string symbol)
    {
        var community = await NewCommunity().BuildAsync(Ct);
        var factory = community.FactoryContractAs(0);

        var error = await AssertRevertsAsync<CommunityFactoryInvalidSymbolError>(() =>
            SendAsync(source => factory.CreateCommunityRequestAndWaitForReceiptAsync(Setup("Fine name"), symbol, source)));

        Assert.Equal($"'{symbol}' is not a valid token symbol: use 1 to 11 bytes (plain letters are one byte each).", error.Message);
        Assert.Equal(BigInteger.One, await factory.CommunityCountQueryAsync());
    }

    [Fact]
    public async Task CreateCommunity_64ByteNameAnd11ByteSymbol_AreAccepted()
    {
        var community = await NewCommunity().BuildAsync(Ct);
        var service = new CommunityFactoryService(Web3For(0), community.Deployment.CommunityFactory);

        var created = await service.CreateCommunityAsync(new CommunitySettings { Name = new string('n', 64), TokenSymbol = "ELEVENCHARS", Stewards = [Address(0)] }, Ct);

        var connected = await CommunityService.ConnectAsync(Web3For(0), created.Community, Ct);
        Assert.Equal(new string('n', 64), (await connected.GetInfoAsync(Ct)).Name);
        Assert.Equal("ELEVENCHARS", await new AidDao.Contracts.ContributionToken.ContributionTokenService(Web3For(0), created.Token.Value).SymbolQueryAsync());
    }

    [Fact]
    public async Task CreateCommunityThroughService_65ByteName_ReportsTheContractsReadableError()
    {
        var community = await NewCommunity().BuildAsync(Ct);
        var service = new CommunityFactoryService(Web3For(0), community.Deployment.CommunityFactory);
        var name = new string('a', 65);

        var error = await AssertRevertsAsync<CommunityFactoryInvalidNameError>(() =>
            service.CreateCommunityAsync(new CommunitySettings { Name = name, TokenSymbol = "OK", Stewards = [Address(0)] }, Ct));

        Assert.Equal($"'{name}' is not a valid community name: use 1 to 64 bytes (plain letters are one byte each; accented letters and emoji take more).", error.Message);
    }

    [Fact]
    public async Task Initialize_CloneCalledAgain_RevertsInvalidInitialization()
    {
        var community = await NewCommunity().BuildAsync(Ct);
        var clone = community.CommunityContractAs(7);
        var token = community.TokenContractAs(7);

        var error = await AssertRevertsAsync<InvalidInitializationError>(() =>
            SendAsync(source => clone.InitializeRequestAndWaitForReceiptAsync(HijackSetup(), community.Token.Value, source)));
        await AssertRevertsAsync<InvalidInitializationError>(() =>
            SendAsync(source => token.InitializeRequestAndWaitForReceiptAsync("Hijack", "HJK", Address(7).Value, source)));

        Assert.Equal("This contract is already set up; it cannot be initialised again.", error.Message);
        Assert.False(await community.As(0).IsStewardAsync(Address(7), Ct));
        Assert.Equal(community.Address.Value, await token.CommunityQueryAsync());
    }

    [Fact]
    public async Task Initialize_ImplementationContracts_RevertInvalidInitialization()
    {
        var deployment = await AidDaoDeployer.DeployAsync(Web3For(0), Ct);
        var communityImplementation = new AidDao.Contracts.Community.CommunityService(Web3For(7), deployment.CommunityImplementation.Value);
        var tokenImplementation = new AidDao.Contracts.ContributionToken.ContributionTokenService(Web3For(7), deployment.TokenImplementation.Value);

        await AssertRevertsAsync<InvalidInitializationError>(() =>
            SendAsync(source => communityImplementation.InitializeRequestAndWaitForReceiptAsync(HijackSetup(), deployment.TokenImplementation.Value, source)));
        await AssertRevertsAsync<InvalidInitializationError>(() =>
            SendAsync(source => tokenImplementation.InitializeRequestAndWaitForReceiptAsync("Hijack", "HJK", Address(7).Value, source)));

        Assert.False(await communityImplementation.IsStewardQueryAsync(Address(7).Value));
    }

    [Fact]
    public async Task Deploy_FactoryWithImplementationWithoutCode_RevertsInvalidImplementation()
    {
        var noCode = RandomAddress();
        var web3 = Web3For(0);

        var error = await AssertRevertsAsync<CommunityFactoryInvalidImplementationError>(() => SendAsync(source =>
            web3.Eth.GetContractDeploymentHandler<CommunityFactoryDeployment>().SendRequestAndWaitForReceiptAsync(
                new CommunityFactoryDeployment { Communityimplementation = noCode.Value, Tokenimplementation = noCode.Value, Poolimplementation = noCode.Value }, source)));

        Assert.Equal($"{noCode} holds no contract code; deploy the implementations first.", error.Message);
    }

    [Fact]
    public async Task Deploy_FactoryWithPoolImplementationWithoutCode_RevertsNamingThePoolImplementation()
    {
        var deployment = await AidDaoDeployer.DeployAsync(Web3For(0), Ct);
        var noCode = RandomAddress();

        var error = await AssertRevertsAsync<CommunityFactoryInvalidImplementationError>(() => SendAsync(source =>
            Web3For(0).Eth.GetContractDeploymentHandler<CommunityFactoryDeployment>().SendRequestAndWaitForReceiptAsync(new CommunityFactoryDeployment
            {
                Communityimplementation = deployment.CommunityImplementation.Value,
                Tokenimplementation = deployment.TokenImplementation.Value,
                Poolimplementation = noCode.Value,
            }, source)));

        Assert.Equal(noCode.Value, error.Argument<string>("implementation"), ignoreCase: true);
    }

    [Fact]
    public async Task Connect_AddressWithoutCode_ThrowsInputExceptionSayingSo()
    {
        var nowhere = RandomAddress();

        var error = await Assert.ThrowsAsync<AidDaoInputException>(() => CommunityService.ConnectAsync(Web3For(0), nowhere, Ct));

        Assert.StartsWith($"There is no contract at {nowhere} on this chain", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Connect_NonCommunityContracts_ThrowInputException()
    {
        var community = await NewCommunity().BuildAsync(Ct);

        var token = await Assert.ThrowsAsync<AidDaoInputException>(() => CommunityService.ConnectAsync(Web3For(0), community.Token, Ct));
        var factory = await Assert.ThrowsAsync<AidDaoInputException>(() => CommunityService.ConnectAsync(Web3For(0), community.Deployment.CommunityFactory, Ct));
        var implementation = await Assert.ThrowsAsync<AidDaoInputException>(() =>
            CommunityService.ConnectAsync(Web3For(0), community.Deployment.CommunityImplementation, Ct));

        Assert.Equal($"The contract at {community.Token} is not an AidDao community: check the community address.", token.Message);
        Assert.Contains("is not an AidDao community", factory.Message, StringComparison.Ordinal);
        Assert.Contains("is not a set-up AidDao community", implementation.Message, StringComparison.Ordinal);
    }

    private FactorySetup Setup(string name) =>
        new() { Name = name, Stewards = [Address(0).Value], Threshold = 1, AdmissionApprovals = 1, VouchesRequired = 0, Members = [] };

    private CommunitySetup HijackSetup() =>
        new() { Name = "Hijack", Stewards = [Address(7).Value], Threshold = 1, AdmissionApprovals = 1, VouchesRequired = 0, Members = [] };
}
