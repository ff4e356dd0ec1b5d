using System.Numerics;

namespace AidDao.Core.Rounds;

/// <summary>What each project receives from the matching pool, and what is left over.</summary>
/// <param name="Matches">The match of each project, in input order.</param>
/// <param name="RawMatches">Each project's raw formula match, (Σ√c)² − Σc.</param>
/// <param name="Capped">Which projects were held to the cap.</param>
/// <param name="Remainder">Pool − Σ matches: rounding dust plus whatever the rules leave unused; returned, never lost.</param>
public sealed record QuadraticMatchingResult(IReadOnlyList<BigInteger> Matches, IReadOnlyList<BigInteger> RawMatches, IReadOnlyList<bool> Capped, BigInteger Remainder);
