using AidDao.Core;
using Microsoft.Extensions.Logging;

namespace AidDao.Dashboard;

/// <summary>What a dashboard shows and where it listens.</summary>
public sealed class DashboardOptions
{
    /// <summary>The chain's id.</summary>
    public required long ChainId { get; init; }

    /// <summary>The node the server reads from (chain time, round set-up, token symbols); it never sends transactions.</summary>
    public required Uri RpcUrl { get; init; }

    /// <summary>The node URL given to wallets that need to add the chain; defaults to <see cref="RpcUrl"/>.</summary>
    public Uri? PublicRpcUrl { get; init; }

    /// <summary>The chain's name, as wallets show it.</summary>
    public string ChainName { get; init; } = "Local chain";

    /// <summary>The chain's native coin.</summary>
    public string NativeSymbol { get; init; } = "ETH";

    /// <summary>A block explorer's transaction page with <c>{tx}</c> for the hash (for example <c>https://etherscan.io/tx/{tx}</c>); null: none.</summary>
    public string? ExplorerTxUrl { get; init; }

    /// <summary>The community shown.</summary>
    public required EthAddress Community { get; init; }

    /// <summary>Where to listen; loopback by default. Port 0 picks a free port.</summary>
    public IReadOnlyList<string> Urls { get; init; } = ["http://127.0.0.1:5080"];

    /// <summary>
    /// The address people use to reach the dashboard (for example https://aid.example.org behind a proxy). Sign-in
    /// messages name it, and the session cookie is Secure when it is https. Null: the loopback address it listens on
    /// (sign-in is refused when it listens on other addresses without this).
    /// </summary>
    public Uri? PublicUrl { get; init; }

    /// <summary>Whether the Hangfire dashboard at <c>/hangfire</c> answers requests from other machines (default: local only).</summary>
    public bool HangfireRemoteAccess { get; init; }

    /// <summary>The longest a steward's sign-in lasts, whatever the signed message says.</summary>
    public TimeSpan MaxSessionLifetime { get; init; } = TimeSpan.FromHours(8);

    /// <summary>How long a sign-in message the page asks for stays valid.</summary>
    public TimeSpan SignInMessageLifetime { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>How many sign-in nonces one client address may ask for per minute.</summary>
    public int SignInAttemptsPerMinute { get; init; } = 20;

    /// <summary>The clock for sign-in checks.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>
    /// The StackExchange.Redis configuration of the SignalR backplane (for example <c>redis.internal:6379</c> or
    /// <c>redis.internal:6379,password=...,ssl=true</c>), for several dashboard instances behind one address: an update
    /// sent by the instance that indexes reaches the pages open on every instance. Null (the default): no backplane, one
    /// instance. Its channels are prefixed with the chain and community, so dashboards of other communities can share
    /// one Redis.
    /// </summary>
    public string? Redis { get; init; }

    /// <summary>How long the host waits for Redis at start before it refuses to start. Default 5 s.</summary>
    public TimeSpan RedisConnectTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>This instance's name in <c>/health</c>, its logs and Redis's client list. Default: machine name and process id.</summary>
    public string InstanceName { get; init; } = DefaultInstanceName;

    /// <summary>The default <see cref="InstanceName"/>: <c>machine-processid</c>.</summary>
    public static string DefaultInstanceName => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Environment.MachineName}-{Environment.ProcessId}");

    /// <summary>
    /// How the host logs when <see cref="LoggerFactory"/> is null: not at all (the default, for tests and embedding), plain
    /// text lines or JSON lines, on standard error.
    /// </summary>
    public DashboardLogFormat LogFormat { get; init; } = DashboardLogFormat.None;

    /// <summary>
    /// The logger factory the host logs through (made by <see cref="DashboardLogging.CreateFactory"/>, so the indexer can
    /// share it); null: the host makes its own from <see cref="LogFormat"/>. The host does not dispose it.
    /// </summary>
    public ILoggerFactory? LoggerFactory { get; init; }

    /// <summary>The confirmations the indexer waits for: the index is meant to stay this many blocks behind the head.</summary>
    public int IndexerConfirmations { get; init; }

    /// <summary>
    /// How many blocks the index may fall behind the head beyond <see cref="IndexerConfirmations"/> before <c>/health</c>
    /// says degraded. Default 50.
    /// </summary>
    public long HealthLagBlocks { get; init; } = 50;

    /// <summary>How long each of <c>/health</c>'s checks (chain, database, Redis) may take before it counts as failed. Default 2 s.</summary>
    public TimeSpan HealthCheckTimeout { get; init; } = TimeSpan.FromSeconds(2);
}
