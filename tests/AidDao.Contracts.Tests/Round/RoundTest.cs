using AidDao.Contracts.Tests.Support;
using AidDao.TestUtils;

namespace AidDao.Contracts.Tests.Round;

/// <summary>
/// Base for FundingRound contract tests: a fresh chain state per test and a <see cref="RoundBuilder"/>. Accounts: stewards
/// 0, 1, 2 (M = 2), members 3, 4, 5, outsiders 6 to 9 (6 to 9 apply for projects; 9 funds matching).
/// </summary>
public abstract class RoundTest(ChainFixture fixture) : CommunityTest(fixture)
{
    /// <summary>IFundingRound.ProjectStatus values.</summary>
    protected const byte ProjectPending = 1;
    protected const byte ProjectApproved = 2;
    protected const byte ProjectRejected = 3;

    /// <summary>IFundingRound.RoundStatus values.</summary>
    protected const byte Active = 0;
    protected const byte Finalized = 1;
    protected const byte Cancelled = 2;

    /// <summary>A builder for a community, its pool and a round on a freshly deployed AidDao.</summary>
    internal RoundBuilder NewRound() => new(Devnet);
}
