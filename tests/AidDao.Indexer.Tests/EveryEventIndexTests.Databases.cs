using AidDao.Data;
using AidDao.Indexer.Tests.Support;
using AidDao.TestUtils;
using Xunit;

namespace AidDao.Indexer.Tests;

public sealed partial class EveryEventIndexTests
{
    /// <summary>
    /// PostgreSQL takes each batch's rows by binary COPY, SQLite by prepared INSERTs: the same chain, with every event the
    /// indexer follows, must give the same facts in both, value for value.
    /// </summary>
    [Fact]
    public async Task EveryEvent_SqliteAndPostgres_HoldTheSameFacts()
    {
        var folder = Directory.CreateTempSubdirectory("aiddao-parity-").FullName;
        try
        {
            var sqlite = IndexDatabase.FromSetting(Path.Combine(folder, "index.db"));
            await SchemaMigrations.ApplyAsync(sqlite, Ct);
            await using var postgresDatabase = await PostgresTestDatabase.CreateAsync(Ct);
            var postgres = IndexDatabase.FromSetting(postgresDatabase.ConnectionString);
            await SchemaMigrations.ApplyAsync(postgres, Ct);

            await IndexRun.ToHeadAsync(fixture.Target, new IndexStore(sqlite), Ct);
            await IndexRun.ToHeadAsync(fixture.Target, new IndexStore(postgres), Ct);

            var fromSqlite = await IndexSnapshot.TakeAsync(sqlite, fixture.Target.ChainId, Ct);
            var fromPostgres = await IndexSnapshot.TakeAsync(postgres, fixture.Target.ChainId, Ct);
            Assert.True(fromSqlite.Count > 200, $"Only {fromSqlite.Count} facts: the scenario did not run.");
            Assert.Equal(fromSqlite, fromPostgres);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }
}
