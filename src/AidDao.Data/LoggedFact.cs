namespace AidDao.Data;

/// <summary>A fact row and the log it was derived from.</summary>
/// <param name="Log">Where the log sits.</param>
/// <param name="Row">The row.</param>
public sealed record LoggedFact(LogPosition Log, FactRow Row);
