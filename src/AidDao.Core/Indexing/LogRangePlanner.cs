namespace AidDao.Core.Indexing;

/// <summary>
/// Chooses the block ranges an indexer asks <c>eth_getLogs</c> for: it grows the span while requests succeed and
/// shrinks it when the node refuses a range or times out, taking the node's own suggestion when the refusal names one
/// (see <see cref="RangeHint"/>). Not thread-safe: one planner per follower.
/// </summary>
public sealed class LogRangePlanner
{
    private readonly int _successesBeforeGrowth;
    private long _maxSpan;
    private int _successes;

    /// <summary>Creates a planner starting at <paramref name="initialSpan"/> blocks, never above <paramref name="maxSpan"/>.</summary>
    /// <param name="initialSpan">Blocks per request to start with (at least 1).</param>
    /// <param name="maxSpan">The most blocks per request ever asked for.</param>
    /// <param name="successesBeforeGrowth">Consecutive successes before the span doubles (at least 1).</param>
    public LogRangePlanner(long initialSpan = 500, long maxSpan = 2_000, int successesBeforeGrowth = 3)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(initialSpan, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxSpan, initialSpan);
        ArgumentOutOfRangeException.ThrowIfLessThan(successesBeforeGrowth, 1);
        Span = initialSpan;
        _maxSpan = maxSpan;
        _successesBeforeGrowth = successesBeforeGrowth;
    }

    /// <summary>Blocks asked for in the next request.</summary>
    public long Span { get; private set; }

    /// <summary>The most blocks per request this planner will ask for (lowered when a node states its limit).</summary>
    public long MaxSpan => _maxSpan;

    /// <summary>The next range from <paramref name="from"/>, never past <paramref name="head"/>; null when nothing is left.</summary>
    public (long From, long To)? Next(long from, long head)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(from);
        if (from > head) return null;
        return (from, Math.Min(head, from + Span - 1));
    }

    /// <summary>Records a successful request: after enough in a row, the span doubles (up to <see cref="MaxSpan"/>).</summary>
    public void Succeeded()
    {
        if (++_successes < _successesBeforeGrowth) return;
        _successes = 0;
        Span = Math.Min(_maxSpan, Span * 2);
    }

    /// <summary>
    /// Records a request that timed out: the span halves (at least 1 block), but the maximum stays, because a slow answer
    /// may be the node's moment rather than its limit.
    /// </summary>
    public void TimedOut(long from, long to)
    {
        _successes = 0;
        Span = Math.Max(1, (to - from + 1) / 2);
    }

    /// <summary>
    /// Records a refused or timed-out request for <paramref name="from"/>..<paramref name="to"/>. A node's hint sets the
    /// span (and, when it states a limit, the maximum); without one the span halves and the maximum drops below the refused span. Throws when a single block is refused,
    /// because no smaller request exists.
    /// </summary>
    /// <param name="from">First block of the refused range.</param>
    /// <param name="to">Last block of the refused range.</param>
    /// <param name="refusal">The node's error message, if any.</param>
    public void Refused(long from, long to, string? refusal)
    {
        _successes = 0;
        var requested = to - from + 1;
        var hint = RangeHint.Parse(refusal);
        if (hint is { From: { } hintFrom, To: { } hintTo } && hintFrom == from && hintTo < to)
        {
            Span = hintTo - hintFrom + 1;
            return;
        }
        if (hint is { From: null, MaxSpan: { } limit } && limit < requested)
        {
            _maxSpan = Math.Max(1, limit);
            Span = _maxSpan;
            return;
        }
        if (requested <= 1)
            throw new ChainRefusedException($"The node refused the logs of block {from} even on their own ({refusal ?? "no reason given"}); check the node or its limits.");
        // Without a hint, never grow back to a span that was refused.
        _maxSpan = Math.Min(_maxSpan, requested - 1);
        Span = Math.Max(1, requested / 2);
    }
}
