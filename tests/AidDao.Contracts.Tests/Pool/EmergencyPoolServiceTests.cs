using System.Numerics;
using AidDao.Core;
using AidDao.Core.Demo;
using AidDao.Core.Pools;
using AidDao.TestUtils;
using Xunit;

namespace AidDao.Contracts.Tests.Pool;

/// <summary>
/// <see cref="EmergencyPoolService"/> and the demo pool <c>aiddao up</c> creates, on the test chain: the service speaks in
/// domain terms, reads the pool back faithfully and words refusals with the asset's own amounts.
/// </summary>
public class EmergencyPoolServiceTests(ChainFixture fixture) : ChainTest(fixture)
{
    private static readonly BigInteger Ether = BigInteger.Pow(10, 18);

    private async Task<(DemoCommunity Community, DemoPool Pool)> DemoAsync()
    {
        var community = await DemoCommunity.CreateAsync(Devnet, Ct);
        return (community, await DemoPool.CreateAsync(Devnet, community, Ct));
    }

    private Task<EmergencyPoolService> AsAsync(int account, EthAddress pool) => EmergencyPoolService.ConnectAsync(Web3For(account), pool, Ct);

    [Fact]
    public async Task Demo_LeavesRequestsInEveryStateAndBooksTheDeposits()
    {
        var (_, demo) = await DemoAsync();
        var pool = await AsAsync(9, demo.Pool);

        Assert.Equal(AidRequestState.Paid, (await pool.GetRequestAsync(demo.PaidRequestId, Ct)).State);
        var half = await pool.GetRequestAsync(demo.HalfApprovedRequestId, Ct);
        Assert.Equal((AidRequestState.Pending, 1, 2), (half.State, half.Approvals, half.RequiredApprovals));
        var fresh = await pool.GetRequestAsync(demo.NewRequestId, Ct);
        Assert.Equal((AidRequestState.Pending, 0), (fresh.State, fresh.Approvals));
        var rejected = await pool.GetRequestAsync(demo.RejectedRequestId, Ct);
        Assert.Equal((AidRequestState.Rejected, 2), (rejected.State, rejected.Rejections));
        Assert.Equal(AidRequestState.Cancelled, (await pool.GetRequestAsync(demo.CancelledRequestId, Ct)).State);

        var eth = Assert.Single((await pool.GetStatusAsync(cancellationToken: Ct)).Assets);
        Assert.Equal((11 * Ether / 2, Ether / 2, BigInteger.Zero, 5 * Ether, Ether / 2), (eth.Deposited, eth.PaidOut, eth.Owed, eth.Available, eth.WindowUsed));
        var token = Web3For(0).Eth.ERC20.GetContractService(pool.ContributionToken.Value);
        Assert.Equal(4 * Ether, await token.BalanceOfQueryAsync(demo.Donors[0].Value));
        Assert.Equal(3 * Ether / 2, await token.BalanceOfQueryAsync(demo.Donors[1].Value));
    }

    [Fact]
    public async Task GetStatus_ListsOpenRequestsMostUrgentFirstWithTheirApprovals()
    {
        var (_, demo) = await DemoAsync();

        var status = await (await AsAsync(9, demo.Pool)).GetStatusAsync(cancellationToken: Ct);

        Assert.Equal((DemoPool.Name, 2, false, (DateTimeOffset?)null, 5), (status.Name, status.Threshold, status.Paused, status.EmergencyEndsAt, status.RequestCount));
        Assert.Equal(TimeSpan.FromHours(24), status.Window);
        Assert.Equal([demo.HalfApprovedRequestId, demo.NewRequestId], status.PendingRequests.Select(r => r.Id));
        Assert.Equal([4, 3], status.PendingRequests.Select(r => r.Urgency));
        var eth = Assert.Single(status.Assets);
        Assert.Equal(DemoPool.Configuration.Assets[0], eth.Rules);
        Assert.Equal(9 * Ether / 2, eth.WindowRemaining);
    }

    [Fact]
    public async Task DepositAsync_Eth_ReportsTheDepositAndTheTokensMinted()
    {
        var (_, demo) = await DemoAsync();

        var result = await (await AsAsync(8, demo.Pool)).DepositAsync(PoolAsset.Eth, Ether / 4, Ct);

        Assert.Equal((new BigInteger(3), Ether / 4, Ether / 4), (result.DepositId, result.Amount, result.Minted));
        Assert.Equal(PoolAsset.Eth, result.Asset);
    }

