using System.Numerics;
using AidDao.Core.Rounds;

namespace AidDao.Contracts.Tests.RoundInvariant;

/// <summary>The round's fixed rules and who is who, as <see cref="RoundModel"/> needs them.</summary>
internal sealed record RoundModelSetup(
    RoundMode Mode,
    int CapBps,
    bool SpreadWholePool,
    BigInteger CreditsPerMember,
    BigInteger TokenRate,
    ulong VotingStart,
    ulong VotingEnd,
    ulong ReviewPeriod,
    ulong ClaimPeriod,
    int Threshold,
    int Projects,
    Func<int, bool> IsMember,
    Func<int, int> RecipientOf,
    Func<int, string> NameOf,
    int Applicant);
