using System.Numerics;
using AidDao.Core.Pools;

namespace AidDao.Core.Rounds;

/// <summary>A round at a glance: its set-up, where it stands at the chain's current time, and its money.</summary>
/// <param name="Address">The round contract.</param>
/// <param name="Community">Its community.</param>
/// <param name="Configuration">Its set-up (name, asset, pool, schedule, rules).</param>
/// <param name="Asset">The asset's symbol and decimals.</param>
/// <param name="Status">Active, finalised or cancelled.</param>
/// <param name="Phase">What the round allows at <paramref name="ChainTime"/>.</param>
/// <param name="ChainTime">The latest block's time.</param>
/// <param name="MatchingPool">The matching funds actually deposited (not merely promised).</param>
/// <param name="ProjectCount">Applications so far.</param>
/// <param name="ApprovedCount">Approved projects.</param>
/// <param name="Outcome">The outcome once finalised; null before.</param>
/// <param name="CancelApprovals">Stewards (in their current term) who approved cancelling.</param>
/// <param name="Threshold">Steward approvals a cancel needs (the community's M).</param>
public sealed record RoundInfo(
    EthAddress Address,
    EthAddress Community,
    RoundConfiguration Configuration,
    PoolAsset Asset,
    RoundStatus Status,
    RoundPhase Phase,
    DateTimeOffset ChainTime,
    BigInteger MatchingPool,
    int ProjectCount,
    int ApprovedCount,
    RoundOutcome? Outcome,
    int CancelApprovals,
    int Threshold);
