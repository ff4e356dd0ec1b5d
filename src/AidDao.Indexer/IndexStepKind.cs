namespace AidDao.Indexer;

/// <summary>What one indexer step did.</summary>
public enum IndexStepKind
{
    /// <summary>A batch of blocks was committed.</summary>
    Indexed,

    /// <summary>Nothing to do: the index is at the head (minus confirmations).</summary>
    CaughtUp,

    /// <summary>A reorganisation was found and the orphaned blocks' facts were undone.</summary>
    RolledBack,

    /// <summary>The node refused the range (too large or too slow); the next step asks for fewer blocks.</summary>
    RangeRefused,

    /// <summary>The node's answer was inconsistent (a block changed during the step); nothing was written.</summary>
    Retry,
}
