using System.Numerics;
using AidDao.Contracts.FundingRound.ContractDefinition;
using AidDao.Contracts.Tests.Support;
using AidDao.TestUtils;
using Xunit;
using static AidDao.Contracts.Tests.Support.PoolBuilder;

namespace AidDao.Contracts.Tests.Round;

/// <summary>fundMatching: ETH and stablecoin deposits into the matching pool, its window, and the value checks.</summary>
public sealed class RoundMatchingFundTests(ChainFixture fixture) : RoundTest(fixture)
{
    [Fact]
    public async Task FundMatching_Eth_AddsToPoolPerFunderAndEmitsMatchingFunded()
    {
        var round = await NewRound().BuildAsync(Ct);

        var first = TestPool.Event<MatchingFundedEventDTO>(await round.FundMatchingAsync(9, Ether(1)));
        var second = TestPool.Event<MatchingFundedEventDTO>(await round.FundMatchingAsync(8, Ether(0.5m)));
        var third = TestPool.Event<MatchingFundedEventDTO>(await round.FundMatchingAsync(9, Ether(0.25m)));

        Assert.Equal((Address(9).Value, Ether(1), Ether(1)), (first.Funder, first.Amount, first.MatchingPool));
        Assert.Equal((Address(8).Value, Ether(0.5m), Ether(1.5m)), (second.Funder, second.Amount, second.MatchingPool));
        Assert.Equal((Address(9).Value, Ether(0.25m), Ether(1.75m)), (third.Funder, third.Amount, third.MatchingPool));
        var contract = round.As(0);
        Assert.Equal(Ether(1.75m), await contract.MatchingPoolQueryAsync());
        Assert.Equal((Ether(1.25m), Ether(0.5m), BigInteger.Zero),
            (await contract.MatchingFundedByQueryAsync(Address(9).Value), await contract.MatchingFundedByQueryAsync(Address(8).Value), await contract.MatchingFundedByQueryAsync(Address(7).Value)));
        Assert.Equal(Ether(1.75m), await round.BalanceAsync(round.Address.Value));
    }

    [Fact]
    public async Task FundMatching_Stablecoin_MovesCoinsAndTakesNoEth()
    {
        var round = await NewRound().WithStablecoin().BuildAsync(Ct);

        var funded = TestPool.Event<MatchingFundedEventDTO>(await round.FundMatchingAsync(9, Coins(250)));
        await round.MintAndApproveAsync(8, Coins(10));
        var withEth = await AssertRevertsAsync<RoundValueMismatchError>(() => SendAsync(s => round.As(8).FundMatchingRequestAndWaitForReceiptAsync(
            new FundMatchingFunction { Amount = Coins(10), AmountToSend = 1 }, s)));

        Assert.Equal((Coins(250), Coins(250)), (funded.Amount, funded.MatchingPool));
        Assert.Equal(Coins(250), await round.BalanceAsync(round.Address.Value));
        Assert.Equal(BigInteger.Zero, await round.BalanceAsync(Address(9).Value));
        Assert.Equal(Coins(250), await round.As(0).MatchingFundedByQueryAsync(Address(9).Value));
        RoundAssert.Value(withEth, 1, 0);
        Assert.Equal(Coins(10), await round.BalanceAsync(Address(8).Value));
        Assert.Equal(BigInteger.Zero, await round.Pool.EthBalanceAsync(round.Address.Value));
    }

    [Fact]
    public async Task FundMatching_AtVotingEnd_RevertsOutsideWindow()
    {
        var round = await NewRound().BuildAsync(Ct);
        var votingEnd = round.Setup.VotingEnd;

        await round.Pool.SetNextBlockTimeAsync(votingEnd - 1);
        await round.FundMatchingAsync(9, Ether(1));
        await round.Pool.SetNextBlockTimeAsync(votingEnd);
        var error = await AssertRevertsAsync<RoundOutsideWindowError>(() => round.FundMatchingAsync(9, Ether(1)));

        RoundAssert.Window(error, 0, votingEnd, votingEnd);
        Assert.Equal(Ether(1), await round.As(0).MatchingPoolQueryAsync());
    }

    [Fact]
    public async Task FundMatching_ZeroOrValueNotTheAmount_RevertsZeroAmountOrValueMismatch()
    {
        var round = await NewRound().BuildAsync(Ct);

        await AssertRevertsAsync<RoundZeroAmountError>(() => round.FundMatchingAsync(9, 0));
        var tooLittle = await AssertRevertsAsync<RoundValueMismatchError>(() => SendAsync(s => round.As(9).FundMatchingRequestAndWaitForReceiptAsync(
            new FundMatchingFunction { Amount = Ether(1), AmountToSend = Ether(0.5m) }, s)));
        var tooMuch = await AssertRevertsAsync<RoundValueMismatchError>(() => SendAsync(s => round.As(9).FundMatchingRequestAndWaitForReceiptAsync(
            new FundMatchingFunction { Amount = Ether(1), AmountToSend = Ether(2) }, s)));

        RoundAssert.Value(tooLittle, Ether(0.5m), Ether(1));
        RoundAssert.Value(tooMuch, Ether(2), Ether(1));
        Assert.Equal(BigInteger.Zero, await round.As(0).MatchingPoolQueryAsync());
    }

    [Fact]
    public async Task FundMatching_AfterCancel_RevertsNotActive()
    {
        var round = await NewRound().WithMatching(Ether(1)).BuildAsync(Ct);
        await round.CancelAsync();

        var error = await AssertRevertsAsync<RoundNotActiveError>(() => round.FundMatchingAsync(9, Ether(1)));

        RoundAssert.Cancelled(error);
        Assert.Equal(Ether(1), await round.As(0).MatchingPoolQueryAsync());
    }
}
