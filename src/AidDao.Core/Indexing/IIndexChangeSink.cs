namespace AidDao.Core.Indexing;

/// <summary>
/// Where an indexer reports what it changed after each committed batch (the dashboard forwards these to browsers).
/// Implementations must be quick and must not throw: the batch is already committed.
/// </summary>
public interface IIndexChangeSink
{
    /// <summary>Reports one committed change.</summary>
    ValueTask PublishAsync(IndexChange change, CancellationToken cancellationToken);
}
