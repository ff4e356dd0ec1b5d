using System.Numerics;

namespace AidDao.Core.ReadModel;

/// <summary>A funding round as indexed.</summary>
/// <param name="Address">The round.</param>
/// <param name="Community">Its community.</param>
/// <param name="Name">Its name.</param>
/// <param name="Asset">Its asset (zero address = ETH).</param>
/// <param name="QuadraticVoting">Whether members vote with credits (QV) instead of matching contributions (QF).</param>
/// <param name="MatchingPool">Money given to the matching pool.</param>
/// <param name="Balance">What the round holds now.</param>
/// <param name="Finalized">Whether the round was finalised.</param>
/// <param name="Cancelled">Whether the round was cancelled.</param>
/// <param name="Matched">Matching paid out to projects (after finalisation).</param>
/// <param name="Remainder">Matching left for the emergency pool (after finalisation).</param>
/// <param name="Projects">Its projects, by id.</param>
/// <param name="ClaimDeadline">Until when recipients can claim (Unix seconds), set at finalisation; null before.</param>
public sealed record IndexedRound(
    EthAddress Address,
    EthAddress Community,
    string Name,
    EthAddress Asset,
    bool QuadraticVoting,
    BigInteger MatchingPool,
    BigInteger Balance,
    bool Finalized,
    bool Cancelled,
    BigInteger Matched,
    BigInteger Remainder,
    IReadOnlyList<IndexedProject> Projects,
    long? ClaimDeadline = null);
