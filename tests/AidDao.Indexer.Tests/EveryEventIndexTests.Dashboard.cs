using System.Globalization;
using System.Numerics;
using System.Text.Json;
using AidDao.Contracts.Testing.TestToken;
using AidDao.Core;
using AidDao.Core.ReadModel;
using AidDao.Core.Rounds;
using AidDao.Data;
using AidDao.Indexer.Tests.Support;
using AidDao.TestUtils;
using Dapper;
using Nethereum.Hex.HexTypes;
using Nethereum.RPC.Eth.DTOs;
using Xunit;
using PoolContract = AidDao.Contracts.EmergencyPool.EmergencyPoolService;
using RoundContract = AidDao.Contracts.FundingRound.FundingRoundService;

namespace AidDao.Indexer.Tests;

/// <summary>
/// What the live dashboard reads, against the contracts after <see cref="EveryEventScenario"/>: block times (from the logs
/// or, for a node that leaves them out, from headers; filled in for an index made before they were kept), pool settings
/// and limits, the rolling window as the contract counts it, balance history, the event stream, and round tallies.
/// </summary>
public sealed partial class EveryEventIndexTests
{
    [Fact]
    public async Task Index_NodeSendsLogTimes_EveryEventHasItsBlocksTime()
    {
        var events = await AllEventsAsync(100);

        Assert.Equal((await ReadModel.GetCursorAsync(Devnet.ChainId, Ct))!.Events, events.Count);
        foreach (var block in events.GroupBy(e => e.BlockNumber))
            Assert.Equal([await BlockTimeAsync(block.Key)], block.Select(e => e.Timestamp).Distinct());
    }

    [Fact]
    public async Task Index_NodeLeavesOutLogTimes_ReadsEachBlockHeaderOnceForTheSameIndex()
    {
        var expected = await IndexSnapshot.TakeAsync(fixture.Index.Database, Devnet.ChainId, Ct);
        var blocksWithLogs = (await AllEventsAsync(1_000)).Select(e => e.BlockNumber).ToHashSet();
        using var timed = new LogTimestampHandler(removeTimestamps: false);
        using var untimed = new LogTimestampHandler(removeTimestamps: true);

        var withTimes = await IndexThroughAsync(timed);
        var withoutTimes = await IndexThroughAsync(untimed);

        Assert.Equal(expected, withTimes);
        Assert.Equal(expected, withoutTimes);
        Assert.True(timed.TimedLogs >= blocksWithLogs.Count, $"Only {timed.TimedLogs} logs came with a time.");
        Assert.Equal(0, untimed.TimedLogs);
        // With times in the logs only the range's ends and the cursor are read; without, every other block with logs once.
        Assert.True(timed.Headers.Count < 10, $"{timed.Headers.Count} headers read although the logs carried their times.");
        var readForTimes = blocksWithLogs.Except(timed.Headers.Keys).ToList();
        Assert.True(readForTimes.Count > 50, $"Only {readForTimes.Count} blocks with logs.");
        Assert.All(readForTimes, block => Assert.Equal(1, untimed.Headers.GetValueOrDefault(block)));
    }

    [Fact]
    public async Task Index_VersionOneIndexUpgraded_FillsInTheBlockTimes()
    {
        using var old = await TempIndex.CreateAsync(Ct, schemaVersion: 1);
        foreach (var table in ReadModelSchema.All)
            await CopyRowsAsync(old.Database, table.Name, [.. FactTable.SharedColumns.Concat(table.Columns.Where(c => c.AddedIn == 1)).Select(c => c.Name)]);
        await CopyRowsAsync(old.Database, "cursors", ["chain_id", "block_number", "block_hash", "updated_at"]);
        await CopyRowsAsync(old.Database, "blocks", ["chain_id", "number", "hash"]);

        Assert.Equal(SchemaMigrations.CurrentVersion - 1, await SchemaMigrations.ApplyAsync(old.Database, Ct));
        Assert.All(await old.ReadModel.GetRecentEventsAsync(Devnet.ChainId, 1_000, Ct), e => Assert.Null(e.Timestamp));
        await IndexRun.ToHeadAsync(fixture.Target, old.Store, Ct);

        Assert.Equal(await IndexSnapshot.TakeAsync(fixture.Index.Database, Devnet.ChainId, Ct), await IndexSnapshot.TakeAsync(old.Database, Devnet.ChainId, Ct));
    }

