namespace AidDao.Dashboard.Views;

/// <summary>The index database as <c>/health</c> found it: whether it answered, and its kind (<c>sqlite</c> or <c>postgresql</c>).</summary>
public sealed record DatabaseHealthView(bool Reachable, string Kind);
