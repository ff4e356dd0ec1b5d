namespace AidDao.Dashboard.Views;

/// <summary>A request's private details, for a signed-in steward.</summary>
public sealed record RequestDetailsView(string Details, string DetailsHash);
