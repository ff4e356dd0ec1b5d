namespace AidDao.Core.Rounds;

/// <summary>
/// A round's windows, in chain time (whole seconds, UTC): applications are open in [<see cref="ApplicationsStart"/>,
/// <see cref="ApplicationsEnd"/>); stewards review applications until <see cref="VotingStart"/>; contributions and votes
/// are open in [<see cref="VotingStart"/>, <see cref="VotingEnd"/>); anyone may finalise from
/// <see cref="FinalizeFrom"/>; recipients then claim for <see cref="ClaimPeriod"/>.
/// </summary>
/// <param name="ApplicationsStart">When applications open.</param>
/// <param name="ApplicationsEnd">When applications close.</param>
/// <param name="VotingStart">When contributions and votes open (and reviews close).</param>
/// <param name="VotingEnd">When contributions, votes and matching funds close.</param>
/// <param name="ReviewPeriod">How long after voting ends before anyone may finalise.</param>
/// <param name="ClaimPeriod">How long after finalisation recipients may claim.</param>
public sealed record RoundSchedule(
    DateTimeOffset ApplicationsStart,
    DateTimeOffset ApplicationsEnd,
    DateTimeOffset VotingStart,
    DateTimeOffset VotingEnd,
    TimeSpan ReviewPeriod,
    TimeSpan ClaimPeriod)
{
    /// <summary>The longest review or claim period the contract accepts.</summary>
    public static readonly TimeSpan MaxPeriod = TimeSpan.FromDays(366);

    /// <summary>The longest applications or voting window <see cref="FromNow"/> accepts (ten years).</summary>
    public static readonly TimeSpan MaxPhase = TimeSpan.FromDays(3_660);

    /// <summary>When anyone may finalise: the end of voting plus the review period.</summary>
    public DateTimeOffset FinalizeFrom => VotingEnd + ReviewPeriod;

    /// <summary>
    /// A schedule that starts at <paramref name="now"/> (the chain's time): applications for <paramref name="applications"/>,
    /// then <paramref name="applicationReview"/> for stewards to finish reviewing, voting for <paramref name="voting"/>,
    /// the review period and the claim period. Times are rounded down to whole seconds.
    /// </summary>
    public static RoundSchedule FromNow(DateTimeOffset now, TimeSpan applications, TimeSpan applicationReview, TimeSpan voting, TimeSpan reviewPeriod, TimeSpan claimPeriod)
    {
        foreach (var period in (TimeSpan[])[applications, applicationReview, voting, reviewPeriod, claimPeriod])
        {
            if (period < TimeSpan.Zero || period > MaxPhase)
                throw new AidDaoInputException($"Each period of a round must be between 0 and {MaxPhase.TotalDays:0} days; {period.TotalDays:0.##} days is not.");
        }
        var start = DateTimeOffset.FromUnixTimeSeconds(now.ToUnixTimeSeconds());
        var applicationsEnd = start + WholeSeconds(applications);
        var votingStart = applicationsEnd + WholeSeconds(applicationReview);
        return new RoundSchedule(start, applicationsEnd, votingStart, votingStart + WholeSeconds(voting), WholeSeconds(reviewPeriod), WholeSeconds(claimPeriod));
    }

    /// <summary>Checks what the contract would refuse; throws <see cref="AidDaoInputException"/>.</summary>
    public void Validate()
    {
        if (ApplicationsEnd <= ApplicationsStart) throw new AidDaoInputException("Applications must stay open for at least one second.");
        if (VotingStart < ApplicationsEnd) throw new AidDaoInputException("Voting cannot open before applications close.");
        if (VotingEnd <= VotingStart) throw new AidDaoInputException("Voting must stay open for at least one second.");
        if (ApplicationsStart.ToUnixTimeSeconds() < 0) throw new AidDaoInputException("A round cannot start before 1970.");
        if (VotingEnd.ToUnixTimeSeconds() >= 1L << 40) throw new AidDaoInputException("Voting must end before the year 36812.");
        if (ReviewPeriod < TimeSpan.Zero || ReviewPeriod > MaxPeriod) throw new AidDaoInputException("The review period must be between 0 and 366 days.");
        if (ClaimPeriod < TimeSpan.FromSeconds(1) || ClaimPeriod > MaxPeriod) throw new AidDaoInputException("The claim period must be between 1 second and 366 days.");
    }

    private static TimeSpan WholeSeconds(TimeSpan span) => TimeSpan.FromSeconds(Math.Floor(span.TotalSeconds));
}
