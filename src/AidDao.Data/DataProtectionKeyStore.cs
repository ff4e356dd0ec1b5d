using System.Data.Common;
using Dapper;

namespace AidDao.Data;

/// <summary>
/// The dashboard's data-protection keys (the XML documents ASP.NET Core writes, which seal session cookies) in the index
/// database (<c>data_protection_keys</c>), so every dashboard instance on one database reads the cookies the others set.
/// The documents hold secret key material: anyone who can read this table can forge a steward's session, so protect the
/// database as you protect its password, and never log what this store returns.
/// </summary>
public sealed class DataProtectionKeyStore
{
    private const long StartLockKey = 0x41_69_64_44_50_4b; // "AidDPK"

    private readonly IndexDatabase _database;
    private readonly TimeProvider _time;

    /// <summary>Creates the store over an index database migrated to version 4 or later.</summary>
    public DataProtectionKeyStore(IndexDatabase database, TimeProvider? time = null)
    {
        _database = database ?? throw new ArgumentNullException(nameof(database));
        _time = time ?? TimeProvider.System;
    }

    /// <summary>Every stored key document, oldest first.</summary>
    public async Task<IReadOnlyList<string>> GetAllAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT xml FROM data_protection_keys ORDER BY created_at, id", cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.ToList();
    }

    /// <summary>Stores a key document under <paramref name="id"/>; a document already stored under that id is kept.</summary>
    public async Task StoreAsync(string id, string xml, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        ArgumentException.ThrowIfNullOrEmpty(xml);
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO data_protection_keys (id, xml, created_at) VALUES (@id, @xml, @at) ON CONFLICT (id) DO NOTHING",
            new { id, xml, at = _time.GetUtcNow().ToUnixTimeMilliseconds() }, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>
    /// Holds the database-wide lock under which an instance loads (and when there is none, creates) the first key, until
    /// disposed: instances started together on an empty PostgreSQL database then agree on one key instead of each making
    /// its own. On SQLite (one machine, where the writes below would wait on the lock's own transaction) it holds nothing.
    /// </summary>
    public async Task<IAsyncDisposable> LockForStartAsync(CancellationToken cancellationToken)
    {
        if (_database.Dialect != SqlDialect.PostgreSql) return NoLock.Instance;
        var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await connection.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_lock(@key)", new { key = StartLockKey }, cancellationToken: cancellationToken)).ConfigureAwait(false);
            return new SessionLock(connection);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private sealed class SessionLock(DbConnection connection) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                await connection.ExecuteAsync("SELECT pg_advisory_unlock(@key)", new { key = StartLockKey }).ConfigureAwait(false);
            }
            finally
            {
                // Closing the session releases the lock too, should the unlock itself have failed.
                await connection.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private sealed class NoLock : IAsyncDisposable
    {
        public static readonly NoLock Instance = new();

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
