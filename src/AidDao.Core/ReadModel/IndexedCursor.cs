namespace AidDao.Core.ReadModel;

/// <summary>Where an index stands.</summary>
/// <param name="BlockNumber">The last indexed block.</param>
/// <param name="BlockHash">Its hash.</param>
/// <param name="Events">The logs indexed so far.</param>
public sealed record IndexedCursor(long BlockNumber, string BlockHash, long Events);
