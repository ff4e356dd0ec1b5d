using System.Numerics;

namespace AidDao.Core.ReadModel;

/// <summary>A proposed change to a pool's rules (declare or end an emergency, limits, window ...), as indexed.</summary>
/// <param name="Id">The change's id in its pool.</param>
/// <param name="Proposer">The steward who proposed it (the proposal counts as their approval).</param>
/// <param name="Kind">The contract's <c>ChangeKind</c> (0 SetAssetLimits ... 6 DeclareEmergency, 7 EndEmergency, 8 Unpause).</param>
/// <param name="Asset">The asset it concerns (zero when none).</param>
/// <param name="Value">Its value (a duration in seconds for an emergency or a window, a count for a threshold).</param>
/// <param name="Reason">The 32-byte hash of the off-chain statement (0x-hex).</param>
/// <param name="ExpiresAt">When it lapses if not executed (Unix seconds).</param>
/// <param name="Approvals">Stewards who approved it, in order.</param>
/// <param name="Status">pending, executed, cancelled or expired (at the time asked).</param>
/// <param name="Limits">For a SetAssetLimits change, the limits it would set (WindowUsed is zero); null otherwise.</param>
public sealed record IndexedPoolChange(
    long Id,
    EthAddress Proposer,
    int Kind,
    EthAddress Asset,
    BigInteger Value,
    string Reason,
    long ExpiresAt,
    IReadOnlyList<EthAddress> Approvals,
    string Status,
    IndexedAssetLimits? Limits = null);
