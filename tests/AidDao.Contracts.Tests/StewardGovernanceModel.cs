namespace AidDao.Contracts.Tests;

/// <summary>
/// A plain C# model of Community's steward governance (terms, M-of-N approvals counted against the current steward set,
/// re-validation at execution). The invariant test drives the contract and this model with the same random actions and
/// demands they agree after every step.
/// </summary>
internal sealed class StewardGovernanceModel
{
    private readonly Dictionary<int, int> _term = [];
    private int _lastTerm;

    public StewardGovernanceModel(IEnumerable<int> stewards, int threshold)
    {
        foreach (var steward in stewards) _term[steward] = ++_lastTerm;
        Threshold = threshold;
    }

    public int Threshold { get; private set; }

    public List<ModelProposal> Proposals { get; } = [];

    public IReadOnlyCollection<int> Stewards => _term.Keys;

    public bool IsSteward(int account) => _term.ContainsKey(account);

    public int ApprovalCount(ModelProposal proposal) =>
        proposal.Approvals.Count(a => _term.TryGetValue(a.Key, out var term) && term == a.Value);

    /// <summary>Applies a proposal by <paramref name="by"/>; returns the custom error the contract must revert with, or null.</summary>
    public string? Propose(int by, ModelAction action, int target, int value)
    {
        if (!IsSteward(by)) return "CommunityNotSteward";
        if (Validate(action, target, value) is { } error) return error;
        var proposal = new ModelProposal(Proposals.Count + 1, action, target, value);
        Proposals.Add(proposal);
        proposal.Approvals[by] = _term[by];
        if (ApprovalCount(proposal) >= Threshold) Execute(proposal);
        return null;
    }

    public string? Approve(int by, int proposalId)
    {
        if (!IsSteward(by)) return "CommunityNotSteward";
        if (Pending(proposalId) is { } error) return error;
        var proposal = Proposals[proposalId - 1];
        if (proposal.Approvals.TryGetValue(by, out var term) && term == _term[by]) return "CommunityProposalAlreadyApproved";
        var before = proposal.Approvals.TryGetValue(by, out var old) ? old : (int?)null;
        proposal.Approvals[by] = _term[by];
        if (ApprovalCount(proposal) >= Threshold && Validate(proposal.Action, proposal.Target, proposal.Value) is { } invalid)
        {
            // The whole transaction reverts, the approval included.
            if (before is { } previous) proposal.Approvals[by] = previous;
            else proposal.Approvals.Remove(by);
            return invalid;
        }
        if (ApprovalCount(proposal) >= Threshold) Execute(proposal);
        return null;
    }

    public string? ExecuteProposal(int proposalId)
    {
        if (Pending(proposalId) is { } error) return error;
        var proposal = Proposals[proposalId - 1];
        if (ApprovalCount(proposal) < Threshold) return "CommunityThresholdNotReached";
        if (Validate(proposal.Action, proposal.Target, proposal.Value) is { } invalid) return invalid;
        Execute(proposal);
        return null;
    }

    private string? Pending(int proposalId)
    {
        if (proposalId < 1 || proposalId > Proposals.Count) return "CommunityUnknownProposal";
        return Proposals[proposalId - 1].Executed ? "CommunityProposalNotPending" : null;
    }

    private string? Validate(ModelAction action, int target, int value)
    {
        var count = _term.Count;
        return action switch
        {
            ModelAction.SetThreshold when value == 0 || value > count => "CommunityInvalidThreshold",
            ModelAction.AddSteward when IsSteward(target) => "CommunityAlreadySteward",
            ModelAction.RemoveSteward when !IsSteward(target) => "CommunityNotSteward",
            ModelAction.RemoveSteward when Threshold > count - 1 => "CommunityInvalidThreshold",
            ModelAction.RemoveSteward when count - 1 < 1 => "CommunityInvalidAdmissionApprovals",
            _ => null,
        };
    }

    private void Execute(ModelProposal proposal)
    {
        proposal.Executed = true;
        switch (proposal.Action)
        {
            case ModelAction.AddSteward:
                _term[proposal.Target] = ++_lastTerm;
                break;
            case ModelAction.RemoveSteward:
                _term.Remove(proposal.Target);
                break;
            case ModelAction.SetThreshold:
                Threshold = proposal.Value;
                break;
        }
    }
}
