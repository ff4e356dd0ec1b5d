namespace AidDao.Core.ReadModel;

/// <summary>
/// Questions the CLI and the dashboard ask of an index instead of scanning the chain. Every answer reflects the index's
/// cursor (<see cref="GetCursorAsync"/>), not necessarily the chain's head.
/// </summary>
public interface IAidDaoReadModel
{
    /// <summary>The last indexed block of a chain; null when it was never indexed.</summary>
    Task<IndexedCursor?> GetCursorAsync(long chainId, CancellationToken cancellationToken);

    /// <summary>A community: settings, stewards, members, pools, rounds; null when the index does not know it.</summary>
    Task<IndexedCommunity?> GetCommunityAsync(long chainId, EthAddress community, CancellationToken cancellationToken);

    /// <summary>
    /// A pool: balances, requests with their approvals and state, pause and emergency, settings, and each accepted asset's
    /// limits with what counts against its window cap; null when unknown.
    /// </summary>
    /// <param name="chainId">The chain.</param>
    /// <param name="pool">The pool.</param>
    /// <param name="now">
    /// The chain time (Unix seconds) that decides which pending requests have expired, whether the emergency is over, and
    /// which payouts fall in the rolling window.
    /// </param>
    /// <param name="cancellationToken">Cancels the query.</param>
    Task<IndexedPool?> GetPoolAsync(long chainId, EthAddress pool, long now, CancellationToken cancellationToken);

    /// <summary>A round's results: each project's contributions, contributors, votes, match and payout; null when unknown.</summary>
    Task<IndexedRound?> GetRoundAsync(long chainId, EthAddress round, CancellationToken cancellationToken);

    /// <summary>
    /// The running totals of each project a round approved, in the order of its <c>approvedProjects()</c>, as its
    /// <c>projectTotals(id)</c> reports them: the input of <see cref="Rounds.QuadraticMatching.Compute"/> for a projected
    /// match before finalisation. Empty for a round the index does not know.
    /// </summary>
    Task<IReadOnlyList<IndexedProjectTally>> GetRoundTalliesAsync(long chainId, EthAddress round, CancellationToken cancellationToken);

    /// <summary>
    /// What a pool held of each asset after every block that moved it (deposits in; aid, withdrawals out), oldest first
    /// (by block, then asset).
    /// </summary>
    Task<IReadOnlyList<BalancePoint>> GetPoolBalanceHistoryAsync(long chainId, EthAddress pool, CancellationToken cancellationToken);

    /// <summary>The events after position (<paramref name="afterBlock"/>, <paramref name="afterLogIndex"/>), oldest first, at most <paramref name="limit"/>.</summary>
    /// <param name="chainId">The chain.</param>
    /// <param name="afterBlock">The block of the last event already seen (−1 or 0 for all).</param>
    /// <param name="afterLogIndex">Its log index (−1 for the whole of <paramref name="afterBlock"/>).</param>
    /// <param name="limit">The most events to return; at least 1.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <param name="contracts">Only these contracts' events (null: every contract the index follows).</param>
    Task<IReadOnlyList<IndexedEvent>> GetEventsAsync(long chainId, long afterBlock, long afterLogIndex, int limit, CancellationToken cancellationToken, IReadOnlyCollection<EthAddress>? contracts = null);

    /// <summary>The newest <paramref name="limit"/> events (at least 1), returned oldest first; only <paramref name="contracts"/>' when given.</summary>
    Task<IReadOnlyList<IndexedEvent>> GetRecentEventsAsync(long chainId, int limit, CancellationToken cancellationToken, IReadOnlyCollection<EthAddress>? contracts = null);

    /// <summary>What an account did in a community (deposits, requests, contributions, votes, tokens, hours, membership), oldest first.</summary>
    Task<MemberHistory> GetMemberHistoryAsync(long chainId, EthAddress community, EthAddress account, CancellationToken cancellationToken);

    /// <summary>A pool's proposed rule changes (emergencies, limits, unpausing ...), oldest first, with their approvals and status at <paramref name="now"/>.</summary>
    Task<IReadOnlyList<IndexedPoolChange>> GetPoolChangesAsync(long chainId, EthAddress pool, long now, CancellationToken cancellationToken);
}
