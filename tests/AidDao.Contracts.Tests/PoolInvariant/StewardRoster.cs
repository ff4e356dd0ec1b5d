namespace AidDao.Contracts.Tests.PoolInvariant;

/// <summary>
/// The community's stewards as the model knows them: each steward's current term (a fresh number each time someone
/// becomes a steward, 0 when not one, as ICommunity.stewardTerm), and the history of terms by block, so that a past
/// approval can be judged against the steward set of any later block.
/// </summary>
internal sealed class StewardRoster
{
    private readonly Dictionary<int, int> _term = [];
    private readonly List<(long Block, int Steward, int Term)> _history = [];
    private int _lastTerm;

    public StewardRoster(IEnumerable<int> founders, int threshold)
    {
        foreach (var steward in founders) Add(steward, block: 0);
        Threshold = threshold;
    }

    /// <summary>M: approvals a request or change needs outside the emergency fast path.</summary>
    public int Threshold { get; }

    public IReadOnlyCollection<int> Stewards => _term.Keys;

    public bool IsSteward(int account) => _term.ContainsKey(account);

    /// <summary>The current term of <paramref name="account"/>; 0 when not a steward.</summary>
    public int TermOf(int account) => _term.GetValueOrDefault(account);

    /// <summary>The term <paramref name="account"/> was in at block <paramref name="block"/> (after that block's transaction).</summary>
    public int TermAt(int account, long block)
    {
        var term = 0;
        foreach (var entry in _history)
        {
            if (entry.Block > block) break;
            if (entry.Steward == account) term = entry.Term;
        }
        return term;
    }

    /// <summary><paramref name="steward"/> became a steward in block <paramref name="block"/>.</summary>
    public void Add(int steward, long block)
    {
        _term[steward] = ++_lastTerm;
        _history.Add((block, steward, _lastTerm));
    }

    /// <summary><paramref name="steward"/> stopped being a steward in block <paramref name="block"/>.</summary>
    public void Remove(int steward, long block)
    {
        _term.Remove(steward);
        _history.Add((block, steward, 0));
    }
}
