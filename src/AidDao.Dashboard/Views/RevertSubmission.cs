namespace AidDao.Dashboard.Views;

/// <summary>Revert data the page could not decode itself.</summary>
public sealed record RevertSubmission(string? Data);
