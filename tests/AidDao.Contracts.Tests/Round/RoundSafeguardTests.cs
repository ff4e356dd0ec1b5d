using System.Numerics;
using AidDao.Contracts.FundingRound.ContractDefinition;
using AidDao.Contracts.RoundFactory.ContractDefinition;
using AidDao.Contracts.Testing.GasFloor;
using AidDao.Contracts.Testing.GasFloor.ContractDefinition;
using AidDao.Contracts.Tests.Support;
using AidDao.Core.Rounds;
using AidDao.TestUtils;
using Nethereum.Contracts;
using Xunit;
using static AidDao.Contracts.Tests.Support.PoolBuilder;
using RoundContract = AidDao.Contracts.FundingRound.FundingRoundService;
using RoundSetup = AidDao.Contracts.FundingRound.ContractDefinition.RoundSetup;

namespace AidDao.Contracts.Tests.Round;

/// <summary>Safeguards added after the security review: only the factory sets up rounds, a cap that rounds to nothing,
/// and no contribution tokens for money given to one's own project.</summary>
public sealed class RoundSafeguardTests(ChainFixture fixture) : RoundTest(fixture)
{
    [Fact]
    public async Task Initialize_CloneMadeOutsideTheFactory_RevertsNotFactory()
    {
        var round = await NewRound().BuildAsync(Ct);
        var floor = await GasFloorService.DeployContractAndGetServiceAsync(Web3For(6), new GasFloorDeployment());
        var implementation = round.Community.Deployment.RoundImplementation.Value;
        var cloneTwo = new CloneTwoFunction { First = implementation, Second = implementation };
        var clones = await floor.ContractHandler.QueryDeserializingToObjectAsync<CloneTwoFunction, CloneTwoOutputDTO>(cloneTwo);
        await SendAsync(s => floor.CloneTwoRequestAndWaitForReceiptAsync(cloneTwo, s));
        var clone = new RoundContract(Web3For(6), clones.A);
        var now = await round.Pool.BlockTimeAsync();
        var setup = new RoundSetup
        {
            Name = "Impostor", Asset = TestPool.Eth, EmergencyPool = Address(6).Value, ApplicationsStart = now, ApplicationsEnd = now + 10,
            VotingStart = now + 10, VotingEnd = now + 20, ReviewPeriod = 0, ClaimPeriod = 10, MinimumContribution = 1, MaxProjects = 1,
        };

        var error = await AssertRevertsAsync<RoundNotFactoryError>(() => SendAsync(s => clone.InitializeRequestAndWaitForReceiptAsync(setup, round.Community.Address.Value, s)));

        Assert.Equal(Address(6).Value, error.Argument<string>("account"));
        Assert.Equal(round.Community.Deployment.RoundFactory.Value, Core.EthAddress.FromChain(await round.As(0).FactoryQueryAsync()).Value);
    }

    [Fact]
    public async Task DeployFactory_ImplementationMadeForAnotherFactory_RevertsInvalidAddress()
    {
        var round = await NewRound().BuildAsync(Ct);
        var web3 = Web3For(0);
        var foreign = await web3.Eth.GetContractDeploymentHandler<FundingRoundDeployment>()
            .SendRequestAndWaitForReceiptAsync(new FundingRoundDeployment { Factory = RandomAddress().Value });

        var error = await AssertRevertsAsync<RoundFactoryInvalidAddressError>(() => SendAsync(s => web3.Eth.GetContractDeploymentHandler<RoundFactoryDeployment>()
            .SendRequestAndWaitForReceiptAsync(new RoundFactoryDeployment
            {
                Communityfactory = round.Community.Deployment.CommunityFactory.Value, Roundimplementation = foreign.ContractAddress,
            }, s)));

        Assert.Equal(Core.EthAddress.FromChain(foreign.ContractAddress).Value, Core.EthAddress.FromChain(error.Argument<string>("account")).Value);
    }

