using System.Numerics;
using AidDao.Contracts.FundingRound.ContractDefinition;
using AidDao.Contracts.Tests.Support;
using AidDao.Core;
using AidDao.TestUtils;
using Nethereum.Contracts;
using Xunit;

namespace AidDao.Contracts.Tests.Round;

/// <summary>
/// claim(projectId, to): only the recipient, once, before the deadline, to a non-zero address that takes the money; it pays
/// contributions plus match exactly. Rounds here: project 1 pays account 6, project 2 pays account 7; members 3 and 4 give
/// 1 U to project 1 and U/4 to project 2, outsider 8 gives 1 U to project 1; pool 3 U. Raw 2 U and 0.5 U, so matches
/// 2.4 U and 0.6 U; payouts 5.4 U and 1.1 U.
/// </summary>
public sealed class RoundClaimTests(ChainFixture fixture) : RoundTest(fixture)
{
    [Fact]
    public async Task Claim_BeforeFinalize_RevertsNotFinalized()
    {
        var round = await TwoProjectsAsync(stablecoin: false, finalize: false);
        await round.MoveToFinalizeAsync();

        var error = await AssertRevertsAsync<RoundNotFinalizedError>(() => round.ClaimAsync(6, 1, round.AddressOf(6)));

        Assert.Equal(new BigInteger(Active), error.Argument<BigInteger>("status"));
    }