    [Fact]
    public async Task GetPoolChangesAsync_EveryEventScenario_EqualsTheContractsChanges()
    {
        var now = await NowAsync();
        foreach (var address in (EthAddress[])[Scenario.Pool, Scenario.PausedPool])
        {
            var contract = new PoolContract(Web3For(0), address.Value);
            var indexed = await ReadModel.GetPoolChangesAsync(Devnet.ChainId, address, now, Ct);
            Assert.Equal((long)await contract.ChangeCountQueryAsync(), indexed.Count);
            foreach (var change in indexed)
            {
                var onChain = (await contract.GetChangeQueryAsync(change.Id)).ReturnValue1;
                var status = onChain.Status switch
                {
                    2 => "executed",
                    3 => "cancelled",
                    _ => now >= (long)onChain.ExpiresAt ? "expired" : "pending",
                };
                Assert.Equal(((int)onChain.Kind, EthAddress.FromChain(onChain.Asset), onChain.Value, (long)onChain.ExpiresAt, EthAddress.FromChain(onChain.Proposer), status),
                    (change.Kind, change.Asset, change.Value, change.ExpiresAt, change.Proposer, change.Status));
                if (change.Status == "pending")
                    Assert.Equal((int)await contract.ChangeApprovalCountQueryAsync(change.Id), change.Approvals.Count);
                if (change.Kind == 0)
                {
                    Assert.NotNull(change.Limits);
                    Assert.Equal((onChain.Limits.MintRate, onChain.Limits.PerRequestMax, onChain.Limits.WindowCap, onChain.Limits.ReserveFloor, onChain.Limits.FastPathCap),
                        (change.Limits.MintRate, change.Limits.PerRequestMax, change.Limits.WindowCap, change.Limits.ReserveFloor, change.Limits.FastPathCap));
                }
                else
                {
                    Assert.Null(change.Limits);
                }
            }
        }
    }

    [Fact]
    public async Task GetPoolAsync_EveryEventScenario_SettingsLimitsAndRequestDetailsEqualTheContract()
    {
        foreach (var address in (EthAddress[])[Scenario.Pool, Scenario.PausedPool])
        {
            var contract = new PoolContract(Web3For(0), address.Value);
            var settings = (await contract.SettingsQueryAsync()).ReturnValue1;
            var indexed = await ReadModel.GetPoolAsync(Devnet.ChainId, address, await NowAsync(), Ct);

            Assert.NotNull(indexed);
            Assert.Equal(((long)settings.Window, (long)settings.RequestLifetime, (int)settings.EmergencyThreshold),
                (indexed.WindowSeconds, indexed.RequestLifetimeSeconds, indexed.EmergencyThreshold));
            Assert.Equal((await contract.AssetsQueryAsync()).Select(EthAddress.FromChain), indexed.Assets.Keys);
            foreach (var (asset, limits) in indexed.Assets)
            {
                var onChain = (await contract.AssetLimitsQueryAsync(asset.Value)).Limits;
                Assert.Equal((onChain.MintRate, onChain.PerRequestMax, onChain.WindowCap, onChain.ReserveFloor, onChain.FastPathCap),
                    (limits.MintRate, limits.PerRequestMax, limits.WindowCap, limits.ReserveFloor, limits.FastPathCap));
            }
            foreach (var request in indexed.Requests)
            {
                var onChain = (await contract.GetRequestQueryAsync(request.Id)).ReturnValue1;
                Assert.Equal(("0x" + Convert.ToHexStringLower(onChain.DetailsHash), (long?)onChain.CreatedAt), (request.DetailsHash, request.CreatedAt));
            }
        }
        // The scenario set the window to 48 h and removed the stablecoin it had accepted.
        var pool = await ReadModel.GetPoolAsync(Devnet.ChainId, Scenario.Pool, await NowAsync(), Ct);
        Assert.Equal(48 * 3600, pool!.WindowSeconds);
        Assert.Equal([EthAddress.Zero], pool.Assets.Keys);
        Assert.Equal(8, pool.Requests.Count);
    }

