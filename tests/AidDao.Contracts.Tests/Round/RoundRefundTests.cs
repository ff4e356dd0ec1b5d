using System.Numerics;
using AidDao.Contracts.FundingRound.ContractDefinition;
using AidDao.Contracts.Testing.TestToken.ContractDefinition;
using AidDao.Contracts.Tests.Support;
using AidDao.Core;
using AidDao.TestUtils;
using Nethereum.Contracts;
using Xunit;
using static AidDao.Contracts.Tests.Support.PoolBuilder;

namespace AidDao.Contracts.Tests.Round;

/// <summary>
/// After a cancel, anyone (account 8 here) pushes refunds: every contributor gets exactly what it put into each project
/// and every matching funder its funds, once; a push that fails is kept for the account to withdraw. The sample
/// contributions (see <see cref="TestRound.ContributeSampleAsync"/>) and a 7 U pool funded by account 9.
/// </summary>
public sealed class RoundRefundTests(ChainFixture fixture) : RoundTest(fixture)
{
    /// <summary>Runtime code that reverts on every call (PUSH1 0 PUSH1 0 REVERT): an account that refuses pushed ETH.</summary>
    private const string RefusingCode = "0x60006000fd";

    [Fact]
    public async Task Refunds_BeforeCancel_RevertNotCancelled()
    {
        var round = await NewRound().WithProjects(3).WithMatching(Ether(7)).BuildAsync(Ct);
        await round.ContributeSampleAsync();

        await AssertRevertsAsync<RoundNotCancelledError>(() => round.RefundContributionsAsync([round.AddressOf(3)], [1]));
        await AssertRevertsAsync<RoundNotCancelledError>(() => round.RefundMatchingAsync(round.AddressOf(9)));
        await round.MoveToFinalizeAndFinalizeAsync();
        await AssertRevertsAsync<RoundNotCancelledError>(() => round.RefundMatchingAsync(round.AddressOf(9)));

        Assert.Equal(Ether(7), await round.As(0).MatchingFundedByQueryAsync(round.AddressOf(9)));
    }

    [Fact]
    public async Task Refunds_EmptyOrUnevenBatch_RevertBatchMismatch()
    {
        var round = await NewRound().WithProjects(3).BuildAsync(Ct);
        await round.CancelAsync();

        var uneven = await AssertRevertsAsync<RoundBatchMismatchError>(() => round.RefundContributionsAsync([round.AddressOf(3), round.AddressOf(4)], [1]));
        var empty = await AssertRevertsAsync<RoundBatchMismatchError>(() => round.RefundContributionsAsync([], []));
        var noFunders = await AssertRevertsAsync<RoundBatchMismatchError>(() => round.RefundMatchingAsync());

        Assert.Equal((BigInteger.One, new BigInteger(2)), (uneven.Argument<BigInteger>("projects"), uneven.Argument<BigInteger>("amounts")));
        Assert.All([empty, noFunders], error =>
            Assert.Equal((BigInteger.Zero, BigInteger.Zero), (error.Argument<BigInteger>("projects"), error.Argument<BigInteger>("amounts"))));
    }

    [Fact]
    public async Task Refunds_EthRound_GiveEveryoneExactlyWhatTheyPutIn_Once()
    {
        var round = await NewRound().WithProjects(3).WithMatching(Ether(7)).BuildAsync(Ct);
        await round.ContributeSampleAsync();
        await round.CancelAsync();
        var (contributors, ids) = SamplePairs(round);
        int[] accounts = [3, 4, 5, 6, 9];
        var before = await BalancesAsync(round, accounts);

        var receipt = await round.RefundContributionsAsync([.. contributors, round.AddressOf(6)], [.. ids, 1]);

        var refunds = receipt.DecodeAllEvents<RefundedEventDTO>().Select(e => e.Event).ToList();
        Assert.Equal(contributors, refunds.Select(e => e.Account));
        Assert.Equal(ids, refunds.Select(e => e.ProjectId));
        Assert.Equal(SampleStakes(round), refunds.Select(e => e.Amount));
        Assert.All(refunds, e => Assert.True(e.Delivered));
        Assert.All(await Task.WhenAll(contributors.Zip(ids, (c, id) => round.As(0).StakeOfQueryAsync(c, id))), stake => Assert.True(stake.ReturnValue1.Refunded));
        Assert.Equal(Ether(7), await round.BalanceAsync(round.Address.Value));

        var matching = await round.RefundMatchingAsync(round.AddressOf(9), round.AddressOf(6));

        var refunded = TestPool.Event<RefundedEventDTO>(matching);
        Assert.Equal((round.AddressOf(9), BigInteger.Zero, Ether(7), true), (refunded.Account, refunded.ProjectId, refunded.Amount, refunded.Delivered));
        Assert.Equal(BigInteger.Zero, await round.As(0).MatchingFundedByQueryAsync(round.AddressOf(9)));
        var after = await BalancesAsync(round, accounts);
        Assert.Equal(new[] { Ether(1.25m), Ether(1.25m), Ether(4.25m), Ether(1), Ether(7) }, after.Zip(before, (a, b) => a - b));
        Assert.Equal(BigInteger.Zero, await round.BalanceAsync(round.Address.Value));

        var again = await round.RefundContributionsAsync(contributors, ids);
        var matchingAgain = await round.RefundMatchingAsync(round.AddressOf(9));

        Assert.Empty(again.Logs);
        Assert.Empty(matchingAgain.Logs);
        Assert.Equal(after, await BalancesAsync(round, accounts));
    }

