namespace AidDao.Dashboard.Views;

/// <summary>A what-if estimate: how a contribution would change a project's match.</summary>
public sealed record EstimateView(long ProjectId, string Amount, bool Counts, bool IsMember, string CurrentMatch, string EstimatedMatch, string Change, string Text);
