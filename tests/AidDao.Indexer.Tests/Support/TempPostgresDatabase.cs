namespace AidDao.Indexer.Tests.Support;

/// <summary>
/// A fresh, empty PostgreSQL database on the server of AIDDAO_TEST_POSTGRES (for Hangfire's storage), dropped on
/// disposal. Tests that need one fail, with what to do, when the variable is not set.
/// </summary>
public sealed class TempPostgresDatabase : IDisposable
{
    private readonly string _server;
    private readonly string _name;

    private TempPostgresDatabase(string server, string name, string connectionString)
    {
        _server = server;
        _name = name;
        ConnectionString = connectionString;
    }

    /// <summary>The new database's connection string.</summary>
    public string ConnectionString { get; }

    public static async Task<TempPostgresDatabase> CreateAsync(CancellationToken ct)
    {
        if (Environment.GetEnvironmentVariable(TempIndex.PostgresVariable) is not { Length: > 0 } server)
            throw new InvalidOperationException(
                $"This test needs PostgreSQL: set {TempIndex.PostgresVariable} to the connection string of a throwaway server where that user may create databases " +
                "(for example Host=127.0.0.1;Port=55432;Username=postgres;Database=postgres).");
        var name = "aiddao_hangfire_" + Guid.NewGuid().ToString("N");
        await using (var admin = new Npgsql.NpgsqlConnection(server))
        {
            await admin.OpenAsync(ct);
            await using var create = new Npgsql.NpgsqlCommand($"CREATE DATABASE {name}", admin);
            await create.ExecuteNonQueryAsync(ct);
        }
        return new TempPostgresDatabase(server, name, new Npgsql.NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString);
    }

    public void Dispose()
    {
        Npgsql.NpgsqlConnection.ClearAllPools();
        using var admin = new Npgsql.NpgsqlConnection(_server);
        admin.Open();
        using var drop = new Npgsql.NpgsqlCommand($"DROP DATABASE IF EXISTS {_name} WITH (FORCE)", admin);
        drop.ExecuteNonQuery();
    }
}
