namespace AidDao.Dashboard.Views;

/// <summary>A round's windows (Unix seconds); the claim deadline is known after finalisation.</summary>
public sealed record RoundScheduleView(long ApplicationsStart, long ApplicationsEnd, long VettingEnd, long VotingEnd, long FinalizeFrom, long? ClaimDeadline);
