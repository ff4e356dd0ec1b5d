namespace AidDao.Contracts.Tests.PoolInvariant;

/// <summary>
/// The decisions on one request or change, as StewardBallots keeps them: each steward's latest decision with the term it
/// was made in; only decisions made in a steward's current term count.
/// </summary>
internal sealed class PoolBallot
{
    private readonly Dictionary<int, (int Term, bool Approve)> _decisions = [];

    /// <summary>What <paramref name="steward"/> already decided in <paramref name="term"/>: true approve, false reject, null nothing.</summary>
    public bool? DecisionIn(int steward, int term) =>
        _decisions.TryGetValue(steward, out var decision) && decision.Term == term ? decision.Approve : null;

    /// <summary>Records a decision; returns what undoes it (the contract reverts the whole transaction when paying fails).</summary>
    public Action Record(int steward, int term, bool approve)
    {
        var had = _decisions.TryGetValue(steward, out var previous);
        _decisions[steward] = (term, approve);
        return had ? () => _decisions[steward] = previous : () => _decisions.Remove(steward);
    }

    /// <summary>Approvals (or rejections) made by current stewards in their current term.</summary>
    public int Count(StewardRoster roster, bool approve) =>
        _decisions.Count(d => d.Value.Approve == approve && d.Value.Term == roster.TermOf(d.Key));
}
