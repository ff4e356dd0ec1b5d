namespace AidDao.Indexer;

/// <summary>The result of one indexer step.</summary>
/// <param name="Kind">What the step did.</param>
/// <param name="FromBlock">The first block of the step's range (for a rollback, the first undone block).</param>
/// <param name="Cursor">The last indexed block after the step.</param>
/// <param name="Head">The chain's head (minus confirmations) as last seen.</param>
/// <param name="Events">Logs written (or, for a rollback, fact rows removed).</param>
public sealed record IndexStep(IndexStepKind Kind, long FromBlock, long Cursor, long Head, int Events);
