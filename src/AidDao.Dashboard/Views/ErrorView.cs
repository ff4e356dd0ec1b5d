namespace AidDao.Dashboard.Views;

/// <summary>A refusal in plain words.</summary>
public sealed record ErrorView(string Error);
