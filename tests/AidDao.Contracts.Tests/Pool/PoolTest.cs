using AidDao.Contracts.Tests.Support;
using AidDao.TestUtils;

namespace AidDao.Contracts.Tests.Pool;

/// <summary>
/// Base for EmergencyPool contract tests: a fresh chain state per test and a <see cref="PoolBuilder"/>. Accounts: stewards
/// 0, 1, 2 (M = 2), members 3, 4, 5, outsiders 6 to 9.
/// </summary>
public abstract class PoolTest(ChainFixture fixture) : CommunityTest(fixture)
{
    /// <summary>IEmergencyPool.RequestStatus values, as getRequest and PoolRequestNotPending carry them.</summary>
    protected const byte Pending = 1;
    protected const byte Paid = 2;
    protected const byte Rejected = 3;
    protected const byte Cancelled = 4;

    /// <summary>A builder for a community and its pool on a freshly deployed AidDao.</summary>
    internal PoolBuilder NewPool() => new(Devnet);

    /// <summary><paramref name="count"/> random addresses, as asset ids nobody deployed.</summary>
    protected static string[] RandomAssets(int count) => [.. Enumerable.Range(0, count).Select(_ => RandomAddress().Value)];
}
