using AidDao.Data;
using AidDao.Indexer.Tests.Support;
using AidDao.TestUtils;
using Dapper;
using Xunit;

namespace AidDao.Indexer.Tests;

/// <summary>The store's guarantees without a chain: a batch is all or nothing, the cursor moves only from where it was, leases.</summary>
public sealed class IndexStoreTests
{
    private const long Chain = 31337;
    private static readonly BlockRef Genesis = new(0, "0x00");
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Commit_CursorMovedMeanwhile_ThrowsConflictAndWritesNothing()
    {
        using var index = await TempIndex.CreateAsync(Ct);
        await index.Store.StartAsync(Chain, Genesis, [], Ct);
        await index.Store.CommitAsync(Batch(Genesis, new BlockRef(1, "0x01"), Fact(1, "0x01", 0)), Ct);

        var stale = Batch(Genesis, new BlockRef(1, "0x01"), Fact(1, "0x01", 0));
        var error = await Assert.ThrowsAsync<IndexConflictException>(() => index.Store.CommitAsync(stale, Ct));

        Assert.Contains("another indexer runs for the same chain", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, await CountAsync(index, "events"));
        Assert.Equal(new BlockRef(1, "0x01"), await index.Store.GetCursorAsync(Chain, Ct));
    }

    [Fact]
    public async Task Commit_FailingHalfway_LeavesNeitherRowsNorCursorMove()
    {
        using var index = await TempIndex.CreateAsync(Ct);
        await index.Store.StartAsync(Chain, Genesis, [], Ct);
        // The second row repeats the first's key: the insert fails after the cursor moved and a row was written.
        var broken = Batch(Genesis, new BlockRef(2, "0x02"), Fact(1, "0x01", 0), Fact(2, "0x02", 0), Fact(1, "0x01", 0));

        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => index.Store.CommitAsync(broken, Ct));

        Assert.Equal(0, await CountAsync(index, "events"));
        Assert.Equal(Genesis, await index.Store.GetCursorAsync(Chain, Ct));
    }

    [Fact]
    public async Task RollBack_DeletesOnlyFactsAboveTheAncestor()
    {
        using var index = await TempIndex.CreateAsync(Ct);
        await index.Store.StartAsync(Chain, Genesis, [], Ct);
        var b2 = new BlockRef(2, "0x02");
        var b4 = new BlockRef(4, "0x04");
        await index.Store.CommitAsync(Batch(Genesis, b2, Fact(1, "0x01", 0), Fact(2, "0x02", 0)), Ct);
        await index.Store.CommitAsync(Batch(b2, b4, Fact(3, "0x03", 0), Fact(4, "0x04", 0)), Ct);

        var removed = await index.Store.RollBackAsync(Chain, b4, b2, Ct);

        Assert.Equal(2, removed);
        Assert.Equal(2, await CountAsync(index, "events"));
        Assert.Equal(b2, await index.Store.GetCursorAsync(Chain, Ct));
        Assert.Equal([2L, 1L, 0L], (await index.Store.GetRetainedBlocksAsync(Chain, 10, 10, Ct)).Select(b => b.Number));
    }

    [Fact]
    public async Task Lease_HeldByAnother_RefusedUntilItExpires()
    {
        // SQLite: leases expire by the store's clock (PostgreSQL's are by the database server's).
        using var index = await TempIndex.CreateAsync(Ct, onPostgres: false);
        var time = new ManualTime(DateTimeOffset.UnixEpoch.AddYears(56));
        var store = new IndexStore(index.Database, time);

        Assert.True(await store.TryLeaseAsync(Chain, "a", TimeSpan.FromSeconds(30), Ct));
        Assert.False(await store.TryLeaseAsync(Chain, "b", TimeSpan.FromSeconds(30), Ct));
        Assert.True(await store.TryLeaseAsync(Chain, "a", TimeSpan.FromSeconds(30), Ct));
        time.Advance(TimeSpan.FromSeconds(31));
        Assert.True(await store.TryLeaseAsync(Chain, "b", TimeSpan.FromSeconds(30), Ct));
        Assert.Equal("b", (await store.GetLeaseAsync(Chain, Ct))?.Owner);
        await store.ReleaseLeaseAsync(Chain, "a", Ct);
        Assert.Equal("b", (await store.GetLeaseAsync(Chain, Ct))?.Owner);
        await store.ReleaseLeaseAsync(Chain, "b", Ct);
        Assert.Null(await store.GetLeaseAsync(Chain, Ct));
    }

    [Fact]
    public async Task Lease_PostgreSqlInstanceClockAnHourAhead_CannotTakeALiveLease()
    {
        using var index = await TempIndex.CreateAsync(Ct, onPostgres: true);
        var skewed = new IndexStore(index.Database, new ManualTime(DateTimeOffset.UtcNow.AddHours(1)));
        var late = new IndexStore(index.Database, new ManualTime(DateTimeOffset.UtcNow.AddHours(-1)));

        Assert.True(await index.Store.TryLeaseAsync(Chain, "a", TimeSpan.FromSeconds(30), Ct));
        Assert.False(await skewed.TryLeaseAsync(Chain, "b", TimeSpan.FromSeconds(30), Ct));
        Assert.False((await skewed.GetLeaseAsync(Chain, Ct))!.Value.Expired);
        Assert.True(await late.TakeOverLeaseAsync(Chain, "a", "c", TimeSpan.FromSeconds(30), Ct));
        var lease = (await index.Store.GetLeaseAsync(Chain, Ct))!.Value;

        // The takeover's lease runs 30 s from the database's now, not from a clock an hour behind.
        Assert.Equal("c", lease.Owner);
        Assert.False(lease.Expired);
        Assert.InRange(lease.ExpiresAt - DateTimeOffset.UtcNow, TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(40));
        Assert.False(await index.Store.TryLeaseAsync(Chain, "d", TimeSpan.FromSeconds(30), Ct));
    }

    [Fact]
    public async Task Migrations_RunTwice_ApplyOnce()
    {
        using var index = await TempIndex.CreateAsync(Ct);

        Assert.Equal(0, await SchemaMigrations.ApplyAsync(index.Database, Ct));
    }

    [Fact]
    public void FromSetting_BadConnectionString_SaysWhatToGive()
    {
        var error = Assert.Throws<AidDao.Core.AidDaoInputException>(() => IndexDatabase.FromSetting("Host=db;Nonsense Key=1"));

        Assert.Contains("PostgreSQL connection string", error.Message, StringComparison.Ordinal);
        Assert.Equal(SqlDialect.PostgreSql, IndexDatabase.FromSetting("postgres://u:secret@db:5433/aid").Dialect);
        Assert.DoesNotContain("secret", IndexDatabase.FromSetting("postgres://u:secret@db:5433/aid").Description, StringComparison.Ordinal);
    }

    private static IndexBatch Batch(BlockRef previous, BlockRef to, params LoggedFact[] facts) =>
        new(Chain, previous, previous.Number + 1, to, facts, facts.Select(f => new BlockRef(f.Log.BlockNumber, f.Log.BlockHash)).Append(to).DistinctBy(b => b.Number).ToList(), 0);

    private static LoggedFact Fact(long block, string hash, long logIndex) =>
        new(new LogPosition(block, hash, logIndex, "0xtx", "0xcontract"), new FactRow(ReadModelSchema.Events, ["Test", "0xtopic", "0x", "{}", 1_700_000_000L + block]));

    private static async Task<long> CountAsync(TempIndex index, string table)
    {
        await using var connection = await index.Database.OpenAsync(Ct);
        return await connection.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM {table}");
    }
}
