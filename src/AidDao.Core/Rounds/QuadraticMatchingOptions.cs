using System.Numerics;

namespace AidDao.Core.Rounds;

/// <summary>How a round splits its matching pool.</summary>
/// <param name="MatchingPool">The matching funds fixed at finalisation (smallest units).</param>
/// <param name="CapBasisPoints">The most one project may receive, in basis points of the pool (0 = no cap, at most 10,000).</param>
/// <param name="SpreadWholePool">
/// When the formula asks for less than the pool: true spreads the whole pool pro rata; false pays the raw matches and
/// returns the rest.
/// </param>
/// <param name="Mode">Quadratic funding (raw match from contributions) or quadratic voting (raw match = votes; the whole
/// pool is always spread, whatever <paramref name="SpreadWholePool"/> says).</param>
public sealed record QuadraticMatchingOptions(BigInteger MatchingPool, int CapBasisPoints = 0, bool SpreadWholePool = true,
    RoundMode Mode = RoundMode.QuadraticFunding)
{
    /// <summary>Checks the options; throws <see cref="AidDaoInputException"/>.</summary>
    public void Validate()
    {
        if (MatchingPool.Sign < 0) throw new AidDaoInputException("The matching pool cannot be negative.");
        if (CapBasisPoints is < 0 or > 10_000) throw new AidDaoInputException("A matching cap is 0 (none) to 10,000 basis points of the pool.");
    }

    /// <summary>The cap per project in smallest units, or null when there is none: floor(pool × cap / 10,000).</summary>
    public BigInteger? Cap => CapBasisPoints == 0 ? null : MatchingPool * CapBasisPoints / 10_000;
}
