using System.Numerics;
using AidDao.Contracts.EmergencyPool.ContractDefinition;
using AidDao.Contracts.FundingRound.ContractDefinition;
using AidDao.Contracts.Tests.Support;
using AidDao.TestUtils;
using Nethereum.Hex.HexTypes;
using Nethereum.RPC.Eth.DTOs;
using Xunit;
using static AidDao.Contracts.Tests.Support.PoolBuilder;

namespace AidDao.Contracts.Tests.Round;

/// <summary>
/// sweep: after finalisation the remainder, and after the claim deadline every unclaimed payout, goes to the community's
/// emergency pool as a deposit that mints no contribution tokens (the round is itself a minter). Rounds here pay raw
/// matches only with a 5 ETH pool and the sample contributions (see <see cref="TestRound.ContributeSampleAsync"/>):
/// matches 2, 0 and 1.5 ETH, remainder 1.5 ETH; payouts 4, 4 and 3.25 ETH.
/// </summary>
public sealed class RoundSweepTests(ChainFixture fixture) : RoundTest(fixture)
{
    [Fact]
    public async Task Sweep_BeforeFinalize_RevertsNotFinalized()
    {
        var round = await NewRound().WithMatching(Ether(1)).BuildAsync(Ct);
        await round.MoveToFinalizeAsync();

        var error = await AssertRevertsAsync<RoundNotFinalizedError>(() => round.SweepAsync());

        Assert.Equal(new BigInteger(Active), error.Argument<BigInteger>("status"));
    }

    [Fact]
    public async Task Sweep_AfterFinalize_DepositsTheRemainderInThePool_WithoutMintingTokens_Once()
    {
        var round = await SampleRoundAsync();
        var deposited = (await round.Pool.TotalsAsync(TestPool.Eth)).Deposited;
        var poolBalance = await round.BalanceAsync(round.Pool.Address.Value);
        var supply = await round.Community.TokenContractAs(0).TotalSupplyQueryAsync();

        var receipt = await round.SweepAsync();

        var swept = TestPool.Event<SweptEventDTO>(receipt);
        Assert.Equal((round.Pool.Address.Value, Ether(1.5m)), (swept.Pool, swept.Amount));
        var deposit = TestPool.Event<DepositedEventDTO>(receipt);
        Assert.Equal((round.Address.Value, TestPool.Eth, Ether(1.5m), BigInteger.Zero), (deposit.Donor, deposit.Asset, deposit.Amount, deposit.Minted));
        Assert.Equal(Ether(1), (await round.Pool.As(0).AssetLimitsQueryAsync(TestPool.Eth)).Limits.MintRate);
        Assert.Equal(deposited + Ether(1.5m), (await round.Pool.TotalsAsync(TestPool.Eth)).Deposited);
        Assert.Equal(poolBalance + Ether(1.5m), await round.BalanceAsync(round.Pool.Address.Value));
        Assert.Equal(BigInteger.Zero, await round.TokenBalanceAsync(round.Address.Value));
        Assert.Equal(supply, await round.Community.TokenContractAs(0).TotalSupplyQueryAsync());

        await AssertRevertsAsync<RoundNothingToPayError>(() => round.SweepAsync());
        await round.DistributeAsync(0, 3);
        Assert.Equal(new[] { Ether(4), Ether(4), Ether(3.25m) },
            await Task.WhenAll(Enumerable.Range(1, 3).Select(k => round.BalanceAsync(TestRound.RecipientOf(k)))));
        Assert.Equal(BigInteger.Zero, await round.BalanceAsync(round.Address.Value));
    }

