using System.Data.Common;
using AidDao.Core;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace AidDao.Data;

/// <summary>
/// The database an index lives in: a SQLite file (the embedded default) or PostgreSQL (a connection string such as
/// <c>Host=db;Username=aiddao;Password=...;Database=aiddao</c> or a <c>postgres://</c> URL).
/// </summary>
public sealed class IndexDatabase
{
    private readonly string _connectionString;

    private IndexDatabase(SqlDialect dialect, string connectionString, string description)
    {
        Dialect = dialect;
        _connectionString = connectionString;
        Description = description;
    }

    /// <summary>The database engine.</summary>
    public SqlDialect Dialect { get; }

    /// <summary>Where the index lives, without any password: a file path or host/database.</summary>
    public string Description { get; }

    /// <summary>
    /// The PostgreSQL connection string (also when the setting was a <c>postgres://</c> URL), for a component that shares
    /// the database, such as Hangfire's job storage; null for SQLite. It carries the password: never log or show it.
    /// </summary>
    public string? PostgreSqlConnectionString => Dialect == SqlDialect.PostgreSql ? _connectionString : null;

    /// <summary>
    /// Chooses the database from a setting: a PostgreSQL connection string (<c>Host=...</c>) or URL
    /// (<c>postgres://</c>, <c>postgresql://</c>); otherwise a SQLite file path (its folder is created) or a SQLite
    /// connection string (<c>Data Source=...</c>).
    /// </summary>
    /// <exception cref="AidDaoInputException">The setting is empty or not a valid connection string.</exception>
    public static IndexDatabase FromSetting(string setting)
    {
        if (string.IsNullOrWhiteSpace(setting))
            throw new AidDaoInputException("The index database is empty: give a SQLite file path or a PostgreSQL connection string (Host=...;Database=...).");
        setting = setting.Trim();
        try
        {
            if (setting.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) || setting.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase))
                return PostgreSql(FromUrl(new Uri(setting)));
            if (setting.Contains("Host=", StringComparison.OrdinalIgnoreCase) || setting.Contains("Server=", StringComparison.OrdinalIgnoreCase))
                return PostgreSql(new NpgsqlConnectionStringBuilder(setting));
            var sqlite = setting.Contains('=', StringComparison.Ordinal)
                ? new SqliteConnectionStringBuilder(setting)
                : new SqliteConnectionStringBuilder { DataSource = Path.GetFullPath(setting) };
            if (sqlite.DataSource != ":memory:" && Path.GetDirectoryName(Path.GetFullPath(sqlite.DataSource)) is { Length: > 0 } folder)
                Directory.CreateDirectory(folder);
            sqlite.Pooling = true;
            sqlite.DefaultTimeout = 60;
            return new IndexDatabase(SqlDialect.Sqlite, sqlite.ToString(), sqlite.DataSource);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or UriFormatException or KeyNotFoundException)
        {
            throw new AidDaoInputException($"The index database setting is not valid ({e.Message}): give a SQLite file path or a PostgreSQL connection string (Host=...;Database=...).", e);
        }
    }

    /// <summary>Opens a connection, ready for use (SQLite: WAL journal, normal sync, a busy timeout).</summary>
    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        DbConnection connection = Dialect == SqlDialect.Sqlite ? new SqliteConnection(_connectionString) : new NpgsqlConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            if (Dialect == SqlDialect.Sqlite)
            {
                await using var pragma = connection.CreateCommand();
                pragma.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=60000;";
                await pragma.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
            return connection;
        }
        catch (Exception e) when (e is DbException or InvalidOperationException or System.Net.Sockets.SocketException or TimeoutException)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            var hint = Dialect == SqlDialect.PostgreSql
                ? "check that the PostgreSQL server runs and that --db (or $AIDDAO_DB) names it, its database and a user allowed in"
                : "check that its folder exists and that this user may write there";
            throw new AidDaoException($"Cannot open the index database {Description} ({e.Message.TrimEnd('.')}): {hint}.", e);
        }
    }

    /// <summary>Begins a write transaction that holds the write lock from the start (SQLite: BEGIN IMMEDIATE).</summary>
    public static async Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken) =>
        connection is SqliteConnection sqlite
            ? sqlite.BeginTransaction(deferred: false)
            : await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);

    private static IndexDatabase PostgreSql(NpgsqlConnectionStringBuilder builder) =>
        new(SqlDialect.PostgreSql, builder.ConnectionString, $"PostgreSQL {builder.Host}:{builder.Port}/{builder.Database}");

    private static NpgsqlConnectionStringBuilder FromUrl(Uri url)
    {
        var user = url.UserInfo.Split(':', 2);
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = url.Host,
            Port = url.IsDefaultPort || url.Port <= 0 ? 5432 : url.Port,
            Database = url.AbsolutePath.TrimStart('/'),
        };
        if (user[0].Length > 0) builder.Username = Uri.UnescapeDataString(user[0]);
        if (user.Length > 1) builder.Password = Uri.UnescapeDataString(user[1]);
        return builder;
    }
}
