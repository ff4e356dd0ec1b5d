using System.Numerics;
using AidDao.Contracts.FundingRound.ContractDefinition;
using AidDao.Contracts.Tests.Support;
using AidDao.Core.Transactions;
using AidDao.TestUtils;
using Nethereum.Contracts;
using Xunit;
using static AidDao.Contracts.Tests.Support.PoolBuilder;

namespace AidDao.Contracts.Tests.Round;

/// <summary>
/// Sybil resistance (issue 4 acceptance): splitting money across addresses earns no match unless the addresses are
/// members, and a member giving several times to one project counts as one contribution of the sum.
/// </summary>
public sealed class RoundSybilTests(ChainFixture fixture) : RoundTest(fixture)
{
    private static readonly BigInteger Minimum = Ether(0.001m);

    [Fact]
    public async Task Finalize_OutsiderSplitsAGiftAcross100Addresses_AttractsNoMatch()
    {
        var round = await NewRound().WithProjects(2).WithMatching(Ether(1)).BuildAsync(Ct);
        var sybils = await Task.WhenAll(Enumerable.Range(0, 100).Select(_ => round.NewFundedAccountAsync(Ether(0.01m))));

        await Task.WhenAll(sybils.Select(account => ChainCall.SendAsync(s => round.As(account).ContributeToRequestAndWaitForReceiptAsync(
            new ContributeToFunction { ProjectId = 1, Amount = Minimum, AmountToSend = Minimum }, s), Ct)));
        var memberGift = Ether(0.01m);
        await round.ContributeAsync(3, 2, memberGift);
        await round.ContributeAsync(4, 2, memberGift);
        await round.MoveToFinalizeAsync();
        var computed = (await round.FinalizeAsync()).DecodeAllEvents<MatchComputedEventDTO>().ToDictionary(e => (int)e.Event.ProjectId, e => e.Event);

        var split = await round.TotalsAsync(1);
        Assert.Equal((100 * Minimum, BigInteger.Zero, 0UL), (split.Raised, split.Eligible, split.Roots));
        Assert.Equal((BigInteger.Zero, BigInteger.Zero), (computed[1].RawMatch, computed[1].MatchAmount));
        Assert.Equal(BigInteger.Zero, await round.As(0).MatchOfQueryAsync(1));
        // Two members giving a fifth as much take the whole pool: raw (√c + √c)² − 2c = 2c.
        Assert.Equal((2 * memberGift, Ether(1)), (computed[2].RawMatch, computed[2].MatchAmount));
        Assert.Equal(Ether(1), await round.As(0).MatchOfQueryAsync(2));
        Assert.Equal(100 * Minimum, await round.As(0).PayoutOfQueryAsync(1));
    }

    [Fact]
    public async Task Contribute_MemberGivesThreeTimesToOneProject_CountsAsOneContributionOfTheSum()
    {
        var round = await NewRound().WithProjects(2).WithMatching(Ether(1)).BuildAsync(Ct);
        var (first, rest) = (Ether(0.01m), Ether(0.015m));

        await round.ContributeAsync(3, 1, first);
        await round.ContributeBatchAsync(3, [1, 1], [rest, rest]);
        await round.ContributeAsync(4, 2, first + 2 * rest);
        await round.ContributeBatchAsync(5, [1, 2], [Minimum, Minimum]);

        // ⌊√(0.04 ETH)⌋ = 2e8, where three separate roots would add up to 1e8 + 2 × 122,474,487; member 5 adds ⌊√1e15⌋.
        var split = await round.TotalsAsync(1);
        var whole = await round.TotalsAsync(2);
        Assert.Equal((Ether(0.041m), Ether(0.041m), 200_000_000UL + 31_622_776UL), (split.Raised, split.Eligible, split.Roots));
        Assert.Equal((whole.Raised, whole.Eligible, whole.Roots), (split.Raised, split.Eligible, split.Roots));
        var stake = await round.StakeAsync(3, 1);
        Assert.Equal((Ether(0.04m), Ether(0.04m), 200_000_000UL), (stake.Amount, stake.Eligible, stake.Root));
        await round.MoveToFinalizeAsync();
        await round.FinalizeAsync();
        Assert.Equal(Ether(0.5m), await round.As(0).MatchOfQueryAsync(1));
        Assert.Equal(Ether(0.5m), await round.As(0).MatchOfQueryAsync(2));
    }
}
