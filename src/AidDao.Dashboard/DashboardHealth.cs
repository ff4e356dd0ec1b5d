using System.Globalization;
using AidDao.Dashboard.Views;
using AidDao.Data;
using AidDao.Indexer;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace AidDao.Dashboard;

/// <summary>
/// What <c>GET /health</c> reports: the chain's head, the index's cursor and lag, the indexer's lease, and whether the
/// database and the backplane's Redis answer. The checks run side by side, each bounded by
/// <see cref="DashboardOptions.HealthCheckTimeout"/>, so a dead dependency makes the probe answer rather than hang. Only
/// the database makes the instance "unhealthy" (it cannot serve pages or the API); a chain node or Redis that does not
/// answer makes it "degraded" (pages and the API still serve from the index), so a load balancer keeps it. A check that
/// starts or stops failing is logged once (with its error), not on every probe.
/// </summary>
/// <remarks>
/// A plain endpoint over this class rather than Microsoft.Extensions.Diagnostics.HealthChecks: the report is one fixed JSON
/// contract (docs/dashboard.md) whose numbers depend on each other (the lag is the chain's head minus the index's cursor),
/// which the framework's independent checks and loose data dictionaries would only take apart and put back together.
/// </remarks>
internal sealed partial class DashboardHealth
{
    private readonly DashboardOptions _options;
    private readonly IndexStore _store;
    private readonly DashboardChain _chain;
    private readonly bool _runsIndexer;
    private readonly IConnectionMultiplexer? _redis;
    private readonly ILogger<DashboardHealth> _logger;
    private readonly HashSet<string> _failing = [];

    public DashboardHealth(DashboardOptions options, IndexStore store, DashboardChain chain, bool runsIndexer, IConnectionMultiplexer? redis, ILogger<DashboardHealth> logger)
    {
        _options = options;
        _store = store;
        _chain = chain;
        _runsIndexer = runsIndexer;
        _redis = redis;
        _logger = logger;
    }

    /// <summary>Runs the checks.</summary>
    public async Task<HealthView> CheckAsync(CancellationToken cancellationToken)
    {
        var chainId = _options.ChainId;
        var head = BoundedAsync("chain", _chain.HeadAsync, cancellationToken);
        var index = BoundedAsync("database", async ct =>
        {
            var cursor = await _store.GetCursorAsync(chainId, ct).ConfigureAwait(false);
            var lease = await _store.GetLeaseAsync(chainId, ct).ConfigureAwait(false);
            return (Cursor: cursor?.Number, Lease: lease);
        }, cancellationToken);
        var redis = _redis is null ? null : BoundedAsync("redis", async ct =>
        {
            if (!_redis.IsConnected) throw new RedisConnectionException(ConnectionFailureType.UnableToConnect, "Not connected to Redis.");
            return await _redis.GetDatabase().PingAsync().WaitAsync(ct).ConfigureAwait(false);
        }, cancellationToken);
        var (headOk, headBlock) = await head.ConfigureAwait(false);
        var (indexOk, state) = await index.ConfigureAwait(false);
        var (redisOk, _) = redis is null ? (true, default) : await redis.ConfigureAwait(false);

        var now = _options.Time.GetUtcNow();
        var seconds = _options.HealthCheckTimeout.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture);
        var limit = _options.IndexerConfirmations + _options.HealthLagBlocks;
        var lease = state.Lease is { Expired: false } ? state.Lease : null;
        long? lag = headOk && state.Cursor is { } cursor ? headBlock - cursor : null;
        var unhealthy = new List<string>();
        var degraded = new List<string>();
        if (!indexOk) unhealthy.Add($"The index database ({Kind}) did not answer within {seconds} s; see the server's log.");
        if (!headOk) degraded.Add($"The chain's node did not answer within {seconds} s: the index may fall behind (pages show it as far as it got); see the server's log.");
        if (!redisOk) degraded.Add($"Redis (the backplane between dashboard instances) did not answer within {seconds} s: pages on other instances miss live updates; see the server's log.");
        if (indexOk)
        {
            if (state.Cursor is null) degraded.Add($"Chain {chainId} is not indexed yet.");
            else if (lag > limit) degraded.Add($"The index is {lag} blocks behind the chain's head (more than {limit}).");
            if (lease is null) degraded.Add($"No instance holds the indexer's lease of chain {chainId}: nothing is indexing it.");
        }
        // A live lease of an indexer of this process, held while this host runs the indexer jobs, is this instance's.
        var runsHere = _runsIndexer && lease is { } held && LeaseOwner.TryParse(held.Owner, out var owner) && owner.IsThisProcess;
        return new HealthView(
            unhealthy.Count > 0 ? "unhealthy" : degraded.Count > 0 ? "degraded" : "healthy",
            _options.InstanceName,
            now.ToUnixTimeSeconds(),
            [.. unhealthy, .. degraded],
            new ChainHealthView(headOk, chainId, headOk ? headBlock : null),
            new IndexerHealthView(state.Cursor, lag, limit, lease?.Owner, lease?.ExpiresAt.ToUnixTimeSeconds(), runsHere),
            new DatabaseHealthView(indexOk, Kind),
            _redis is null ? null : new RedisHealthView(redisOk));
    }

    private string Kind => _store.Database.Dialect == SqlDialect.PostgreSql ? "postgresql" : "sqlite";

    private async Task<(bool Ok, T Value)> BoundedAsync<T>(string check, Func<CancellationToken, Task<T>> run, CancellationToken cancellationToken)
    {
        using var patience = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        patience.CancelAfter(_options.HealthCheckTimeout);
        try
        {
            // WaitAsync: a client that ignores the token (or waits inside a connection pool) cannot hold the probe.
            var value = await run(patience.Token).WaitAsync(patience.Token).ConfigureAwait(false);
            bool recovered;
            lock (_failing) recovered = _failing.Remove(check);
            if (recovered) LogRecovered(_logger, check);
            return (true, value);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            bool first;
            lock (_failing) first = _failing.Add(check);
            if (first) LogFailing(_logger, check, e);
            return (false, default!);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Health check {Check} is failing")]
    private static partial void LogFailing(ILogger logger, string check, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Health check {Check} passes again")]
    private static partial void LogRecovered(ILogger logger, string check);
}