    [Fact]
    public async Task GetPoolAsync_ChainClockPassesTheWindow_WindowUsedEqualsTheContractsAssetTotals()
    {
        var contract = new PoolContract(Web3For(0), Scenario.Pool.Value);
        var window = (long)(await contract.SettingsQueryAsync()).ReturnValue1.Window;
        // Every AidPaid in ETH counts, delivered or kept for the recipient (request 1 went to a contract refusing ETH).
        var paid = (await AllEventsAsync(1_000))
            .Where(e => e.Name == "AidPaid" && e.Contract == Scenario.Pool && EthAddress.FromChain(e.Args["asset"]) == EthAddress.Zero)
            .ToList();
        Assert.Equal(3, paid.Count);
        Assert.Contains(paid, e => e.Args["delivered"] == "false");
        var first = paid.Min(e => e.Timestamp!.Value);
        var last = paid.Max(e => e.Timestamp!.Value);

        var total = paid.Aggregate(BigInteger.Zero, (s, e) => s + BigInteger.Parse(e.Args["amount"], CultureInfo.InvariantCulture));
        Assert.Equal(total, await AssertWindowUsedAsync(contract));
        // The window is (now − window, now]: a payout exactly `window` seconds old no longer counts.
        var used = new SortedDictionary<long, BigInteger>();
        foreach (var moment in new SortedSet<long> { first + window - 1, first + window, last + window - 1, last + window })
        {
            await Devnet.RequestAsync("evm_setNextBlockTimestamp", [moment], Ct);
            await Devnet.RequestAsync("evm_mine", [], Ct);
            used[moment] = await AssertWindowUsedAsync(contract);
        }

        Assert.Equal(total, used[first + window - 1]);
        Assert.True(used[first + window] < total, $"The first payout still counted a whole window later ({used[first + window]}).");
        Assert.True(used[last + window - 1] > 0, "Nothing counted a second before the last payout left the window.");
        Assert.Equal(0, used[last + window]);
    }

    [Fact]
    public async Task GetPoolBalanceHistoryAsync_EveryEventScenario_EachPointIsTheBalanceOnChainAfterThatBlock()
    {
        var web3 = Web3For(0);
        var token = new TestTokenService(web3, Scenario.Stablecoin.Value);
        var history = await ReadModel.GetPoolBalanceHistoryAsync(Devnet.ChainId, Scenario.Pool, Ct);

        Assert.Equal(history.OrderBy(p => p.BlockNumber).ThenBy(p => p.Asset.Value, StringComparer.Ordinal), history);
        Assert.Equal(history.Count, history.DistinctBy(p => (p.Asset, p.BlockNumber)).Count());
        Assert.True(history.Count(p => p.Asset == EthAddress.Zero) >= 6, "The pool's ETH moved in fewer blocks than the scenario moves it.");
        Assert.True(history.Count(p => p.Asset == Scenario.Stablecoin) >= 2, "The pool's stablecoin moved in fewer blocks than the scenario moves it.");
        foreach (var point in history)
        {
            var at = new BlockParameter(new HexBigInteger(point.BlockNumber));
            var onChain = point.Asset == EthAddress.Zero
                ? (await web3.Eth.GetBalance.SendRequestAsync(Scenario.Pool.Value, at)).Value
                : await token.BalanceOfQueryAsync(Scenario.Pool.Value, at);
            Assert.True(onChain == point.Balance, $"After block {point.BlockNumber} the pool held {onChain} of {point.Asset}; the history says {point.Balance}.");
            Assert.Equal(await BlockTimeAsync(point.BlockNumber), point.Timestamp);
        }
        var pool = await ReadModel.GetPoolAsync(Devnet.ChainId, Scenario.Pool, await NowAsync(), Ct);
        Assert.Equal(pool!.Balances.OrderBy(b => b.Key.Value, StringComparer.Ordinal),
            history.GroupBy(p => p.Asset).Select(g => KeyValuePair.Create(g.Key, g.Last().Balance)).OrderBy(b => b.Key.Value, StringComparer.Ordinal));
    }

