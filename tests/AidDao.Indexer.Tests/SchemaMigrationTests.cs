using AidDao.Data;
using AidDao.TestUtils;
using Dapper;
using Xunit;

namespace AidDao.Indexer.Tests;

/// <summary>The schema's versions without a chain: version 1 stays as it was, and a version 1 database upgrades in place.</summary>
public sealed class SchemaMigrationTests
{
    private const long Chain = 31337;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly string[] SharedColumns = ["chain_id", "block_number", "block_hash", "log_index", "entry", "tx_hash", "contract"];

    [Fact]
    public async Task Migrate_VersionOneOnly_CreatesTheFirstSchemaUnchanged()
    {
        using var index = await TempIndex.CreateAsync(Ct, schemaVersion: 1);

        Assert.Equal([.. SharedColumns, "name", "topics", "data", "args"], await ColumnsAsync(index.Database, "events"));
        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => ColumnsAsync(index.Database, "request_details"));
        foreach (var table in ReadModelSchema.All.Where(t => t != ReadModelSchema.Events))
            Assert.Equal([.. SharedColumns, .. table.Columns.Select(c => c.Name)], await ColumnsAsync(index.Database, table.Name));
    }

    [Fact]
    public async Task Migrate_VersionOneDatabaseWithRows_AddsBlockTimeAndDetailsAndKeepsRows()
    {
        using var index = await TempIndex.CreateAsync(Ct, schemaVersion: 1);
        await using (var db = await index.Database.OpenAsync(Ct))
            await db.ExecuteAsync(new CommandDefinition(
                "INSERT INTO events (chain_id, block_number, block_hash, log_index, entry, tx_hash, contract, name, topics, data, args) VALUES (@Chain, 7, '0x07', 0, 0, '0xtx', '0x00000000000000000000000000000000000000aa', 'Deposited', '0xtopic', '0x', '{}')",
                new { Chain }, cancellationToken: Ct));

        Assert.Equal(SchemaMigrations.CurrentVersion - 1, await SchemaMigrations.ApplyAsync(index.Database, Ct));

        Assert.Equal([.. SharedColumns, "name", "topics", "data", "args", "block_time"], await ColumnsAsync(index.Database, "events"));
        Assert.Equal(["chain_id", "pool", "request_id", "details_hash", "details", "submitted_at"], await ColumnsAsync(index.Database, "request_details"));
        Assert.Equal(["chain_id", "round", "project_id", "metadata", "text", "submitted_at"], await ColumnsAsync(index.Database, "project_texts"));
        var events = await index.ReadModel.GetEventsAsync(Chain, 0, -1, 10, Ct);
        var old = Assert.Single(events);
        Assert.Equal((7L, "Deposited", (long?)null), (old.BlockNumber, old.Name, old.Timestamp));
        Assert.Equal([(new BlockRef(7, "0x07"))], await index.Store.GetBlocksWithoutTimeAsync(Chain, -1, 10, Ct));
        Assert.Equal(0, await SchemaMigrations.ApplyAsync(index.Database, Ct));
    }

    [Fact]
    public async Task Migrate_FreshDatabase_MatchesAnUpgradedOne()
    {
        using var fresh = await TempIndex.CreateAsync(Ct);
        using var upgraded = await TempIndex.CreateAsync(Ct, schemaVersion: 1);
        await SchemaMigrations.ApplyAsync(upgraded.Database, Ct);

        foreach (var table in ReadModelSchema.All.Select(t => t.Name).Concat(["request_details", "project_texts", "siwe_nonces", "data_protection_keys"]))
            Assert.Equal(await ColumnsAsync(fresh.Database, table), await ColumnsAsync(upgraded.Database, table));
        Assert.Equal(["nonce", "expires_at"], await ColumnsAsync(fresh.Database, "siwe_nonces"));
        Assert.Equal(["id", "xml", "created_at"], await ColumnsAsync(fresh.Database, "data_protection_keys"));
        Assert.Equal([.. SharedColumns, .. ReadModelSchema.Events.Columns.Select(c => c.Name)], await ColumnsAsync(fresh.Database, "events"));
    }

    private static async Task<List<string>> ColumnsAsync(IndexDatabase database, string table)
    {
        await using var db = await database.OpenAsync(Ct);
        await using var command = db.CreateCommand();
        command.CommandText = $"SELECT * FROM {table} WHERE 1 = 0";
        await using var reader = await command.ExecuteReaderAsync(Ct);
        return [.. Enumerable.Range(0, reader.FieldCount).Select(reader.GetName)];
    }
}