    /// <summary>The token blocks transfers to outsider 6 and funder 9: their refunds are kept, and they withdraw them later.</summary>
    [Fact]
    public async Task Refunds_StablecoinRound_BlockedAccountsAreKeptForWithdraw_OthersPaidExactly()
    {
        var round = await NewRound().WithStablecoin().WithMinimum(Coins(0.01m)).WithProjects(3).WithMatching(Coins(7)).BuildAsync(Ct);
        await round.ContributeSampleAsync();
        await round.CancelAsync();
        var token = round.Pool.TokenAs(0, round.Setup.Asset);
        await SendAsync(s => token.SetBlockedRequestAndWaitForReceiptAsync(round.AddressOf(6), true, s));
        await SendAsync(s => token.SetBlockedRequestAndWaitForReceiptAsync(round.AddressOf(9), true, s));
        var (contributors, ids) = SamplePairs(round);

        var receipt = await round.RefundContributionsAsync(contributors, ids);
        var matching = TestPool.Event<RefundedEventDTO>(await round.RefundMatchingAsync(round.AddressOf(9)));

        var refunds = receipt.DecodeAllEvents<RefundedEventDTO>().Select(e => e.Event).ToList();
        Assert.Equal(SampleStakes(round), refunds.Select(e => e.Amount));
        Assert.Equal(contributors.Select(c => c != round.AddressOf(6)), refunds.Select(e => e.Delivered));
        Assert.Equal((round.AddressOf(9), Coins(7), false), (matching.Account, matching.Amount, matching.Delivered));
        Assert.Equal(new[] { Coins(1.25m), Coins(1.25m), Coins(4.25m), BigInteger.Zero },
            await BalancesAsync(round, [3, 4, 5, 6]));
        Assert.Equal((Coins(1), Coins(7)), (await round.As(0).OwedToQueryAsync(round.AddressOf(6)), await round.As(0).OwedToQueryAsync(round.AddressOf(9))));
        Assert.Equal(Coins(8), await round.BalanceAsync(round.Address.Value));

        var blocked = await AssertRevertsAsync<TestTokenBlockedError>(() => round.WithdrawAsync(6, round.AddressOf(6)));
        var withdrawn = TestPool.Event<WithdrawnEventDTO>(await round.WithdrawAsync(6, round.AddressOf(8)));
        await SendAsync(s => token.SetBlockedRequestAndWaitForReceiptAsync(round.AddressOf(9), false, s));
        await round.WithdrawAsync(9, round.AddressOf(9));

        Assert.Equal(round.AddressOf(6), blocked.Argument<string>("account"));
        Assert.Equal((round.AddressOf(6), round.AddressOf(8), Coins(1)), (withdrawn.Account, withdrawn.To, withdrawn.Amount));
        Assert.Equal((Coins(1), Coins(7)), (await round.BalanceAsync(round.AddressOf(8)), await round.BalanceAsync(round.AddressOf(9))));
        Assert.Equal(BigInteger.Zero, await round.BalanceAsync(round.Address.Value));
        await AssertRevertsAsync<RoundNothingToPayError>(() => round.WithdrawAsync(6, round.AddressOf(8)));
    }

