using System.Numerics;

namespace AidDao.Core.Communities;

/// <summary>A community as the chain sees it now.</summary>
public sealed record CommunityInfo(
    EthAddress Address,
    string Name,
    EthAddress Token,
    IReadOnlyList<EthAddress> Stewards,
    int Threshold,
    int AdmissionApprovals,
    int VouchesRequired,
    int MemberCount,
    BigInteger ProposalCount);
