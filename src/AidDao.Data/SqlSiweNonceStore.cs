using AidDao.Core.SignIn;
using Dapper;

namespace AidDao.Data;

/// <summary>
/// An <see cref="ISiweNonceStore"/> in the index database (<c>siwe_nonces</c>), so that several dashboard instances on one
/// database share their sign-in nonces: a nonce issued by one is redeemed by whichever instance the signed message reaches,
/// exactly once. Redeeming deletes the row; of concurrent redeemers only the one whose DELETE removed it wins. Each nonce is
/// 22 random letters and digits (about 131 bits) and lives for <see cref="Lifetime"/>; expired ones are purged when a new
/// one is issued, and at most <see cref="Capacity"/> are outstanding (issuing one more drops the oldest), so a flood of
/// nonce requests costs a bounded table.
/// </summary>
public sealed class SqlSiweNonceStore : ISiweNonceStore
{
    private readonly IndexDatabase _database;
    private readonly TimeProvider _time;

    /// <summary>Creates the store over an index database migrated to version 4 or later.</summary>
    /// <param name="database">The index database.</param>
    /// <param name="time">The clock; null for the system clock.</param>
    /// <param name="lifetime">How long a nonce stays redeemable; null for <see cref="SiweNonce.DefaultLifetime"/>.</param>
    /// <param name="capacity">How many nonces may be outstanding before the oldest is dropped.</param>
    public SqlSiweNonceStore(IndexDatabase database, TimeProvider? time = null, TimeSpan? lifetime = null, int capacity = SiweNonce.DefaultCapacity)
    {
        _database = database ?? throw new ArgumentNullException(nameof(database));
        Lifetime = SiweNonce.CheckLimits(lifetime, capacity);
        _time = time ?? TimeProvider.System;
        Capacity = capacity;
    }

    /// <summary>How long an issued nonce stays redeemable.</summary>
    public TimeSpan Lifetime { get; }

    /// <summary>How many nonces may be outstanding before the oldest is dropped.</summary>
    public int Capacity { get; }

    /// <inheritdoc />
    public async Task<string> IssueAsync(CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        var nonce = SiweNonce.New();
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await IndexDatabase.BeginWriteAsync(connection, cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM siwe_nonces WHERE expires_at <= @now", new { now }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        var outstanding = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM siwe_nonces", transaction: transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (outstanding >= Capacity)
            await connection.ExecuteAsync(new CommandDefinition(
                "DELETE FROM siwe_nonces WHERE nonce IN (SELECT nonce FROM siwe_nonces ORDER BY expires_at, nonce LIMIT @excess)",
                new { excess = outstanding - Capacity + 1 }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO siwe_nonces (nonce, expires_at) VALUES (@nonce, @expires)",
            new { nonce, expires = now + (long)Lifetime.TotalMilliseconds }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return nonce;
    }

    /// <inheritdoc />
    public async Task<bool> TryConsumeAsync(string nonce, CancellationToken cancellationToken)
    {
        if (!SiweNonce.IsWellFormed(nonce)) return false;
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        // One statement: the row is gone for every later or concurrent caller, whichever instance they run on.
        return await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM siwe_nonces WHERE nonce = @nonce AND expires_at > @now", new { nonce, now }, cancellationToken: cancellationToken)).ConfigureAwait(false) == 1;
    }
}
