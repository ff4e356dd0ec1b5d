using System.Numerics;

namespace AidDao.Core.Communities;

/// <summary>A governance proposal.</summary>
public sealed record ProposalInfo(
    BigInteger Id,
    ProposalAction Action,
    ProposalStatus Status,
    EthAddress Proposer,
    EthAddress Target,
    BigInteger Value,
    DateTimeOffset ExpiresAt,
    int Approvals);
