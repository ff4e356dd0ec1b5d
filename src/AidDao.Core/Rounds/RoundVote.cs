using System.Numerics;

namespace AidDao.Core.Rounds;

/// <summary>Voice credits a member spent on one project.</summary>
/// <param name="ProjectId">The project.</param>
/// <param name="Credits">The credits added.</param>
/// <param name="Votes">The member's votes on the project now: ⌊√(all credits they spent on it)⌋.</param>
public sealed record RoundVote(BigInteger ProjectId, BigInteger Credits, BigInteger Votes);
