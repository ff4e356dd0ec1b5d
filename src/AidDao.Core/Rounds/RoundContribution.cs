using System.Numerics;

namespace AidDao.Core.Rounds;

/// <summary>One contribution as the round booked it.</summary>
/// <param name="ProjectId">The project.</param>
/// <param name="Amount">The amount.</param>
/// <param name="Matched">Whether it counts for matching (a member's, in a quadratic-funding round).</param>
public sealed record RoundContribution(BigInteger ProjectId, BigInteger Amount, bool Matched);
