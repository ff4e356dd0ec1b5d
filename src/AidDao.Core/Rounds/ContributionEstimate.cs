using System.Numerics;

namespace AidDao.Core.Rounds;

/// <summary>
/// What one more contribution would do to a project's match if the round were finalised with the tallies and matching pool
/// of now: "if you add <see cref="Amount"/> to project <see cref="ProjectId"/>, its match changes by <see cref="Change"/>".
/// </summary>
/// <param name="ProjectId">The project.</param>
/// <param name="Contributor">Whose contribution (their current stake and membership count).</param>
/// <param name="Amount">The extra contribution.</param>
/// <param name="Counts">Whether it would count for matching: quadratic funding, and the contributor is a member (or their stake in the project already counts).</param>
/// <param name="IsMember">Whether the contributor is a member of the community.</param>
/// <param name="Mode">The round's mode.</param>
/// <param name="CurrentMatch">The project's match with the tallies of now.</param>
/// <param name="EstimatedMatch">Its match with the extra contribution.</param>
/// <param name="MatchingPool">The matching pool the estimate splits (only funds already deposited).</param>
public sealed record ContributionEstimate(
    BigInteger ProjectId,
    EthAddress Contributor,
    BigInteger Amount,
    bool Counts,
    bool IsMember,
    RoundMode Mode,
    BigInteger CurrentMatch,
    BigInteger EstimatedMatch,
    BigInteger MatchingPool)
{
    /// <summary>How the match changes: <see cref="EstimatedMatch"/> − <see cref="CurrentMatch"/> (0 when it does not count).</summary>
    public BigInteger Change => EstimatedMatch - CurrentMatch;
}
