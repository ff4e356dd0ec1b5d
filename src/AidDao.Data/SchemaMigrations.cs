using System.Data.Common;
using System.Globalization;
using System.Text;
using Dapper;

namespace AidDao.Data;

/// <summary>
/// Creates and upgrades the index schema: numbered migrations applied in order, each in its own transaction, recorded in
/// <c>schema_migrations</c>. Safe to run from several processes at once (SQLite's write lock, PostgreSQL's advisory lock).
/// </summary>
public static class SchemaMigrations
{
    private const long AdvisoryLockKey = 0x41_69_64_44_61_6f; // "AidDao"

    /// <summary>The migrations, by version.</summary>
    public static IReadOnlyList<(int Version, string Description, Func<SqlDialect, string> Sql)> All { get; } =
    [
        (1, "read model facts, cursors, retained block hashes, leases", InitialSchema),
        (2, "block times of events, request details", BlockTimesAndRequestDetails),
        (3, "project application texts", ProjectTexts),
        (4, "sign-in nonces and data-protection keys shared by dashboard instances", SharedSignInState),
    ];

    /// <summary>The schema version the code reads and writes: the last migration's.</summary>
    public static int CurrentVersion => All[^1].Version;

    /// <summary>Applies the migrations the database has not had yet; returns how many were applied.</summary>
    public static Task<int> ApplyAsync(IndexDatabase database, CancellationToken cancellationToken) =>
        ApplyAsync(database, CurrentVersion, cancellationToken);

    /// <summary>Applies the migrations up to <paramref name="throughVersion"/> (tests make databases of older versions).</summary>
    internal static async Task<int> ApplyAsync(IndexDatabase database, int throughVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var applied = 0;
        foreach (var (version, description, sql) in All.Where(m => m.Version <= throughVersion))
        {
            await using var transaction = await IndexDatabase.BeginWriteAsync(connection, cancellationToken).ConfigureAwait(false);
            if (database.Dialect == SqlDialect.PostgreSql)
                await connection.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_xact_lock(@key)", new { key = AdvisoryLockKey }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
            await connection.ExecuteAsync(new CommandDefinition(
                "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at TEXT NOT NULL)",
                transaction: transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
            var done = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                "SELECT COUNT(*) FROM schema_migrations WHERE version = @version", new { version }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
            if (done > 0) continue;
            await ExecuteScriptAsync(connection, transaction, sql(database.Dialect), cancellationToken).ConfigureAwait(false);
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO schema_migrations (version, description, applied_at) VALUES (@version, @description, @at)",
                new { version, description, at = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture) }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            applied++;
        }
        return applied;
    }

    private static async Task ExecuteScriptAsync(DbConnection connection, DbTransaction transaction, string script, CancellationToken cancellationToken)
    {
        foreach (var statement in script.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            await connection.ExecuteAsync(new CommandDefinition(statement, transaction: transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    private static string InitialSchema(SqlDialect dialect)
    {
        var integer = dialect == SqlDialect.PostgreSql ? "BIGINT" : "INTEGER";
        var sql = new StringBuilder();
        foreach (var table in ReadModelSchema.All)
            sql.Append(table.CreateSql(dialect, schemaVersion: 1));
        sql.Append(CultureInfo.InvariantCulture, $"""
            CREATE TABLE cursors (chain_id {integer} PRIMARY KEY, block_number {integer} NOT NULL, block_hash TEXT NOT NULL, updated_at TEXT NOT NULL);
            CREATE TABLE blocks (chain_id {integer} NOT NULL, number {integer} NOT NULL, hash TEXT NOT NULL, PRIMARY KEY (chain_id, number));
            CREATE TABLE leases (chain_id {integer} PRIMARY KEY, owner TEXT NOT NULL, expires_at {integer} NOT NULL);
            CREATE INDEX ix_events_name ON events (chain_id, name);
            CREATE INDEX ix_contributions_contributor ON contributions (chain_id, contributor);
            CREATE INDEX ix_deposits_donor ON deposits (chain_id, donor);
            CREATE INDEX ix_token_mints_account ON token_mints (chain_id, account);
            CREATE INDEX ix_ledger_holder ON ledger (chain_id, holder);
            """);
        return sql.ToString();
    }

    /// <summary>
    /// Version 2: the block time of each event (<c>events.block_time</c>, null in rows written before), and the request
    /// details people hand in (<see cref="RequestDetailsStore"/>): not chain facts, so a reorganisation never deletes them.
    /// </summary>
    private static string BlockTimesAndRequestDetails(SqlDialect dialect)
    {
        var integer = dialect == SqlDialect.PostgreSql ? "BIGINT" : "INTEGER";
        var sql = new StringBuilder();
        foreach (var table in ReadModelSchema.All)
            sql.Append(table.AddColumnsSql(dialect, schemaVersion: 2));
        sql.Append(CultureInfo.InvariantCulture, $"""
            CREATE TABLE request_details (chain_id {integer} NOT NULL, pool TEXT NOT NULL, request_id {integer} NOT NULL, details_hash TEXT NOT NULL, details TEXT NOT NULL, submitted_at {integer} NOT NULL, PRIMARY KEY (chain_id, pool, request_id));
            """);
        return sql.ToString();
    }

    /// <summary>
    /// v3: the public texts of round applications, whose keccak-256 is each project's on-chain metadata (not facts:
    /// kept through rollbacks, shown only while they match the indexed project).
    /// </summary>
    private static string ProjectTexts(SqlDialect dialect)
    {
        var integer = dialect == SqlDialect.PostgreSql ? "BIGINT" : "INTEGER";
        return $"CREATE TABLE project_texts (chain_id {integer} NOT NULL, round TEXT NOT NULL, project_id {integer} NOT NULL, metadata TEXT NOT NULL, text TEXT NOT NULL, submitted_at {integer} NOT NULL, PRIMARY KEY (chain_id, round, project_id))";
    }

    /// <summary>
    /// v4: what several dashboard instances on one database share so a steward's sign-in works on any of them: the
    /// single-use sign-in nonces (<see cref="SqlSiweNonceStore"/>) and the ASP.NET Core data-protection keys that seal the
    /// session cookie (<see cref="DataProtectionKeyStore"/>; secrets, like the database's password).
    /// </summary>
    private static string SharedSignInState(SqlDialect dialect)
    {
        var integer = dialect == SqlDialect.PostgreSql ? "BIGINT" : "INTEGER";
        return $"""
            CREATE TABLE siwe_nonces (nonce TEXT PRIMARY KEY, expires_at {integer} NOT NULL);
            CREATE INDEX ix_siwe_nonces_expires ON siwe_nonces (expires_at);
            CREATE TABLE data_protection_keys (id TEXT PRIMARY KEY, xml TEXT NOT NULL, created_at {integer} NOT NULL)
            """;
    }
}
