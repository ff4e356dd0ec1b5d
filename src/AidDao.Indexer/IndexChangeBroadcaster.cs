using System.Threading.Channels;
using AidDao.Core.Indexing;

namespace AidDao.Indexer;

/// <summary>
/// In-process fan-out of committed index changes: every subscriber gets every change published after it subscribed, in
/// order. A subscriber that falls more than <see cref="Capacity"/> changes behind loses the oldest ones (it can catch up
/// from the read model by cursor); publishing never waits for a subscriber.
/// </summary>
public sealed class IndexChangeBroadcaster : IIndexChangeSink
{
    private readonly Lock _lock = new();
    private readonly List<Channel<IndexChange>> _subscribers = [];

    /// <summary>Changes kept per subscriber before the oldest are dropped.</summary>
    public int Capacity { get; init; } = 1_024;

    /// <summary>Changes published so far.</summary>
    public long Published { get; private set; }

    /// <inheritdoc />
    public ValueTask PublishAsync(IndexChange change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        lock (_lock)
        {
            Published++;
            foreach (var subscriber in _subscribers) subscriber.Writer.TryWrite(change);
        }
        return ValueTask.CompletedTask;
    }

    /// <summary>The changes published from now on, until <paramref name="cancellationToken"/> is cancelled.</summary>
    public async IAsyncEnumerable<IndexChange> SubscribeAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var channel = Channel.CreateBounded<IndexChange>(new BoundedChannelOptions(Capacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
        lock (_lock) _subscribers.Add(channel);
        try
        {
            while (await channel.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
                while (channel.Reader.TryRead(out var change))
                    yield return change;
        }
        finally
        {
            lock (_lock) _subscribers.Remove(channel);
        }
    }
}