    [Fact]
    public async Task GetEventsAsync_SmallPages_GiveEveryEventOnceInChainOrder()
    {
        var all = await AllEventsAsync(7);

        Assert.Equal((await ReadModel.GetCursorAsync(Devnet.ChainId, Ct))!.Events, all.Count);
        Assert.All(all.Zip(all.Skip(1)), pair => Assert.True(
            pair.Second.BlockNumber > pair.First.BlockNumber || (pair.Second.BlockNumber == pair.First.BlockNumber && pair.Second.LogIndex > pair.First.LogIndex)));
        Assert.Equal(all.TakeLast(50), await ReadModel.GetRecentEventsAsync(Devnet.ChainId, 50, Ct), EventComparer.Instance);
        Assert.Equal(all.Skip(11).Take(5), await ReadModel.GetEventsAsync(Devnet.ChainId, all[10].BlockNumber, all[10].LogIndex, 5, Ct), EventComparer.Instance);
        Assert.Equal(all.Where(e => e.BlockNumber >= all[10].BlockNumber).Take(5),
            await ReadModel.GetEventsAsync(Devnet.ChainId, all[10].BlockNumber, -1, 5, Ct), EventComparer.Instance);
        Assert.Empty(await ReadModel.GetEventsAsync(Devnet.ChainId, all[^1].BlockNumber, all[^1].LogIndex, 5, Ct));

        // Member 8 gave the pool 5 ETH first.
        var deposit = all.First(e => e.Name == "Deposited" && e.Contract == Scenario.Pool);
        Assert.Equal((Scenario.Account(8), EthAddress.Zero, "5000000000000000000", "1"),
            (EthAddress.FromChain(deposit.Args["donor"]), EthAddress.FromChain(deposit.Args["asset"]), deposit.Args["amount"], deposit.Args["depositId"]));
        Assert.Equal(deposit.TransactionHash.ToLowerInvariant(), deposit.TransactionHash);
        Assert.Contains(all, e => e.Args.TryGetValue("matched", out var matched) && matched == "true");
    }

    [Fact]
    public async Task GetRoundTalliesAsync_EveryRound_EqualsProjectTotalsAndGivesTheContractsMatches()
    {
        var web3 = Web3For(0);
        foreach (var round in (EthAddress[])[Scenario.QuadraticFundingRound, Scenario.QuadraticVotingRound, Scenario.CancelledRound])
        {
            var contract = new RoundContract(web3, round.Value);
            var approved = await contract.ApprovedProjectsQueryAsync();
            var tallies = await ReadModel.GetRoundTalliesAsync(Devnet.ChainId, round, Ct);

            Assert.Equal(approved.Select(id => (long)id), tallies.Select(t => t.ProjectId));
            Assert.Contains(tallies, t => t.Roots > 0);
            foreach (var tally in tallies)
            {
                var totals = (await contract.ProjectTotalsQueryAsync(tally.ProjectId)).ReturnValue1;
                Assert.Equal((totals.Raised, totals.Eligible, new BigInteger(totals.Roots)), (tally.Raised, tally.Eligible, tally.Roots));
            }
            var indexed = await ReadModel.GetRoundAsync(Devnet.ChainId, round, Ct);
            foreach (var project in indexed!.Projects)
                Assert.Equal("0x" + Convert.ToHexStringLower((await contract.GetProjectQueryAsync(project.Id)).ReturnValue1.Metadata), project.Metadata);
            if (!indexed.Finalized) continue;

            // Fed to the matching engine, the tallies give the matches the contract fixed at finalisation.
            var configuration = (await FundingRoundService.ConnectAsync(web3, round, Ct)).Configuration;
            var projected = QuadraticMatching.Compute([.. tallies.Select(t => t.Tally)],
                new QuadraticMatchingOptions(indexed.MatchingPool, configuration.CapBasisPoints, configuration.SpreadWholePool, configuration.Mode)).Matches;
            var final = new List<BigInteger>();
            foreach (var id in approved) final.Add(await contract.MatchOfQueryAsync(id));
            Assert.Equal(final, projected);
            Assert.Contains(final, m => m > 0);
        }
        Assert.Empty(await ReadModel.GetRoundTalliesAsync(Devnet.ChainId, Scenario.Pool, Ct));
    }

