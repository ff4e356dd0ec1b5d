using Npgsql;

namespace AidDao.Dashboard.Tests.Support;

/// <summary>
/// The throwaway servers the several-instances tests need, named by environment variables: AIDDAO_TEST_REDIS (host:port
/// of a redis-server) and AIDDAO_TEST_POSTGRES (an admin connection string of a PostgreSQL server where new databases may
/// be made). Unset, those tests fail and say how to start one.
/// </summary>
public static class TestServices
{
    public const string RedisVariable = "AIDDAO_TEST_REDIS";

    public const string PostgresVariable = "AIDDAO_TEST_POSTGRES";

    /// <summary>The Redis server's host:port.</summary>
    public static string Redis => Environment.GetEnvironmentVariable(RedisVariable) is { Length: > 0 } redis
        ? redis
        : throw new InvalidOperationException(
            $"{RedisVariable} is not set: the several-instances tests need a throwaway Redis, e.g. `redis-server --port 56379 --save '' --appendonly no --daemonize yes` and {RedisVariable}=127.0.0.1:56379.");

    /// <summary>The PostgreSQL server's admin connection string.</summary>
    public static string Postgres => Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } postgres
        ? postgres
        : throw new InvalidOperationException(
            $"{PostgresVariable} is not set: the several-instances tests need a throwaway PostgreSQL server where they may create databases, e.g. {PostgresVariable}=\"Host=127.0.0.1;Port=55432;Username=postgres;Database=postgres\".");

    /// <summary>Creates a fresh, empty PostgreSQL database; returns its connection string.</summary>
    public static async Task<string> CreatePostgresDatabaseAsync(CancellationToken ct)
    {
        var name = "aiddao_dash_" + Guid.NewGuid().ToString("N");
        await using (var admin = new NpgsqlConnection(Postgres))
        {
            await admin.OpenAsync(ct);
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", admin);
            await create.ExecuteNonQueryAsync(ct);
        }
        return new NpgsqlConnectionStringBuilder(Postgres) { Database = name }.ConnectionString;
    }

    /// <summary>Drops a database made by <see cref="CreatePostgresDatabaseAsync"/>, closing whatever is connected to it.</summary>
    public static async Task DropPostgresDatabaseAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(Postgres);
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
    }
}
