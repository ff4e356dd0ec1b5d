using System.Numerics;
using AidDao.Core.Rounds;

namespace AidDao.Core.ReadModel;

/// <summary>A round's project as indexed.</summary>
/// <param name="Id">The project's id.</param>
/// <param name="Applicant">Who applied.</param>
/// <param name="Recipient">Who is paid.</param>
/// <param name="Status">Its review status.</param>
/// <param name="Raised">All contributions.</param>
/// <param name="Contributions">How many contributions.</param>
/// <param name="Contributors">How many different contributors.</param>
/// <param name="Votes">Σ votes (QV rounds).</param>
/// <param name="RawMatch">The raw match at finalisation; null before.</param>
/// <param name="Match">The match at finalisation; null before.</param>
/// <param name="Capped">Whether the cap held the match down.</param>
/// <param name="Paid">Paid out to the recipient so far.</param>
/// <param name="PayoutDeferred">Whether a pushed payout failed and waits for a claim.</param>
/// <param name="Metadata">The application's metadata as given (a bytes32 as 0x-hex, lower case: the hash of its text).</param>
public sealed record IndexedProject(
    long Id,
    EthAddress Applicant,
    EthAddress Recipient,
    RoundProjectStatus Status,
    BigInteger Raised,
    int Contributions,
    int Contributors,
    BigInteger Votes,
    BigInteger? RawMatch,
    BigInteger? Match,
    bool Capped,
    BigInteger Paid,
    bool PayoutDeferred,
    string Metadata);
