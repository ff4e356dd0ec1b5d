using System.Numerics;

namespace AidDao.Core.Rounds;

/// <summary>The outcome fixed at finalisation, from which every project's match follows (amounts in the asset's smallest unit).</summary>
/// <param name="MatchingPool">The matching funds used: all that was deposited.</param>
/// <param name="Budget">The budget left for the projects not held to the cap (B').</param>
/// <param name="OpenRaw">The raw total of the projects not held to the cap (R').</param>
/// <param name="Cap">The cap per project (0 = none).</param>
/// <param name="Matched">The sum of all matches.</param>
/// <param name="Remainder">Matching funds not matched: they go to the emergency pool.</param>
/// <param name="TotalRaised">All contributions to approved projects.</param>
/// <param name="FinalizedAt">When the round was finalised.</param>
/// <param name="ClaimDeadline">Until when recipients can claim.</param>
public sealed record RoundOutcome(
    BigInteger MatchingPool,
    BigInteger Budget,
    BigInteger OpenRaw,
    BigInteger Cap,
    BigInteger Matched,
    BigInteger Remainder,
    BigInteger TotalRaised,
    DateTimeOffset FinalizedAt,
    DateTimeOffset ClaimDeadline);
