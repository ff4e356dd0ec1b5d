using System.Numerics;

namespace AidDao.Core.Rounds.Analysis;

/// <summary>One project's match before and after a what-if contribution (smallest units).</summary>
/// <param name="Project">The project's number.</param>
/// <param name="Before">Its match with the current tallies.</param>
/// <param name="After">Its match if the contribution were added.</param>
public readonly record struct ProjectMatchChange(int Project, BigInteger Before, BigInteger After)
{
    /// <summary>After − before: positive when the project gains.</summary>
    public BigInteger Change => After - Before;
}
