using System.Numerics;
using AidDao.Core.Rounds;

namespace AidDao.Core.ReadModel;

/// <summary>
/// One approved project's running totals as the round contract keeps them (<c>projectTotals(id)</c>), folded from the
/// round's events. Quadratic funding: <see cref="Eligible"/> is Σ over contributors of the money they gave while members
/// (a stake that began as a member's keeps counting) and <see cref="Roots"/> Σ ⌊√ of each one's matched stake⌋.
/// Quadratic voting: the credits spent on the project and the votes it holds (Σ ⌊√ of each member's credits⌋).
/// </summary>
/// <param name="ProjectId">The project.</param>
/// <param name="Raised">Every contribution, member or not.</param>
/// <param name="Eligible">QF: the matched contributions; QV: the credits spent.</param>
/// <param name="Roots">QF: the sum of matched roots; QV: the votes.</param>
public sealed record IndexedProjectTally(long ProjectId, BigInteger Raised, BigInteger Eligible, BigInteger Roots)
{
    /// <summary>The tally <see cref="QuadraticMatching.Compute"/> takes.</summary>
    public ProjectTally Tally => new(Roots, Eligible);
}
