using System.Numerics;

namespace AidDao.Core.Rounds.Analysis;

/// <summary>What one more contribution would do to the matches (<see cref="MatchEstimator.Estimate"/>), exact to the wei.</summary>
/// <param name="Counts">Whether the contribution attracts matching: the contributor is a member or their stake on the project already counts.</param>
/// <param name="TallyAfter">The project's tally afterwards, as the contract would book it.</param>
/// <param name="Project">The project contributed to: its match before and after.</param>
/// <param name="LargestOtherChanges">The other projects whose match moves most (by size of the change, then project number); unchanged ones are left out.</param>
/// <param name="RemainderBefore">The pool's remainder with the current tallies.</param>
/// <param name="RemainderAfter">The remainder afterwards.</param>
public sealed record MatchEstimate(bool Counts, ProjectTally TallyAfter, ProjectMatchChange Project, IReadOnlyList<ProjectMatchChange> LargestOtherChanges,
    BigInteger RemainderBefore, BigInteger RemainderAfter);
