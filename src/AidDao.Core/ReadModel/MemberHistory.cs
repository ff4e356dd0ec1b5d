using System.Numerics;

namespace AidDao.Core.ReadModel;

/// <summary>What an account did in a community.</summary>
/// <param name="Account">The account.</param>
/// <param name="Community">The community.</param>
/// <param name="IsMember">Whether it is a member now.</param>
/// <param name="IsSteward">Whether it is a steward now.</param>
/// <param name="Tokens">Contribution tokens it received.</param>
/// <param name="Activities">Its activities, oldest first.</param>
public sealed record MemberHistory(
    EthAddress Account,
    EthAddress Community,
    bool IsMember,
    bool IsSteward,
    BigInteger Tokens,
    IReadOnlyList<MemberActivity> Activities);
