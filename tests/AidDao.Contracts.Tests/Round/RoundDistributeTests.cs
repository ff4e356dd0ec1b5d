using System.Numerics;
using AidDao.Contracts.FundingRound.ContractDefinition;
using AidDao.Contracts.Testing.HostileRoundRecipient;
using AidDao.Contracts.Tests.Support;
using AidDao.TestUtils;
using Nethereum.Contracts;
using Xunit;
using static AidDao.Contracts.Tests.Support.PoolBuilder;

namespace AidDao.Contracts.Tests.Round;

/// <summary>
/// distribute(from, to): anyone pushes every unpaid approved project's payout in a range, once; a recipient that cannot take
/// a push (refuses, re-enters, burns the stipend) is skipped with PayoutDeferred and the others are still paid.
/// </summary>
public sealed class RoundDistributeTests(ChainFixture fixture) : RoundTest(fixture)
{
    [Fact]
    public async Task Distribute_BeforeFinalize_RevertsNotFinalized()
    {
        var round = await NewRound().WithProjects(1).BuildAsync(Ct);

        var error = await AssertRevertsAsync<RoundNotFinalizedError>(() => round.DistributeAsync(0, 1));

        Assert.Equal(new BigInteger(Active), error.Argument<BigInteger>("status"));
    }

    /// <summary>The sample with a 7 ETH pool: payouts 6, 4 and 4.75 ETH, and nothing left over.</summary>
    [Fact]
    public async Task Distribute_AllProjects_PaysEachExactlyOnce()
    {
        var round = await NewRound().WithProjects(3).WithMatching(Ether(7)).BuildAsync(Ct);
        await round.ContributeSampleAsync();
        await round.MoveToFinalizeAndFinalizeAsync();
        BigInteger[] payouts = [Ether(6), Ether(4), Ether(4.75m)];

        var receipt = await round.DistributeAsync(0, 3);
        var again = await round.DistributeAsync(0, 3);

        var paid = receipt.DecodeAllEvents<ProjectPaidEventDTO>().Select(e => e.Event).ToList();
        Assert.Equal(new BigInteger[] { 1, 2, 3 }, paid.Select(e => e.ProjectId));
        Assert.Equal(Enumerable.Range(1, 3).Select(TestRound.RecipientOf), paid.Select(e => e.To));
        Assert.Equal(payouts, paid.Select(e => e.Amount));
        Assert.Empty(receipt.DecodeAllEvents<PayoutDeferredEventDTO>());
        Assert.Empty(again.Logs);
        for (var k = 1; k <= 3; k++)
        {
            Assert.Equal(payouts[k - 1], await round.BalanceAsync(TestRound.RecipientOf(k)));
            Assert.Equal(BigInteger.Zero, await round.PayoutOfAsync(k));
        }
        Assert.Equal(BigInteger.Zero, await round.BalanceAsync(round.Address.Value));
    }

    /// <summary>
    /// Projects 1 and 3 pay key-less addresses, project 2 a hostile contract; members 3 and 4 give 1 ETH to each and the
    /// 3 ETH pool gives each 1 ETH: payouts of 3 ETH. The hostile one is deferred, claims once it accepts, and a second
    /// distribute pays nobody again.
    /// </summary>
    [Theory]
    [InlineData(HostileRoundMode.Revert)]
    [InlineData(HostileRoundMode.ReenterClaim)]
    [InlineData(HostileRoundMode.ReenterDistribute)]
    [InlineData(HostileRoundMode.BurnGas)]
    public async Task Distribute_HostileRecipient_IsDeferred_OthersArePaid_AndItIsPaidOnlyOnce(HostileRoundMode mode)
    {
        var (round, hostile, hostileId) = await WithHostileInTheMiddleAsync(mode);

        var receipt = await round.DistributeAsync(0, 3);

        var paid = receipt.DecodeAllEvents<ProjectPaidEventDTO>().Select(e => e.Event).ToList();
        Assert.Equal(new BigInteger[] { 1, 3 }, paid.Select(e => e.ProjectId));
        Assert.All(paid, e => Assert.Equal(Ether(3), e.Amount));
        var deferred = TestPool.Event<PayoutDeferredEventDTO>(receipt);
        Assert.Equal((hostileId, hostile.ContractAddress, Ether(3)), (deferred.ProjectId, deferred.Recipient, deferred.Amount));
        Assert.Equal((Ether(3), Ether(3), BigInteger.Zero),
            (await round.BalanceAsync(TestRound.RecipientOf(1)), await round.BalanceAsync(TestRound.RecipientOf(3)), await round.BalanceAsync(hostile.ContractAddress)));
        Assert.Equal(Ether(3), await round.PayoutOfAsync(hostileId));
        Assert.False((await round.As(0).GetProjectQueryAsync(hostileId)).ReturnValue1.Paid);
        Assert.Equal(Ether(3), await round.BalanceAsync(round.Address.Value));

        await TestRound.SetHostileModeAsync(hostile, (byte)HostileRoundMode.Accept);
        var claimed = TestPool.Event<ProjectPaidEventDTO>(await SendAsync(s => hostile.ClaimRequestAndWaitForReceiptAsync(hostile.ContractAddress, s)));
        var again = await round.DistributeAsync(0, 3);

        Assert.Equal((hostileId, hostile.ContractAddress, Ether(3)), (claimed.ProjectId, claimed.To, claimed.Amount));
        Assert.Empty(again.Logs);
        Assert.Equal(Ether(3), await hostile.ReceivedQueryAsync());
        Assert.Equal((Ether(3), Ether(3), Ether(3)),
            (await round.BalanceAsync(TestRound.RecipientOf(1)), await round.BalanceAsync(TestRound.RecipientOf(3)), await round.BalanceAsync(hostile.ContractAddress)));
        Assert.Equal(BigInteger.Zero, await round.BalanceAsync(round.Address.Value));
    }

