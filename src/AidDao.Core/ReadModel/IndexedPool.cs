using System.Numerics;

namespace AidDao.Core.ReadModel;

/// <summary>A pool as indexed.</summary>
/// <param name="Address">The pool.</param>
/// <param name="Community">Its community.</param>
/// <param name="Name">Its name.</param>
/// <param name="Balances">What it holds per asset (zero address = ETH): deposits in, aid and withdrawals out.</param>
/// <param name="Deposited">Everything deposited per asset.</param>
/// <param name="Requests">Its aid requests, oldest first.</param>
/// <param name="Paused">Whether payments are paused.</param>
/// <param name="EmergencyEndsAt">When the declared emergency ends (Unix seconds); null without one.</param>
/// <param name="WindowSeconds">The rolling window of the per-asset caps, in seconds.</param>
/// <param name="RequestLifetimeSeconds">How long a new request stays open, in seconds.</param>
/// <param name="EmergencyThreshold">Steward approvals that pay a small uncontested request during an emergency (capped at the community's M).</param>
/// <param name="Assets">
/// The assets the pool accepts now (removed ones left out), in the order of the pool's <c>assets()</c> list, with their
/// limits and what counts against the window cap at the time asked about.
/// </param>
public sealed record IndexedPool(
    EthAddress Address,
    EthAddress Community,
    string Name,
    IReadOnlyDictionary<EthAddress, BigInteger> Balances,
    IReadOnlyDictionary<EthAddress, BigInteger> Deposited,
    IReadOnlyList<IndexedAidRequest> Requests,
    bool Paused,
    long? EmergencyEndsAt,
    long WindowSeconds,
    long RequestLifetimeSeconds,
    int EmergencyThreshold,
    IReadOnlyDictionary<EthAddress, IndexedAssetLimits> Assets);
