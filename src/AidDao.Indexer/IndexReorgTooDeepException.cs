using AidDao.Core;

namespace AidDao.Indexer;

/// <summary>
/// The chain was reorganised deeper than the index can repair in place (or replaced by another chain): the index was
/// left as it was, and must be rebuilt into a fresh database.
/// </summary>
public sealed class IndexReorgTooDeepException : AidDaoException
{
    /// <summary>Creates the exception.</summary>
    public IndexReorgTooDeepException(string message) : base(message)
    {
    }
}
