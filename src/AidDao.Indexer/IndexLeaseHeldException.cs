using AidDao.Core;

namespace AidDao.Indexer;

/// <summary>Another indexer holds the right to index this chain in this database.</summary>
public sealed class IndexLeaseHeldException : AidDaoException
{
    /// <summary>Creates the exception.</summary>
    public IndexLeaseHeldException(string message) : base(message)
    {
    }
}
