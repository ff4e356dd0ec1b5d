namespace AidDao.Core.Rounds;

/// <summary>A round's results: its state and every approved project (in approval order) with its contributions and match.</summary>
/// <param name="Round">The round.</param>
/// <param name="Projects">The approved projects (marked cancelled when the round was).</param>
public sealed record RoundResults(RoundInfo Round, IReadOnlyList<RoundProject> Projects)
{
    /// <summary>Whether the matches are final (the round is finalised) rather than projected.</summary>
    public bool Final => Round.Status == RoundStatus.Finalized;
}
