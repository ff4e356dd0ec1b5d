using System.Numerics;
using AidDao.Contracts.ContributionToken.ContractDefinition;
using AidDao.Contracts.FundingRound.ContractDefinition;
using AidDao.Contracts.Tests.Support;
using AidDao.TestUtils;
using Xunit;
using static AidDao.Contracts.Tests.Support.PoolBuilder;

namespace AidDao.Contracts.Tests.Round;

/// <summary>
/// claimTokens(projectIds): after finalisation each contributor mints amount × tokenRate / 1e18 contribution tokens per stake,
/// once; members and non-members alike. The sample contributions (see <see cref="TestRound.ContributeSampleAsync"/>).
/// </summary>
public sealed class RoundTokenClaimTests(ChainFixture fixture) : RoundTest(fixture)
{
    /// <summary>2.5 tokens per ETH.</summary>
    private static readonly BigInteger Rate = Ether(2.5m);

    [Fact]
    public async Task ClaimTokens_BeforeFinalize_RevertsNotFinalized()
    {
        var round = await NewRound().WithProjects(3).BuildAsync(Ct);
        await round.ContributeSampleAsync();

        var error = await AssertRevertsAsync<RoundNotFinalizedError>(() => round.ClaimTokensAsync(3, 1));

        Assert.Equal(new BigInteger(Active), error.Argument<BigInteger>("status"));
    }

    /// <summary>Member 3 gave 1 ETH to project 1 and 0.25 ETH to project 3; outsider 6 gave 1 ETH to project 3.</summary>
    [Fact]
    public async Task ClaimTokens_MintsAmountTimesRate_SkipsClaimedStakes_ThenNothingToPay()
    {
        var round = await NewRound().WithProjects(3).WithTokenRate(Rate).BuildAsync(Ct);
        await round.ContributeSampleAsync();
        await round.MoveToFinalizeAndFinalizeAsync();
        var member = round.AddressOf(3);
        var before = await round.TokenBalanceAsync(member);
        var supply = await round.Community.TokenContractAs(0).TotalSupplyQueryAsync();

        var first = TestPool.Event<TokensClaimedEventDTO>(await round.ClaimTokensAsync(3, 1));
        var rest = TestPool.Event<TokensClaimedEventDTO>(await round.ClaimTokensAsync(3, 1, 2, 3));
        await AssertRevertsAsync<RoundNothingToPayError>(() => round.ClaimTokensAsync(3, 1, 3));
        var outsider = TestPool.Event<TokensClaimedEventDTO>(await round.ClaimTokensAsync(6, 3));

        Assert.Equal((member, Ether(2.5m)), (first.Contributor, first.Amount));
        Assert.Equal((member, Ether(0.625m)), (rest.Contributor, rest.Amount));
        Assert.Equal((round.AddressOf(6), Ether(2.5m)), (outsider.Contributor, outsider.Amount));
        Assert.Equal(before + Ether(3.125m), await round.TokenBalanceAsync(member));
        Assert.Equal(supply + Ether(5.625m), await round.Community.TokenContractAs(0).TotalSupplyQueryAsync());
        Assert.True((await round.StakeAsync(3, 1)).TokensClaimed);
        Assert.True((await round.StakeAsync(3, 3)).TokensClaimed);
        Assert.False((await round.StakeAsync(4, 1)).TokensClaimed);
    }

    [Fact]
    public async Task ClaimTokens_NoStakeInTheProjects_RevertsNothingToPay()
    {
        var round = await NewRound().WithProjects(3).BuildAsync(Ct);
        await round.ContributeSampleAsync();
        await round.MoveToFinalizeAndFinalizeAsync();

        await AssertRevertsAsync<RoundNothingToPayError>(() => round.ClaimTokensAsync(3, 2));
        await AssertRevertsAsync<RoundNothingToPayError>(() => round.ClaimTokensAsync(7, 1, 2, 3));
    }

    [Fact]
    public async Task ClaimTokens_RoundWithoutMinterRight_RevertsContributionTokenNotMinter()
    {
        var round = await NewRound().WithProjects(3).WithoutMinterRight().BuildAsync(Ct);
        await round.ContributeSampleAsync();
        await round.MoveToFinalizeAndFinalizeAsync();

        var error = await AssertRevertsAsync<ContributionTokenNotMinterError>(() => round.ClaimTokensAsync(3, 1));

        Assert.Equal(round.Address.Value, error.Argument<string>("account"));
        Assert.False((await round.StakeAsync(3, 1)).TokensClaimed);
    }
}
