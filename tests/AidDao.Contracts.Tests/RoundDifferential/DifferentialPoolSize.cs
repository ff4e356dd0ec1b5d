namespace AidDao.Contracts.Tests.RoundDifferential;

/// <summary>How big a differential round's matching pool is, relative to the raw matches Σraw its contributions ask for.</summary>
internal enum DifferentialPoolSize
{
    /// <summary>Nothing is deposited: every match is 0.</summary>
    None,

    /// <summary>A few wei: rounding dust decides everything.</summary>
    Dust,

    /// <summary>Log-uniform below Σraw: the pool is spread pro rata.</summary>
    BelowRaw,

    /// <summary>Σraw − 1, Σraw or Σraw + 1: the edge between paying raw matches and spreading the pool.</summary>
    AtRaw,

    /// <summary>Up to a thousand times Σraw.</summary>
    AboveRaw,

    /// <summary>10^30 wei, far above any Σraw the test produces.</summary>
    Huge,

    /// <summary>Log-uniform over the whole range, 1 to 10^30 wei.</summary>
    Any,
}