    [Fact]
    public async Task Finalize_CapRoundsDownToZero_MatchesNothingAndKeepsThePoolAsRemainder()
    {
        // 1 basis point of a 9,999-wei pool is 0: every project is held to zero, as the engine says.
        var round = await NewRound().WithProjects(2).WithCap(1).WithMatching(9_999).BuildAsync(Ct);
        await round.ContributeAsync(3, 1, Ether(1));
        await round.ContributeAsync(4, 1, Ether(1));
        await round.ContributeAsync(5, 2, Ether(2));
        await round.ContributeAsync(3, 2, Ether(0.5m));
        await round.MoveToFinalizeAsync();

        var finalized = TestPool.Event<RoundFinalizedEventDTO>(await round.FinalizeAsync());

        var tallies = new List<ProjectTally>();
        foreach (var id in new BigInteger[] { 1, 2 })
        {
            var totals = await round.TotalsAsync(id);
            tallies.Add(new ProjectTally(totals.Roots, totals.Eligible));
        }
        var engine = QuadraticMatching.Compute(tallies, new QuadraticMatchingOptions(9_999, CapBasisPoints: 1));
        Assert.Equal((BigInteger.Zero, new BigInteger(9_999)), (finalized.Matched, finalized.Remainder));
        Assert.Equal(engine.Remainder, finalized.Remainder);
        Assert.Equal([BigInteger.Zero, BigInteger.Zero], [await round.As(0).MatchOfQueryAsync(1), await round.As(0).MatchOfQueryAsync(2)]);
        Assert.All(engine.Capped, Assert.True);
    }

    [Fact]
    public async Task ClaimTokens_MoneyGivenToOwnProject_EarnsNoTokens()
    {
        // Account 6 applied for project 1 (and account 7 for project 2): 6's gift to project 1 comes back to its side.
        var round = await NewRound().WithProjects(2).WithMatching(Ether(1)).BuildAsync(Ct);
        await round.ContributeAsync(6, 1, Ether(3));
        await round.ContributeAsync(6, 2, Ether(2));
        await round.MoveToFinalizeAsync();
        await round.FinalizeAsync();
        var before = await round.Community.TokenContractAs(0).BalanceOfQueryAsync(Address(6).Value);

        var claimed = TestPool.Event<TokensClaimedEventDTO>(await SendAsync(s => round.As(6).ClaimTokensRequestAndWaitForReceiptAsync([1, 2], s)));

        Assert.Equal(Ether(2), claimed.Amount);
        Assert.Equal(before + Ether(2), await round.Community.TokenContractAs(0).BalanceOfQueryAsync(Address(6).Value));
        Assert.True((await round.StakeAsync(6, 1)).TokensClaimed);
        await AssertRevertsAsync<RoundNothingToPayError>(() => SendAsync(s => round.As(6).ClaimTokensRequestAndWaitForReceiptAsync([1], s)));
    }

    [Fact]
    public async Task Distribute_SentWithTooLittleGasForTheStipend_RevertsInsteadOfDeferringPayouts()
    {
        var round = await NewRound().WithProjects(2).WithMatching(Ether(1)).BuildAsync(Ct);
        await round.ContributeAsync(3, 1, Ether(1));
        await round.ContributeAsync(4, 2, Ether(1));
        await round.MoveToFinalizeAsync();
        await round.FinalizeAsync();
        var distribute = new DistributeFunction { From = 0, To = 2, Gas = 90_000, FromAddress = Address(8).Value };
        var call = distribute.CreateCallInput(round.Address.Value);

        var error = await AssertRevertsAsync<RoundGasTooLowError>(() =>
            Core.Transactions.ChainCall.QueryAsync(() => Web3For(8).Eth.Transactions.Call.SendRequestAsync(call), Ct));

        Assert.True(error.Argument<BigInteger>("gasLeft") < error.Argument<BigInteger>("needed"));
        var paid = (await SendAsync(s => round.As(8).DistributeRequestAndWaitForReceiptAsync(0, 2, s))).DecodeAllEvents<ProjectPaidEventDTO>();
        Assert.Equal(2, paid.Count);
    }
}
