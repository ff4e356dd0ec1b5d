namespace AidDao.Core.Pools;

/// <summary>What a pool change does once M stewards approve it (mirrors IEmergencyPool.ChangeKind).</summary>
public enum PoolChangeKind
{
    /// <summary>Allow an asset, or update its limits.</summary>
    SetAssetLimits = 0,

    /// <summary>Stop accepting and paying an asset.</summary>
    RemoveAsset = 1,

    /// <summary>Change the rolling-window length.</summary>
    SetWindow = 2,

    /// <summary>Change the per-recipient cooldown.</summary>
    SetCooldown = 3,

    /// <summary>Change how long new requests stay open.</summary>
    SetRequestLifetime = 4,

    /// <summary>Change the approvals that pay a fast-path request in an emergency.</summary>
    SetEmergencyThreshold = 5,

    /// <summary>Declare an emergency for a time.</summary>
    DeclareEmergency = 6,

    /// <summary>End the emergency early.</summary>
    EndEmergency = 7,

    /// <summary>Resume payments after a pause.</summary>
    Unpause = 8,
}