    [Fact]
    public async Task RequestAidAsync_OverThePerRequestLimit_SaysSoInEth()
    {
        var (_, demo) = await DemoAsync();
        var member = await AsAsync(3, demo.Pool);

        var error = await Assert.ThrowsAsync<ContractRevertedException>(() =>
            member.RequestAidAsync(PoolAsset.Eth, 5 * Ether / 2, EthAddress.FromChain(Accounts[3].Address), 3, DetailsHash.Of("Boiler repair"), Ct));

        Assert.Equal("PoolOverRequestLimit", error.ErrorName);
        Assert.Equal("The amount 2.5 ETH exceeds the pool's per-request limit of 2 ETH.", error.Message);
    }

    [Fact]
    public async Task ApproveAsync_Twice_SaysTheRequestAlreadyHasYourApproval()
    {
        var (_, demo) = await DemoAsync();
        var steward2 = await AsAsync(2, demo.Pool);

        var error = await Assert.ThrowsAsync<ContractRevertedException>(() => steward2.ApproveAsync(demo.HalfApprovedRequestId, Ct));

        Assert.Equal($"Request {demo.HalfApprovedRequestId} already has your approval ({EthAddress.FromChain(Accounts[2].Address)}); an approval counts once.", error.Message);
    }

    [Fact]
    public async Task ApproveAsync_SecondApproval_PaysTheRecipientInTheSameTransaction()
    {
        var (_, demo) = await DemoAsync();
        var recipient = Accounts[4].Address;
        var before = (await Web3For(0).Eth.GetBalance.SendRequestAsync(recipient)).Value;

        var result = await (await AsAsync(0, demo.Pool)).ApproveAsync(demo.HalfApprovedRequestId, Ct);

        Assert.Equal((2, 2, true, true), (result.Count, result.Required, result.Paid, result.Delivered));
        Assert.Equal(before + Ether * 3 / 10, (await Web3For(0).Eth.GetBalance.SendRequestAsync(recipient)).Value);
    }

    [Fact]
    public async Task DeclareEmergencyAsync_WithMApprovals_OpensTheFastPathUntilItEnds()
    {
        var (_, demo) = await DemoAsync();
        var proposed = await (await AsAsync(0, demo.Pool)).DeclareEmergencyAsync(TimeSpan.FromHours(48), "Flood on the river road", Ct);
        Assert.False(proposed.Executed);

        var approved = await (await AsAsync(1, demo.Pool)).ApproveChangeAsync(proposed.ChangeId, Ct);

        Assert.True(approved.Executed);
        var pool = await AsAsync(9, demo.Pool);
        var status = await pool.GetStatusAsync(cancellationToken: Ct);
        Assert.Equal(await Devnet.GetBlockTimeAsync(Ct) + TimeSpan.FromHours(48), status.EmergencyEndsAt);
        Assert.Equal(1, (await pool.GetRequestAsync(demo.HalfApprovedRequestId, Ct)).RequiredApprovals);
        var paid = await pool.ExecuteAsync(demo.HalfApprovedRequestId, Ct);
        Assert.True(paid.Paid);
    }

    [Fact]
    public async Task FindAssetAsync_BySymbolIgnoringCase_OrRefusesListingWhatThePoolAccepts()
    {
        var (_, demo) = await DemoAsync();
        var pool = await AsAsync(9, demo.Pool);

        Assert.Equal(PoolAsset.Eth, await pool.FindAssetAsync("eth", Ct));
        var error = await Assert.ThrowsAsync<AidDaoInputException>(() => pool.FindAssetAsync("DAI", Ct));
        Assert.Equal("This pool does not accept 'DAI'; it accepts ETH.", error.Message);
    }

    [Fact]
    public async Task ConnectAsync_ToACommunityInsteadOfAPool_SaysItIsNotAPool()
    {
        var (community, _) = await DemoAsync();

        var error = await Assert.ThrowsAsync<AidDaoInputException>(() => EmergencyPoolService.ConnectAsync(Web3For(0), community.Community.Address, Ct));

        Assert.Equal($"The contract at {community.Community.Address} is not an AidDao emergency pool: check the pool address.", error.Message);
    }
}
