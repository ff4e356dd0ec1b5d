using System.Numerics;

namespace AidDao.Core.ReadModel;

/// <summary>One asset of a pool as indexed: its limits as last set, and what counts against its rolling-window cap.</summary>
/// <param name="MintRate">Contribution-token units minted per 10^18 units deposited.</param>
/// <param name="PerRequestMax">The most one request may pay.</param>
/// <param name="WindowCap">The most the pool may pay in one rolling window.</param>
/// <param name="ReserveFloor">What must stay in the pool outside an emergency.</param>
/// <param name="FastPathCap">The largest request the emergency threshold may pay during an emergency.</param>
/// <param name="WindowUsed">
/// What the pool paid (or set aside for a recipient to withdraw) in the window ending at the time asked about: every
/// <c>AidPaid</c> of the asset whose block time is after that time minus the window, as the contract's
/// <c>assetTotals(asset).windowUsed</c> reports it.
/// </param>
public sealed record IndexedAssetLimits(
    BigInteger MintRate,
    BigInteger PerRequestMax,
    BigInteger WindowCap,
    BigInteger ReserveFloor,
    BigInteger FastPathCap,
    BigInteger WindowUsed);
