using Npgsql;

namespace AidDao.TestUtils;

/// <summary>A fresh PostgreSQL database on the test server (<see cref="TestServices.PostgresServer"/>), dropped on disposal.</summary>
public sealed class PostgresTestDatabase : IAsyncDisposable, IDisposable
{
    private PostgresTestDatabase(string name, string connectionString)
    {
        Name = name;
        ConnectionString = connectionString;
    }

    /// <summary>The database's name.</summary>
    public string Name { get; }

    /// <summary>A connection string to it.</summary>
    public string ConnectionString { get; }

    /// <summary>Creates an empty database with a unique name.</summary>
    public static async Task<PostgresTestDatabase> CreateAsync(CancellationToken cancellationToken)
    {
        var server = TestServices.PostgresServer;
        var name = "aiddao_test_" + Guid.NewGuid().ToString("N");
        await using (var admin = new NpgsqlConnection(server))
        {
            await admin.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", admin);
            await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        return new PostgresTestDatabase(name, new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(TestServices.PostgresServer);
        await admin.OpenAsync().ConfigureAwait(false);
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {Name} WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync().ConfigureAwait(false);
    }

    /// <inheritdoc />
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();
}
