using System.Numerics;

namespace AidDao.Core.Rounds;

/// <summary>
/// One application with its totals. In quadratic funding <see cref="Eligible"/> is the sum of members' contributions and
/// <see cref="Roots"/> the sum of their floor square roots; in quadratic voting they are the credits spent and the votes.
/// Before finalisation <see cref="Match"/> is a projection: what the project would get if the round were finalised with
/// the tallies and matching pool of now.
/// </summary>
/// <param name="Id">The project id (from 1).</param>
/// <param name="Recipient">Who receives its money.</param>
/// <param name="Applicant">Who applied.</param>
/// <param name="Metadata">The hash of its application text (hex).</param>
/// <param name="Status">Where the application stands.</param>
/// <param name="Paid">Whether its payout was sent.</param>
/// <param name="Raised">All contributions, members' or not (paid to it besides its match).</param>
/// <param name="Contributors">Distinct contributors (from the round's Contributed events).</param>
/// <param name="Eligible">The matched contributions (QF) or credits spent (QV).</param>
/// <param name="Roots">The sum of matched roots (QF) or the votes (QV).</param>
/// <param name="RawMatch">The formula's raw match: (Σ√c)² − Σc in QF, the votes in QV.</param>
/// <param name="Match">Its match: fixed once <paramref name="MatchIsFinal"/>, projected before.</param>
/// <param name="MatchIsFinal">Whether the round is finalised and <paramref name="Match"/> fixed.</param>
public sealed record RoundProject(
    BigInteger Id,
    EthAddress Recipient,
    EthAddress Applicant,
    string Metadata,
    RoundProjectStatus Status,
    bool Paid,
    BigInteger Raised,
    int Contributors,
    BigInteger Eligible,
    BigInteger Roots,
    BigInteger RawMatch,
    BigInteger Match,
    bool MatchIsFinal)
{
    /// <summary>What the recipient receives: contributions plus match.</summary>
    public BigInteger Total => Raised + Match;
}
