namespace AidDao.Dashboard.Views;

/// <summary>A decoded revert: the custom error's name (null when unknown) and what it means in plain words.</summary>
public sealed record RevertView(string? Error, string Message);
