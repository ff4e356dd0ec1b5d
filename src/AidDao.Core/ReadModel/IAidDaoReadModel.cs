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

    /// <summary>A pool: balances, requests with their approvals and state, pause and emergency; null when unknown.</summary>
    /// <param name="chainId">The chain.</param>
    /// <param name="pool">The pool.</param>
    /// <param name="now">The chain time (Unix seconds) that decides which pending requests have expired.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    Task<IndexedPool?> GetPoolAsync(long chainId, EthAddress pool, long now, CancellationToken cancellationToken);

    /// <summary>A round's results: each project's contributions, contributors, votes, match and payout; null when unknown.</summary>
    Task<IndexedRound?> GetRoundAsync(long chainId, EthAddress round, CancellationToken cancellationToken);

    /// <summary>What an account did in a community (deposits, requests, contributions, votes, tokens, hours, membership), oldest first.</summary>
    Task<MemberHistory> GetMemberHistoryAsync(long chainId, EthAddress community, EthAddress account, CancellationToken cancellationToken);
}
