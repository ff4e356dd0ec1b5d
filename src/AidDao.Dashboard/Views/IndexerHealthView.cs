namespace AidDao.Dashboard.Views;

/// <summary>
/// The index of the chain as <c>/health</c> found it: its last indexed block (<see cref="Cursor"/>), how far that is
/// behind the head (<see cref="Lag"/> = head − cursor, in blocks), the lag above which it counts as degraded
/// (<see cref="LagLimit"/>: confirmations + the allowed lag), who holds the indexer's lease and until when (Unix seconds),
/// and whether that holder is this instance.
/// </summary>
public sealed record IndexerHealthView(long? Cursor, long? Lag, long LagLimit, string? LeaseHolder, long? LeaseExpiresAt, bool RunsHere);