    /// <summary>Project 1 is paid before the deadline; the remainder is swept; at the deadline projects 2 and 3 (7.25 ETH) go to the pool.</summary>
    [Fact]
    public async Task Sweep_AfterClaimDeadline_SendsEveryUnclaimedPayout_AndClaimsAreClosed()
    {
        var round = await SampleRoundAsync();
        var deposited = (await round.Pool.TotalsAsync(TestPool.Eth)).Deposited;
        await round.DistributeAsync(0, 1);
        await round.SweepAsync();
        var deadline = (await round.OutcomeAsync()).ClaimDeadline;
        await round.MoveToClaimDeadlineAsync();

        var swept = TestPool.Event<SweptEventDTO>(await round.SweepAsync());

        Assert.Equal(Ether(7.25m), swept.Amount);
        Assert.Equal(deposited + Ether(8.75m), (await round.Pool.TotalsAsync(TestPool.Eth)).Deposited);
        Assert.Equal(BigInteger.Zero, await round.BalanceAsync(round.Address.Value));
        Assert.Equal(Ether(4), await round.BalanceAsync(TestRound.RecipientOf(1)));
        var claim = await AssertRevertsAsync<RoundClaimClosedError>(() => round.ClaimAsync(6, 2, round.AddressOf(6)));
        var distribute = await AssertRevertsAsync<RoundClaimClosedError>(() => round.DistributeAsync(0, 3));
        Assert.All(new[] { claim, distribute }, error => Assert.Equal(new BigInteger(deadline), error.Argument<BigInteger>("deadline")));
        await AssertRevertsAsync<RoundNothingToPayError>(() => round.SweepAsync());
    }

    [Fact]
    public async Task Sweep_StablecoinRoundWithoutProjects_DepositsTheWholePoolAsTokens_WithoutMinting()
    {
        var round = await NewRound().WithStablecoin().WithMatching(Coins(50)).BuildAsync(Ct);
        await round.MoveToFinalizeAndFinalizeAsync();
        var deposited = (await round.Pool.TotalsAsync(round.Setup.Asset)).Deposited;

        var receipt = await round.SweepAsync();

        Assert.Equal(Coins(50), TestPool.Event<SweptEventDTO>(receipt).Amount);
        var deposit = TestPool.Event<DepositedEventDTO>(receipt);
        Assert.Equal((round.Address.Value, round.Setup.Asset, Coins(50), BigInteger.Zero), (deposit.Donor, deposit.Asset, deposit.Amount, deposit.Minted));
        Assert.Equal(deposited + Coins(50), (await round.Pool.TotalsAsync(round.Setup.Asset)).Deposited);
        Assert.Equal(Coins(50), await round.BalanceAsync(round.Pool.Address.Value));
        Assert.Equal(BigInteger.Zero, await round.BalanceAsync(round.Address.Value));
        Assert.Equal(BigInteger.Zero, await round.TokenBalanceAsync(round.Address.Value));
    }

    [Fact]
    public async Task PlainEthTransferToRound_RevertsValueMismatch()
    {
        var round = await NewRound().WithProjects(1).BuildAsync(Ct);
        var transfer = new TransactionInput { From = Address(8).Value, To = round.Address.Value, Value = new HexBigInteger(Ether(0.25m)) };
        var transactions = Web3For(8).Eth.TransactionManager;

        var error = await AssertRevertsAsync<RoundValueMismatchError>(() => SendAsync(async s =>
        {
            transfer.Gas = await transactions.EstimateGasAsync(transfer);
            return await transactions.SendTransactionAndWaitForReceiptAsync(transfer, s.Token);
        }));

        Assert.Equal((Ether(0.25m), BigInteger.Zero), (error.Argument<BigInteger>("sent"), error.Argument<BigInteger>("expected")));
        Assert.Equal(BigInteger.Zero, await round.BalanceAsync(round.Address.Value));
    }

    private async Task<TestRound> SampleRoundAsync()
    {
        var round = await NewRound().WithProjects(3).PayingRawMatchesOnly().WithMatching(Ether(5)).BuildAsync(Ct);
        await round.ContributeSampleAsync();
        await round.MoveToFinalizeAndFinalizeAsync();
        Assert.Equal(Ether(1.5m), (await round.OutcomeAsync()).Remainder);
        return round;
    }
}