    [Fact]
    public async Task Claim_ByAnyoneButTheRecipient_RevertsNotRecipient()
    {
        var round = await TwoProjectsAsync(stablecoin: false);

        var other = await AssertRevertsAsync<RoundNotRecipientError>(() => round.ClaimAsync(7, 1, round.AddressOf(7)));
        var unknown = await AssertRevertsAsync<RoundNotRecipientError>(() => round.ClaimAsync(6, 99, round.AddressOf(6)));

        Assert.Equal((BigInteger.One, round.AddressOf(7)), (other.Argument<BigInteger>("projectId"), other.Argument<string>("account")));
        Assert.Equal((new BigInteger(99), round.AddressOf(6)), (unknown.Argument<BigInteger>("projectId"), unknown.Argument<string>("account")));
        Assert.Equal(round.Unit * 54 / 10, await round.PayoutOfAsync(1));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Claim_ByRecipient_PaysContributionsPlusMatchToTo_Once(bool stablecoin)
    {
        var round = await TwoProjectsAsync(stablecoin);
        var to = RandomAddress().Value;
        var held = await round.BalanceAsync(round.Address.Value);
        var payout = round.Unit * 54 / 10;

        var receipt = await round.ClaimAsync(6, 1, to);

        var paid = TestPool.Event<ProjectPaidEventDTO>(receipt);
        Assert.Equal((BigInteger.One, to, payout), (paid.ProjectId, paid.To, paid.Amount));
        Assert.Equal(payout, await round.BalanceAsync(to));
        Assert.Equal(held - payout, await round.BalanceAsync(round.Address.Value));
        Assert.Equal(BigInteger.Zero, await round.PayoutOfAsync(1));
        Assert.Equal(round.Unit * 24 / 10, await round.MatchOfAsync(1));
        Assert.True((await round.As(0).GetProjectQueryAsync(1)).ReturnValue1.Paid);
        Assert.Equal(round.Unit * 11 / 10, await round.PayoutOfAsync(2));

        var twice = await AssertRevertsAsync<RoundAlreadyPaidError>(() => round.ClaimAsync(6, 1, to));
        Assert.Equal(BigInteger.One, twice.Argument<BigInteger>("projectId"));
        Assert.Equal(payout, await round.BalanceAsync(to));
    }

    [Fact]
    public async Task Claim_OneSecondBeforeDeadline_Pays_AtDeadlineRevertsClaimClosed()
    {
        var round = await TwoProjectsAsync(stablecoin: false);
        var deadline = (await round.OutcomeAsync()).ClaimDeadline;

        await round.Pool.SetNextBlockTimeAsync(deadline - 1);
        await round.ClaimAsync(6, 1, round.AddressOf(6));
        await round.Pool.SetNextBlockTimeAsync(deadline);
        var error = await AssertRevertsAsync<RoundClaimClosedError>(() => round.ClaimAsync(7, 2, round.AddressOf(7)));

        Assert.Equal(new BigInteger(deadline), error.Argument<BigInteger>("deadline"));
        Assert.Equal(BigInteger.Zero, await round.PayoutOfAsync(1));
        Assert.Equal(round.Unit * 11 / 10, await round.PayoutOfAsync(2));
    }

    [Fact]
    public async Task Claim_ToZeroOrToAnAddressThatRefuses_Reverts_AndStaysClaimable()
    {
        var round = await TwoProjectsAsync(stablecoin: false);
        var refusing = await round.DeployHostileAsync((byte)HostileRoundMode.Revert);
        var held = await round.BalanceAsync(round.Address.Value);

        await AssertRevertsAsync<RoundZeroAddressError>(() => round.ClaimAsync(6, 1, EthAddress.Zero.Value));
        var error = await AssertRevertsAsync<RoundTransferFailedError>(() => round.ClaimAsync(6, 1, refusing.ContractAddress));
        Assert.Equal(round.Unit * 54 / 10, await round.PayoutOfAsync(1));
        await round.ClaimAsync(6, 1, round.AddressOf(8));

        Assert.Equal(refusing.ContractAddress, error.Argument<string>("to"));
        Assert.Equal(held - round.Unit * 54 / 10, await round.BalanceAsync(round.Address.Value));
    }

    /// <summary>A recipient contract that refuses, re-enters or burns gas when claiming to itself gets nothing and stays owed; once it accepts, it is paid exactly once.</summary>
    [Theory]
    [InlineData(HostileRoundMode.Revert)]
    [InlineData(HostileRoundMode.ReenterClaim)]
    [InlineData(HostileRoundMode.ReenterDistribute)]
    [InlineData(HostileRoundMode.BurnGas)]
    public async Task Claim_HostileRecipientToItself_RevertsTransferFailed_ThenAccepting_IsPaidOnce(HostileRoundMode mode)
    {
        var round = await NewRound().BuildAsync(Ct);
        var (hostile, id) = await round.AddHostileProjectAsync((byte)mode);
        await round.MoveToVotingAsync();
        await round.FundMatchingAsync(9, PoolBuilder.Ether(1));
        await round.ContributeAsync(3, id, PoolBuilder.Ether(1));
        await round.ContributeAsync(4, id, PoolBuilder.Ether(1));
        await round.MoveToFinalizeAndFinalizeAsync();
        var payout = PoolBuilder.Ether(3);
        Assert.Equal(payout, await round.PayoutOfAsync(id));

        var error = await AssertRevertsAsync<RoundTransferFailedError>(() => SendAsync(s => hostile.ClaimRequestAndWaitForReceiptAsync(hostile.ContractAddress, s)));
        Assert.Equal(hostile.ContractAddress, error.Argument<string>("to"));
        Assert.Equal(payout, await round.PayoutOfAsync(id));

        await TestRound.SetHostileModeAsync(hostile, (byte)HostileRoundMode.Accept);
        var paid = TestPool.Event<ProjectPaidEventDTO>(await SendAsync(s => hostile.ClaimRequestAndWaitForReceiptAsync(hostile.ContractAddress, s)));
        var twice = await AssertRevertsAsync<RoundAlreadyPaidError>(() => SendAsync(s => hostile.ClaimRequestAndWaitForReceiptAsync(hostile.ContractAddress, s)));

        Assert.Equal((id, hostile.ContractAddress, payout), (paid.ProjectId, paid.To, paid.Amount));
        Assert.Equal(id, twice.Argument<BigInteger>("projectId"));
        Assert.Equal(payout, await hostile.ReceivedQueryAsync());
        Assert.Equal(payout, await round.BalanceAsync(hostile.ContractAddress));
        Assert.Equal(BigInteger.Zero, await round.BalanceAsync(round.Address.Value));
    }

    /// <summary>The round in the class summary (ETH or the stablecoin), finalised unless <paramref name="finalize"/> is false.</summary>
    private async Task<TestRound> TwoProjectsAsync(bool stablecoin, bool finalize = true)
    {
        var builder = NewRound();
        if (stablecoin) builder.WithStablecoin().WithMinimum(PoolBuilder.Coins(0.01m));
        var round = await builder.BuildAsync(Ct);
        var unit = round.Unit;
        Assert.Equal(BigInteger.One, await round.AddProjectAsync(6, round.AddressOf(6)));
        Assert.Equal(new BigInteger(2), await round.AddProjectAsync(7, round.AddressOf(7)));
        await round.MoveToVotingAsync();
        await round.FundMatchingAsync(9, 3 * unit);
        await round.ContributeBatchAsync(3, [1, 2], [unit, unit / 4]);
        await round.ContributeBatchAsync(4, [1, 2], [unit, unit / 4]);
        await round.ContributeAsync(8, 1, unit);
        if (finalize) await round.MoveToFinalizeAndFinalizeAsync();
        return round;
    }
}
