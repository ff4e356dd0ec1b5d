using System.Globalization;
using System.Numerics;
using System.Threading.Channels;
using AidDao.Core;
using AidDao.Core.Pools;
using AidDao.Dashboard.Tests.Support;
using AidDao.Dashboard.Views;
using AidDao.Data;
using Microsoft.AspNetCore.SignalR.Client;
using Xunit;

namespace AidDao.Dashboard.Tests;

/// <summary>The SignalR hub from a .NET client: pushed updates and catch-up, against the index.</summary>
public sealed class HubTests(DemoDashboardFixture demo)
{
    [Fact]
    public async Task Update_AfterDeposit_CarriesTheEventAndTheNewBalance()
    {
        var ct = TestContext.Current.CancellationToken;
        await demo.WaitForIndexAsync(ct);
        var updates = Channel.CreateUnbounded<DashboardUpdate>();
        await using var connection = new HubConnectionBuilder().WithUrl(new Uri(demo.Url, "hubs/dashboard")).Build();
        using var subscription = connection.On<DashboardUpdate>("Update", update => updates.Writer.TryWrite(update));
        await connection.StartAsync(ct);

        var donorAccount = demo.Devnet.Accounts[8];
        var donor = await EmergencyPoolService.ConnectAsync(demo.Devnet.CreateWeb3(donorAccount), demo.Pool.Pool, ct);
        var deposit = await donor.DepositAsync(PoolAsset.Eth, BigInteger.Pow(10, 15) * 42, ct);

        using var patience = CancellationTokenSource.CreateLinkedTokenSource(ct);
        patience.CancelAfter(TimeSpan.FromSeconds(30));
        DashboardUpdate update;
        EventView? deposited;
        do
        {
            update = await updates.Reader.ReadAsync(patience.Token);
            deposited = update.Events.SingleOrDefault(e => e.Name == "Deposited" && e.Tx == deposit.Transaction.TransactionHash);
        }
        while (deposited is null);

        Assert.Equal(demo.Devnet.ChainId, update.ChainId);
        Assert.False(update.RolledBack);
        Assert.Equal($"{EthAddress.FromChain(donorAccount.Address).Abbreviated} gave 0.042 ETH to Riverside Emergency Fund", deposited.Summary);
        Assert.Equal("pool", deposited.ContractKind);
        Assert.Equal(string.Create(CultureInfo.InvariantCulture, $"{deposited.Block}:{deposited.LogIndex}"), deposited.Id);
        Assert.Equal((long)deposit.Transaction.BlockNumber, deposited.Block);
        var pool = Assert.Single(update.Pools, p => EthAddress.FromChain(p.Address) == demo.Pool.Pool);
        var eth = Assert.Single(pool.Assets, a => EthAddress.FromChain(a.Asset.Address).IsZero);
        var onChain = (await demo.Devnet.RequestAsync("eth_getBalance", [demo.Pool.Pool.Value, "0x" + deposit.Transaction.BlockNumber.ToString("x", CultureInfo.InvariantCulture).TrimStart('0')], ct)).GetString()!;
        Assert.Equal(BigInteger.Parse("0" + onChain[2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture), eth.Balance);
        Assert.Equal(update.Events.OrderBy(e => e.Block).ThenBy(e => e.LogIndex).Select(e => e.Id), update.Events.Select(e => e.Id));
    }

    [Fact]
    public async Task CatchUp_FromAPosition_ReturnsExactlyTheIndexsEventsAfterIt()
    {
        var ct = TestContext.Current.CancellationToken;
        await demo.WaitForIndexAsync(ct);
        var readModel = new SqlReadModel(demo.Database);
        var contracts = await demo.CommunityContractsAsync(ct);
        var recent = await readModel.GetRecentEventsAsync(demo.Devnet.ChainId, 20, ct, contracts);
        var from = recent[0];
        await using var connection = new HubConnectionBuilder().WithUrl(new Uri(demo.Url, "hubs/dashboard")).Build();
        await connection.StartAsync(ct);

        var update = await connection.InvokeAsync<DashboardUpdate>("CatchUp", from.BlockNumber, from.LogIndex, ct);

        var expected = await readModel.GetEventsAsync(demo.Devnet.ChainId, from.BlockNumber, from.LogIndex, 1000, ct, contracts);
        Assert.Equal(19, expected.Count);
        Assert.Equal(expected.Select(e => string.Create(CultureInfo.InvariantCulture, $"{e.BlockNumber}:{e.LogIndex}")), update.Events.Select(e => e.Id));
        Assert.Equal(expected.Select(e => e.TransactionHash), update.Events.Select(e => e.Tx));
        Assert.DoesNotContain(update.Events, e => string.IsNullOrWhiteSpace(e.Summary));
        // A catch-up carries every pool and round, and the cursor of the index.
        Assert.Equal(new[] { demo.Pool.Pool }, update.Pools.Select(p => EthAddress.FromChain(p.Address)));
        // Every round of the community (other tests add rounds to the shared demo), the demo's two among them.
        var community = await readModel.GetCommunityAsync(demo.Devnet.ChainId, demo.Demo.Community.Address, ct);
        var rounds = update.Rounds.Select(r => EthAddress.FromChain(r.Address)).ToList();
        Assert.Equal(community!.Rounds.OrderBy(r => r.Value, StringComparer.Ordinal), rounds.OrderBy(r => r.Value, StringComparer.Ordinal));
        Assert.Contains(demo.Round.Round, rounds);
        Assert.Contains(demo.OpenRound.Round, rounds);
        Assert.True(update.Cursor.Block >= expected[^1].BlockNumber, $"The cursor {update.Cursor.Block} is behind the newest event's block {expected[^1].BlockNumber}.");

        // From the newest event on there is nothing more.
        var empty = await connection.InvokeAsync<DashboardUpdate>("CatchUp", expected[^1].BlockNumber, expected[^1].LogIndex, ct);
        Assert.Empty(empty.Events);
    }
}
