namespace AidDao.Core.ReadModel;

/// <summary>A community as indexed.</summary>
/// <param name="Address">The community.</param>
/// <param name="Name">Its name.</param>
/// <param name="Token">Its contribution token.</param>
/// <param name="Threshold">Steward approvals needed (M of N).</param>
/// <param name="AdmissionApprovals">Steward approvals that admit a member.</param>
/// <param name="VouchesRequired">Members' vouches that admit a member.</param>
/// <param name="Stewards">Current stewards, in the order they were added.</param>
/// <param name="Members">Current members, in the order they were admitted.</param>
/// <param name="Pools">Its emergency pools.</param>
/// <param name="Rounds">Its funding rounds.</param>
public sealed record IndexedCommunity(
    EthAddress Address,
    string Name,
    EthAddress? Token,
    int Threshold,
    int AdmissionApprovals,
    int VouchesRequired,
    IReadOnlyList<EthAddress> Stewards,
    IReadOnlyList<EthAddress> Members,
    IReadOnlyList<EthAddress> Pools,
    IReadOnlyList<EthAddress> Rounds);
