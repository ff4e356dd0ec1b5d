namespace AidDao.Dashboard.Views;

/// <summary>
/// <c>GET /health</c>: <see cref="Status"/> is <c>healthy</c>, <c>degraded</c> (serving, but the index is behind or nobody
/// indexes: HTTP 200) or <c>unhealthy</c> (the database, the chain or a configured Redis does not answer: HTTP 503).
/// <see cref="Problems"/> says in plain words what is wrong; <see cref="CheckedAt"/> is Unix seconds.
/// </summary>
public sealed record HealthView(string Status, string Instance, long CheckedAt, IReadOnlyList<string> Problems,
    ChainHealthView Chain, IndexerHealthView Indexer, DatabaseHealthView Database, RedisHealthView? Redis);
