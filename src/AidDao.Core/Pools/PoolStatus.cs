namespace AidDao.Core.Pools;

/// <summary>A pool at a glance: rules, money per asset, and the requests still waiting for decisions.</summary>
/// <param name="Address">The pool contract.</param>
/// <param name="Name">The pool's name.</param>
/// <param name="Community">Its community.</param>
/// <param name="Threshold">Steward approvals a request normally needs (the community's M).</param>
/// <param name="Window">The rolling window of the window caps.</param>
/// <param name="Cooldown">Per-recipient cooldown.</param>
/// <param name="RequestLifetime">How long a request stays open.</param>
/// <param name="EmergencyThreshold">Approvals on the emergency fast path.</param>
/// <param name="EmergencyEndsAt">When the emergency in force ends; null when there is none.</param>
/// <param name="Paused">Whether payments are paused.</param>
/// <param name="Assets">Each accepted asset.</param>
/// <param name="PendingRequests">Requests still open (not expired), most urgent first.</param>
/// <param name="RequestCount">Requests filed so far.</param>
public sealed record PoolStatus(
    EthAddress Address,
    string Name,
    EthAddress Community,
    int Threshold,
    TimeSpan Window,
    TimeSpan Cooldown,
    TimeSpan RequestLifetime,
    int EmergencyThreshold,
    DateTimeOffset? EmergencyEndsAt,
    bool Paused,
    IReadOnlyList<AssetStatus> Assets,
    IReadOnlyList<AidRequestInfo> PendingRequests,
    int RequestCount);
