using System.Data.Common;
using AidDao.Core;
using AidDao.Core.Pools;
using Dapper;

namespace AidDao.Data;

/// <summary>
/// The private details of aid requests, handed in by the people who asked (the chain holds only their keccak-256 hash,
/// <see cref="DetailsHash"/>). Details are accepted only when they hash to what the indexed request carries, so a
/// stranger cannot attach other text to a request. Kept in <c>request_details</c>, which is not a chain fact: undoing a
/// reorganised block leaves it alone, and the details show again once the same request is indexed again.
/// </summary>
public sealed class RequestDetailsStore
{
    /// <summary>The longest details accepted, in characters.</summary>
    public const int MaxLength = 4_000;

    private readonly IndexDatabase _database;
    private readonly TimeProvider _time;

    /// <summary>Creates the store over an (already migrated) index database.</summary>
    /// <param name="database">The index database.</param>
    /// <param name="time">The clock for <c>submitted_at</c>; null for the system clock.</param>
    public RequestDetailsStore(IndexDatabase database, TimeProvider? time = null)
    {
        _database = database ?? throw new ArgumentNullException(nameof(database));
        _time = time ?? TimeProvider.System;
    }

    /// <summary>
    /// Saves the details of request <paramref name="requestId"/> of <paramref name="pool"/> if keccak-256 of their UTF-8
    /// bytes is the hash the indexed request carries. Saving the same text again changes nothing; other text for a request
    /// whose details are saved cannot match its hash either.
    /// </summary>
    /// <exception cref="AidDaoInputException">The details are empty or longer than <see cref="MaxLength"/> characters.</exception>
    public async Task<TextSaveResult> SaveAsync(long chainId, EthAddress pool, long requestId, string details, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(details))
            throw new AidDaoInputException("The details are empty: paste the text that was given when the request was made.");
        if (details.Length > MaxLength)
            throw new AidDaoInputException($"The details are {details.Length} characters long; at most 4,000 are kept here. Share longer details with the stewards another way.");
        var hash = "0x" + Convert.ToHexStringLower(DetailsHash.Of(details));
        var p = Key(pool);
        await using var db = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var onChain = await IndexedHashAsync(db, chainId, p, requestId, cancellationToken).ConfigureAwait(false);
        if (onChain is null) return TextSaveResult.NotIndexed;
        if (!string.Equals(onChain, hash, StringComparison.OrdinalIgnoreCase)) return TextSaveResult.HashMismatch;
        // The hash matches, so the text is the one saved before, if any; a row with another hash was saved for a request
        // that a reorganisation replaced, and gives way.
        var written = await db.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO request_details (chain_id, pool, request_id, details_hash, details, submitted_at) VALUES (@chainId, @p, @requestId, @hash, @details, @now)
            ON CONFLICT (chain_id, pool, request_id) DO UPDATE SET details_hash = excluded.details_hash, details = excluded.details, submitted_at = excluded.submitted_at
            WHERE request_details.details_hash <> excluded.details_hash
            """,
            new { chainId, p, requestId, hash, details, now = _time.GetUtcNow().ToUnixTimeSeconds() }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return written == 1 ? TextSaveResult.Saved : TextSaveResult.AlreadySaved;
    }

    /// <summary>
    /// The saved details of a request, when they hash to what the indexed request carries now; null when none were saved,
    /// the request is not indexed (for example just undone by a reorganisation, until it is indexed again), or a
    /// reorganisation replaced it with a request carrying another hash.
    /// </summary>
    public async Task<string?> GetAsync(long chainId, EthAddress pool, long requestId, CancellationToken cancellationToken)
    {
        var p = Key(pool);
        await using var db = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var saved = await db.QueryFirstOrDefaultAsync<(string Hash, string Details)?>(new CommandDefinition(
            "SELECT details_hash, details FROM request_details WHERE chain_id = @chainId AND pool = @p AND request_id = @requestId",
            new { chainId, p, requestId }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (saved is not { } row) return null;
        var onChain = await IndexedHashAsync(db, chainId, p, requestId, cancellationToken).ConfigureAwait(false);
        return string.Equals(onChain, row.Hash, StringComparison.OrdinalIgnoreCase) ? row.Details : null;
    }

    /// <summary>The ids of a pool's requests whose details were sent and still match the indexed request's hash.</summary>
    public async Task<IReadOnlySet<long>> GetSubmittedAsync(long chainId, EthAddress pool, CancellationToken cancellationToken)
    {
        var p = Key(pool);
        await using var db = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var ids = await db.QueryAsync<long>(new CommandDefinition(
            """
            SELECT d.request_id FROM request_details d
            WHERE d.chain_id = @chainId AND d.pool = @p
              AND d.details_hash = (SELECT r.details_hash FROM aid_requests r
                                    WHERE r.chain_id = d.chain_id AND r.contract = d.pool AND r.request_id = d.request_id
                                    ORDER BY r.block_number DESC LIMIT 1)
            """,
            new { chainId, p }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return ids.ToHashSet();
    }

    /// <summary>The details hash of the indexed request (its latest <c>AidRequested</c>); null when the index has none.</summary>
    private static Task<string?> IndexedHashAsync(DbConnection db, long chainId, string pool, long requestId, CancellationToken cancellationToken) =>
        db.QueryFirstOrDefaultAsync<string?>(new CommandDefinition(
            "SELECT details_hash FROM aid_requests WHERE chain_id = @chainId AND contract = @pool AND request_id = @requestId ORDER BY block_number DESC LIMIT 1",
            new { chainId, pool, requestId }, cancellationToken: cancellationToken));

    private static string Key(EthAddress address) => address.Value.ToLowerInvariant();
}
