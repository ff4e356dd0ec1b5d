using System.Collections.Concurrent;
using System.Diagnostics;
using AidDao.Core.Indexing;
using AidDao.Dashboard.Views;

namespace AidDao.Cli.Bench;

/// <summary>
/// Sits between the indexer and the dashboard's broadcaster: while a phase records, it notes
/// <see cref="Stopwatch.GetTimestamp"/> for each committed step (the indexer publishes just after its commit), keyed by
/// the step's last block, which is the cursor block of the update made from it. It also notes when the publisher
/// sends that update, to tell the server's share of the latency from the delivery's.
/// </summary>
internal sealed class DashboardCommitStamps(IIndexChangeSink inner) : IIndexChangeSink
{
    private readonly ConcurrentDictionary<long, long> _commits = new();
    private readonly ConcurrentDictionary<long, long> _sends = new();
    private volatile int _limit;

    /// <summary>Commit time by cursor block, for the phase recorded last.</summary>
    public IReadOnlyDictionary<long, long> Commits => _commits;

    /// <summary>Send time by cursor block, for the phase recorded last.</summary>
    public IReadOnlyDictionary<long, long> Sends => _sends;

    /// <summary>Forgets the last phase and stamps the next <paramref name="commits"/> commits.</summary>
    public void Start(int commits)
    {
        _limit = 0;
        _commits.Clear();
        _sends.Clear();
        _limit = commits;
    }

    /// <summary>Whether the phase has all its commits.</summary>
    public bool Full => _commits.Count >= _limit;

    /// <inheritdoc />
    public ValueTask PublishAsync(IndexChange change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (!change.RolledBack && _commits.Count < _limit) _commits.TryAdd(change.ToBlock, Stopwatch.GetTimestamp());
        return inner.PublishAsync(change, cancellationToken);
    }

    /// <summary>Called by the publisher with each update just before it goes out.</summary>
    public void Sending(DashboardUpdate update)
    {
        ArgumentNullException.ThrowIfNull(update);
        if (_commits.ContainsKey(update.Cursor.Block)) _sends.TryAdd(update.Cursor.Block, Stopwatch.GetTimestamp());
    }
}
