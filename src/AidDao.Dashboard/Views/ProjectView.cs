namespace AidDao.Dashboard.Views;

/// <summary>One project on a round's leaderboard (amounts in the round asset's smallest unit).</summary>
public sealed record ProjectView(
    long Id,
    string Name,
    string Applicant,
    string Recipient,
    string Status,
    string Raised,
    int Contributions,
    int Contributors,
    string Votes,
    string Match,
    bool MatchFinal,
    bool Capped,
    string Total,
    string Paid,
    bool PayoutDeferred,
    string Claim);
