using System.Numerics;
using AidDao.Contracts.EmergencyPool.ContractDefinition;
using AidDao.Contracts.Testing.BallotHarness;
using AidDao.Contracts.Testing.BallotHarness.ContractDefinition;
using AidDao.Contracts.Testing.GasFloor;
using AidDao.Contracts.Testing.GasFloor.ContractDefinition;
using AidDao.Core;
using AidDao.Core.Communities;
using AidDao.TestUtils;
using Xunit;
using PoolContract = AidDao.Contracts.EmergencyPool.EmergencyPoolService;
using PoolTooManyDecisionsError = AidDao.Contracts.EmergencyPool.ContractDefinition.PoolTooManyDecisionsError;

namespace AidDao.Contracts.Tests.Pool;

/// <summary>
/// The two refusals the factory and a real community never reach: a ballot that cannot list another decider (tested on
/// <c>BallotHarness</c>, StewardBallots with every address a steward) and a pool clone set up without a community.
/// </summary>
public sealed class PoolBallotLimitTests(ChainFixture fixture) : PoolTest(fixture)
{
    [Fact]
    public async Task Ballot_FullSide_RefusesTheNextDistinctDeciderWithTooManyDecisions()
    {
        var harness = await BallotHarnessService.DeployContractAndGetServiceAsync(Web3For(0), new BallotHarnessDeployment());
        var max = (int)await harness.MaxBallotEntriesQueryAsync();
        for (var i = 0; i < max; i++)
        {
            var steward = RandomAddress().Value;
            await SendAsync(s => harness.DecideRequestAndWaitForReceiptAsync(7, steward, true, s));
        }

        var error = await AssertRevertsAsync<PoolTooManyDecisionsError>(() =>
            SendAsync(s => harness.DecideRequestAndWaitForReceiptAsync(7, RandomAddress().Value, true, s)));

        Assert.Equal(64, max);
        Assert.Equal(new BigInteger(7), error.Argument<BigInteger>("id"));
        Assert.Equal(new BigInteger(64), await harness.CountQueryAsync(7, true));
        await SendAsync(s => harness.DecideRequestAndWaitForReceiptAsync(7, RandomAddress().Value, false, s));
        Assert.Equal(BigInteger.One, await harness.CountQueryAsync(7, false));
        await SendAsync(s => harness.DecideRequestAndWaitForReceiptAsync(8, RandomAddress().Value, true, s));
    }

    [Fact]
    public async Task Initialize_CloneWithoutCommunity_RevertsZeroCommunity()
    {
        var deployment = await AidDaoDeployer.DeployAsync(Web3For(0), Ct);
        var floor = await GasFloorService.DeployContractAndGetServiceAsync(Web3For(0), new GasFloorDeployment());
        var cloneTwo = new CloneTwoFunction { First = deployment.PoolImplementation.Value, Second = deployment.PoolImplementation.Value };
        var clones = await floor.ContractHandler.QueryDeserializingToObjectAsync<CloneTwoFunction, CloneTwoOutputDTO>(cloneTwo);
        await SendAsync(s => floor.CloneTwoRequestAndWaitForReceiptAsync(cloneTwo, s));
        var clone = new PoolContract(Web3For(0), clones.A);

        await AssertRevertsAsync<PoolZeroCommunityError>(() => SendAsync(s => clone.InitializeRequestAndWaitForReceiptAsync(new PoolSetup
        {
            Name = "Orphan",
            Window = 86_400,
            Cooldown = 0,
            RequestLifetime = 86_400,
            EmergencyThreshold = 1,
            Assets = [],
            Limits = [],
        }, EthAddress.Zero.Value, s)));

        Assert.Equal(EthAddress.Zero.Value, EthAddress.FromChain(await clone.CommunityQueryAsync()).Value);
    }
}