    [Fact]
    public async Task Distribute_ContractRecipientThatAccepts_IsPaidWithinTheStipend()
    {
        var (round, hostile, hostileId) = await WithHostileInTheMiddleAsync(HostileRoundMode.Accept);

        var receipt = await round.DistributeAsync(0, 3);

        Assert.Equal(new BigInteger[] { 1, hostileId, 3 }, receipt.DecodeAllEvents<ProjectPaidEventDTO>().Select(e => e.Event.ProjectId));
        Assert.Empty(receipt.DecodeAllEvents<PayoutDeferredEventDTO>());
        Assert.Equal(Ether(3), await hostile.ReceivedQueryAsync());
        Assert.Equal(BigInteger.Zero, await round.BalanceAsync(round.Address.Value));
    }

    [Fact]
    public async Task Distribute_RangePastTheList_IsClamped_AndPaysOnlyThatRange()
    {
        var round = await NewRound().WithProjects(3).WithMatching(Ether(7)).BuildAsync(Ct);
        await round.ContributeSampleAsync();
        await round.MoveToFinalizeAndFinalizeAsync();

        var tail = await round.DistributeAsync(1, 1_000);
        var beyond = await round.DistributeAsync(5, 1_000);

        Assert.Equal(new BigInteger[] { 2, 3 }, tail.DecodeAllEvents<ProjectPaidEventDTO>().Select(e => e.Event.ProjectId));
        Assert.Empty(beyond.Logs);
        Assert.Equal(Ether(6), await round.PayoutOfAsync(1));
        Assert.Equal(BigInteger.Zero, await round.BalanceAsync(TestRound.RecipientOf(1)));

        var head = await round.DistributeAsync(0, 1);

        Assert.Equal(BigInteger.One, TestPool.Event<ProjectPaidEventDTO>(head).ProjectId);
        Assert.Equal(Ether(6), await round.BalanceAsync(TestRound.RecipientOf(1)));
        Assert.Equal(BigInteger.Zero, await round.BalanceAsync(round.Address.Value));
    }

    [Fact]
    public async Task Distribute_AtClaimDeadline_RevertsClaimClosed()
    {
        var round = await NewRound().WithProjects(3).WithMatching(Ether(7)).BuildAsync(Ct);
        await round.ContributeSampleAsync();
        await round.MoveToFinalizeAndFinalizeAsync();
        var deadline = (await round.OutcomeAsync()).ClaimDeadline;
        await round.Pool.SetNextBlockTimeAsync(deadline);

        var error = await AssertRevertsAsync<RoundClaimClosedError>(() => round.DistributeAsync(0, 3));

        Assert.Equal(new BigInteger(deadline), error.Argument<BigInteger>("deadline"));
        Assert.Equal(Ether(6), await round.PayoutOfAsync(1));
    }

    /// <summary>The finalised round of the hostile theory: projects 1 and 3 pay key-less addresses, the hostile project sits between them.</summary>
    private async Task<(TestRound Round, HostileRoundRecipientService Hostile, BigInteger HostileId)> WithHostileInTheMiddleAsync(HostileRoundMode mode)
    {
        var round = await NewRound().BuildAsync(Ct);
        await round.AddProjectAsync(6, TestRound.RecipientOf(1));
        var (hostile, hostileId) = await round.AddHostileProjectAsync((byte)mode);
        await round.AddProjectAsync(7, TestRound.RecipientOf(3));
        Assert.Equal(new BigInteger(2), hostileId);
        await round.MoveToVotingAsync();
        await round.FundMatchingAsync(9, Ether(3));
        await round.ContributeBatchAsync(3, [1, 2, 3], [Ether(1), Ether(1), Ether(1)]);
        await round.ContributeBatchAsync(4, [1, 2, 3], [Ether(1), Ether(1), Ether(1)]);
        await round.MoveToFinalizeAndFinalizeAsync();
        return (round, hostile, hostileId);
    }
}
