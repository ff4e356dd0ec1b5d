using AidDao.Core;

namespace AidDao.Data;

/// <summary>
/// The index moved under this writer: another indexer of the same chain committed first (the cursor is not where this
/// writer found it). Nothing of this writer's batch was written.
/// </summary>
public sealed class IndexConflictException : AidDaoException
{
    /// <summary>Creates the exception.</summary>
    public IndexConflictException(string message) : base(message)
    {
    }
}
