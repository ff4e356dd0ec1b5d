namespace AidDao.Core.Rounds;

/// <summary>What a round allows now: its status read together with the chain's time and the round's schedule.</summary>
public enum RoundPhase
{
    /// <summary>Applications have not opened yet.</summary>
    Upcoming,

    /// <summary>Projects apply; stewards may already review them.</summary>
    Applications,

    /// <summary>Applications are closed; stewards finish reviewing before voting opens.</summary>
    ApplicationReview,

    /// <summary>Contributions and votes are open; matching funds are still accepted.</summary>
    Voting,

    /// <summary>Voting is over; the review period runs before anyone may finalise.</summary>
    ReviewPeriod,

    /// <summary>Anyone may finalise the round now.</summary>
    ReadyToFinalize,

    /// <summary>Finalised: recipients claim their contributions and match until the claim deadline.</summary>
    Claims,

    /// <summary>Finalised, and the claim deadline has passed: what is unclaimed can be swept to the emergency pool.</summary>
    ClaimsClosed,

    /// <summary>Cancelled: contributions and matching funds are refunded.</summary>
    Cancelled,
}
