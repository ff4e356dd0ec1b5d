using AidDao.Core;
using AidDao.Core.Pools;

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

    private static readonly HashedTextTable Texts = new("request_details", "pool", "request_id", "details_hash", "details", "aid_requests", "details_hash");
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
    public Task<TextSaveResult> SaveAsync(long chainId, EthAddress pool, long requestId, string details, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(details))
            throw new AidDaoInputException("The details are empty: paste the text that was given when the request was made.");
        if (details.Length > MaxLength)
            throw new AidDaoInputException($"The details are {details.Length} characters long; at most 4,000 are kept here. Share longer details with the stewards another way.");
        return Texts.SaveAsync(_database, _time, chainId, pool, requestId, details, cancellationToken);
    }

    /// <summary>
    /// The saved details of a request, when they hash to what the indexed request carries now; null when none were saved,
    /// the request is not indexed (for example just undone by a reorganisation, until it is indexed again), or a
    /// reorganisation replaced it with a request carrying another hash.
    /// </summary>
    public async Task<string?> GetAsync(long chainId, EthAddress pool, long requestId, CancellationToken cancellationToken) =>
        (await Texts.GetAsync(_database, chainId, pool, requestId, cancellationToken).ConfigureAwait(false)).GetValueOrDefault(requestId);

    /// <summary>The ids of a pool's requests whose details were sent and still match the indexed request's hash.</summary>
    public async Task<IReadOnlySet<long>> GetSubmittedAsync(long chainId, EthAddress pool, CancellationToken cancellationToken) =>
        (await Texts.GetAsync(_database, chainId, pool, null, cancellationToken).ConfigureAwait(false)).Keys.ToHashSet();
}