    /// <summary>Checks the indexed window use at the head's time against <c>assetTotals(ETH)</c> at the head; returns it.</summary>
    private async Task<BigInteger> AssertWindowUsedAsync(PoolContract contract)
    {
        var (number, time) = await HeadAsync();
        var onChain = (await contract.AssetTotalsQueryAsync(EthAddress.Zero.Value, new BlockParameter(new HexBigInteger(number)))).ReturnValue1.WindowUsed;
        var indexed = (await ReadModel.GetPoolAsync(Devnet.ChainId, Scenario.Pool, time, Ct))!.Assets[EthAddress.Zero].WindowUsed;
        Assert.True(onChain == indexed, $"At {time} the contract counts {onChain} in the window; the index {indexed}.");
        return indexed;
    }

    private async Task<List<IndexedEvent>> AllEventsAsync(int page)
    {
        var all = new List<IndexedEvent>();
        var (block, log) = (0L, -1L);
        while (true)
        {
            var events = await ReadModel.GetEventsAsync(Devnet.ChainId, block, log, page, Ct);
            all.AddRange(events);
            if (events.Count < page) return all;
            (block, log) = (events[^1].BlockNumber, events[^1].LogIndex);
        }
    }

    private async Task<IReadOnlyList<string>> IndexThroughAsync(LogTimestampHandler handler)
    {
        using var http = new HttpClient(handler, disposeHandler: false);
        using var index = await TempIndex.CreateAsync(Ct);
        await IndexRun.ToHeadAsync(fixture.Target, index.Store, Ct, http: http);
        return await IndexSnapshot.TakeAsync(index.Database, Devnet.ChainId, Ct);
    }

    /// <summary>Copies the rows of the fixture's index in <paramref name="table"/> (these columns only) into <paramref name="to"/>.</summary>
    private async Task CopyRowsAsync(IndexDatabase to, string table, IReadOnlyList<string> columns)
    {
        var names = string.Join(", ", columns);
        await using var source = await fixture.Index.Database.OpenAsync(Ct);
        var rows = await source.QueryAsync(new CommandDefinition($"SELECT {names} FROM {table} WHERE chain_id = @chainId", new { chainId = Devnet.ChainId }, cancellationToken: Ct));
        await using var target = await to.OpenAsync(Ct);
        await using var transaction = await target.BeginTransactionAsync(Ct);
        foreach (IDictionary<string, object> row in rows)
            await target.ExecuteAsync(new CommandDefinition(
                $"INSERT INTO {table} ({names}) VALUES ({string.Join(", ", columns.Select(c => "@" + c))})", new DynamicParameters(row), transaction, cancellationToken: Ct));
        await transaction.CommitAsync(Ct);
    }

    private async Task<long?> BlockTimeAsync(long number)
    {
        var block = await Devnet.RequestAsync("eth_getBlockByNumber", ["0x" + number.ToString("x", CultureInfo.InvariantCulture), false], Ct);
        return Hex(block.GetProperty("timestamp"));
    }

    private async Task<(long Number, long Time)> HeadAsync()
    {
        var block = await Devnet.RequestAsync("eth_getBlockByNumber", ["latest", false], Ct);
        return (Hex(block.GetProperty("number")), Hex(block.GetProperty("timestamp")));
    }

    private static long Hex(JsonElement quantity) => long.Parse(quantity.GetString().AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);

    /// <summary>Events compared by value (their arguments are dictionaries).</summary>
    private sealed class EventComparer : IEqualityComparer<IndexedEvent>
    {
        public static EventComparer Instance { get; } = new();

        public bool Equals(IndexedEvent? x, IndexedEvent? y) =>
            x is not null && y is not null && x with { Args = y.Args } == y && x.Args.OrderBy(a => a.Key, StringComparer.Ordinal).SequenceEqual(y.Args.OrderBy(a => a.Key, StringComparer.Ordinal));

        public int GetHashCode(IndexedEvent obj) => HashCode.Combine(obj.BlockNumber, obj.LogIndex);
    }
}
