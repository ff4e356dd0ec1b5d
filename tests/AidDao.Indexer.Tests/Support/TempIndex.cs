using AidDao.Data;

namespace AidDao.Indexer.Tests.Support;

/// <summary>
/// A fresh, migrated index: a SQLite file in a temporary folder, or, when AIDDAO_TEST_POSTGRES holds a PostgreSQL
/// connection string (to a server where that user may create databases), a fresh PostgreSQL database. Deleted on disposal.
/// </summary>
public sealed class TempIndex : IDisposable
{
    private TempIndex(string folder, IndexDatabase database, string setting)
    {
        Setting = setting;
        Folder = folder;
        Database = database;
        Store = new IndexStore(database);
        ReadModel = new SqlReadModel(database);
    }

    public string Folder { get; }

    /// <summary>What to give <c>aiddao index --db</c> for this index.</summary>
    public string Setting { get; }

    public IndexDatabase Database { get; }

    public IndexStore Store { get; }

    public SqlReadModel ReadModel { get; }

    /// <summary>The variable that switches the indexer tests to PostgreSQL.</summary>
    public const string PostgresVariable = "AIDDAO_TEST_POSTGRES";

    private string? _postgresDatabase;

    /// <summary>Creates the index, migrated to the current schema or to <paramref name="schemaVersion"/> (an older one, to test upgrades).</summary>
    public static async Task<TempIndex> CreateAsync(CancellationToken ct, int? schemaVersion = null)
    {
        var version = schemaVersion ?? SchemaMigrations.CurrentVersion;
        var folder = Directory.CreateTempSubdirectory("aiddao-index-").FullName;
        if (Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } server)
        {
            var name = "aiddao_test_" + Guid.NewGuid().ToString("N");
            await using (var admin = new Npgsql.NpgsqlConnection(server))
            {
                await admin.OpenAsync(ct);
                await using var create = new Npgsql.NpgsqlCommand($"CREATE DATABASE {name}", admin);
                await create.ExecuteNonQueryAsync(ct);
            }
            var builder = new Npgsql.NpgsqlConnectionStringBuilder(server) { Database = name };
            var postgres = IndexDatabase.FromSetting(builder.ConnectionString);
            await SchemaMigrations.ApplyAsync(postgres, version, ct);
            return new TempIndex(folder, postgres, builder.ConnectionString) { _postgresDatabase = name };
        }
        var path = System.IO.Path.Combine(folder, "index.db");
        var database = IndexDatabase.FromSetting(path);
        await SchemaMigrations.ApplyAsync(database, version, ct);
        return new TempIndex(folder, database, path);
    }

    public void Dispose()
    {
        if (_postgresDatabase is not null && Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } server)
        {
            Npgsql.NpgsqlConnection.ClearAllPools();
            using var admin = new Npgsql.NpgsqlConnection(server);
            admin.Open();
            using var drop = new Npgsql.NpgsqlCommand($"DROP DATABASE IF EXISTS {_postgresDatabase} WITH (FORCE)", admin);
            drop.ExecuteNonQuery();
        }
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
