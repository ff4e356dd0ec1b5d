using AidDao.Core;

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
}