    /// <summary>
    /// Outsider 6 and funder 9 refuse pushed ETH while their refunds are pushed (their code is set to revert); the money
    /// is kept for them, and once they are plain accounts again they withdraw it, each once.
    /// </summary>
    [Fact]
    public async Task Refunds_EthAccountsRefusingThePush_AreKeptForWithdraw()
    {
        var round = await NewRound().WithProjects(3).WithMatching(Ether(7)).BuildAsync(Ct);
        await round.ContributeSampleAsync();
        await round.CancelAsync();
        await round.SetCodeAsync(round.AddressOf(6), RefusingCode);
        await round.SetCodeAsync(round.AddressOf(9), RefusingCode);

        var receipt = await round.RefundContributionsAsync([round.AddressOf(6), round.AddressOf(3)], [3, 1]);
        var matching = TestPool.Event<RefundedEventDTO>(await round.RefundMatchingAsync(round.AddressOf(9)));

        var refunds = receipt.DecodeAllEvents<RefundedEventDTO>().Select(e => e.Event).ToList();
        Assert.Equal(new[] { (round.AddressOf(6), Ether(1), false), (round.AddressOf(3), Ether(1), true) },
            refunds.Select(e => (e.Account, e.Amount, e.Delivered)));
        Assert.Equal((round.AddressOf(9), Ether(7), false), (matching.Account, matching.Amount, matching.Delivered));
        Assert.Equal((Ether(1), Ether(7)), (await round.As(0).OwedToQueryAsync(round.AddressOf(6)), await round.As(0).OwedToQueryAsync(round.AddressOf(9))));
        Assert.True((await round.StakeAsync(6, 3)).Refunded);
        Assert.Equal(Ether(13.75m), await round.BalanceAsync(round.Address.Value));

        await round.SetCodeAsync(round.AddressOf(6), "0x");
        await round.SetCodeAsync(round.AddressOf(9), "0x");
        var refusing = await round.DeployHostileAsync((byte)HostileRoundMode.Revert);
        var failed = await AssertRevertsAsync<RoundTransferFailedError>(() => round.WithdrawAsync(6, refusing.ContractAddress));
        var (to6, to9) = (RandomAddress().Value, RandomAddress().Value);
        var withdrawn = TestPool.Event<WithdrawnEventDTO>(await round.WithdrawAsync(6, to6));
        await round.WithdrawAsync(9, to9);

        Assert.Equal(refusing.ContractAddress, failed.Argument<string>("to"));
        Assert.Equal((round.AddressOf(6), to6, Ether(1)), (withdrawn.Account, withdrawn.To, withdrawn.Amount));
        Assert.Equal((Ether(1), Ether(7)), (await round.BalanceAsync(to6), await round.BalanceAsync(to9)));
        Assert.Equal(BigInteger.Zero, await round.As(0).OwedToQueryAsync(round.AddressOf(6)));
        Assert.Equal(Ether(5.75m), await round.BalanceAsync(round.Address.Value));
        await AssertRevertsAsync<RoundNothingToPayError>(() => round.WithdrawAsync(6, to6));
        Assert.Empty((await round.RefundContributionsAsync([round.AddressOf(6)], [3])).Logs);
    }

    [Fact]
    public async Task Withdraw_ToZeroAddress_RevertsZeroAddress_NothingKept_RevertsNothingToPay()
    {
        var round = await NewRound().WithProjects(1).BuildAsync(Ct);

        await AssertRevertsAsync<RoundZeroAddressError>(() => round.WithdrawAsync(3, EthAddress.Zero.Value));
        await AssertRevertsAsync<RoundNothingToPayError>(() => round.WithdrawAsync(3, round.AddressOf(3)));
    }

    /// <summary>Every (contributor, project) pair of the sample, in the order of <see cref="SampleStakes"/>.</summary>
    private static (string[] Contributors, BigInteger[] ProjectIds) SamplePairs(TestRound round) =>
        ([.. new[] { 3, 3, 4, 4, 5, 5, 6 }.Select(round.AddressOf)], [1, 3, 1, 3, 2, 3, 3]);

    /// <summary>The sample's stakes, pair by pair.</summary>
    private static BigInteger[] SampleStakes(TestRound round)
    {
        var (unit, quarter) = (round.Unit, round.Unit / 4);
        return [unit, quarter, unit, quarter, 4 * unit, quarter, unit];
    }

    private static async Task<BigInteger[]> BalancesAsync(TestRound round, int[] accounts)
    {
        var balances = new BigInteger[accounts.Length];
        for (var i = 0; i < accounts.Length; i++) balances[i] = await round.BalanceAsync(round.AddressOf(accounts[i]));
        return balances;
    }
}
