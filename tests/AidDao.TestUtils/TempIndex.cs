using AidDao.Data;

namespace AidDao.TestUtils;

/// <summary>
/// A fresh, migrated index: a SQLite file in a temporary folder, or, with <c>AIDDAO_TEST_INDEX=postgres</c>, a fresh
/// database on the test PostgreSQL server (<see cref="TestServices"/>). Deleted on disposal.
/// </summary>
public sealed class TempIndex : IDisposable
{
    private readonly PostgresTestDatabase? _postgres;

    private TempIndex(string folder, IndexDatabase database, string setting, PostgresTestDatabase? postgres)
    {
        Setting = setting;
        Folder = folder;
        Database = database;
        Store = new IndexStore(database);
        ReadModel = new SqlReadModel(database);
        _postgres = postgres;
    }

    public string Folder { get; }

    /// <summary>What to give <c>aiddao index --db</c> for this index.</summary>
    public string Setting { get; }

    public IndexDatabase Database { get; }

    public IndexStore Store { get; }

    public SqlReadModel ReadModel { get; }

    /// <summary>
    /// Creates the index, migrated to the current schema or to <paramref name="schemaVersion"/> (an older one, to test
    /// upgrades), on the suite's database or on the one chosen (<paramref name="onPostgres"/>).
    /// </summary>
    public static async Task<TempIndex> CreateAsync(CancellationToken ct, int? schemaVersion = null, bool? onPostgres = null)
    {
        var version = schemaVersion ?? SchemaMigrations.CurrentVersion;
        var folder = Directory.CreateTempSubdirectory("aiddao-index-").FullName;
        if (onPostgres ?? TestServices.IndexOnPostgres)
        {
            var postgres = await PostgresTestDatabase.CreateAsync(ct);
            var database = IndexDatabase.FromSetting(postgres.ConnectionString);
            await SchemaMigrations.ApplyAsync(database, version, ct);
            return new TempIndex(folder, database, postgres.ConnectionString, postgres);
        }
        var path = System.IO.Path.Combine(folder, "index.db");
        var sqlite = IndexDatabase.FromSetting(path);
        await SchemaMigrations.ApplyAsync(sqlite, version, ct);
        return new TempIndex(folder, sqlite, path, null);
    }

    public void Dispose()
    {
        _postgres?.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
