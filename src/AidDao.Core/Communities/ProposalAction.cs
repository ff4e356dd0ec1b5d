namespace AidDao.Core.Communities;

/// <summary>What a steward proposal changes when it passes (same order as <c>ICommunity.ProposalAction</c>).</summary>
public enum ProposalAction
{
    /// <summary>Make the target a steward (and a member if they are not one).</summary>
    AddSteward = 0,
    /// <summary>Take the steward role from the target (they stay a member).</summary>
    RemoveSteward = 1,
    /// <summary>Set the approval threshold M to the value.</summary>
    SetThreshold = 2,
    /// <summary>Set how many steward approvals admit a member.</summary>
    SetAdmissionApprovals = 3,
    /// <summary>Set how many member vouches admit a member (0 turns vouching off).</summary>
    SetVouchesRequired = 4,
    /// <summary>Remove the target from the members.</summary>
    RemoveMember = 5,
    /// <summary>Allow the target contract to mint contribution tokens.</summary>
    SetMinter = 6,
    /// <summary>Revoke the target's minting.</summary>
    UnsetMinter = 7,
}
