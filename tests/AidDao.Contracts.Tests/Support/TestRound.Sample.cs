using System.Numerics;

namespace AidDao.Contracts.Tests.Support;

/// <summary>
/// The sample contributions the outcome tests share, for a round built <c>WithProjects(3)</c> (projects 1, 2, 3), in whole
/// units U of the asset (1 ETH or 1 coin; both are perfect squares, so every root is exact):
/// <list type="bullet">
/// <item>project 1: members 3 and 4 give 1 U each: roots 2√U, (2√U)² − 2U = raw 2U;</item>
/// <item>project 2: member 5 gives 4 U: roots 2√U, 4U − 4U = raw 0;</item>
/// <item>project 3: members 3, 4 and 5 give U/4 each (roots 3 × √U/2, 2.25U − 0.75U = raw 1.5U) and outsider 6 gives
/// 1 U, which reaches the project unmatched.</item>
/// </list>
/// Σ raw = 3.5U; raised 2U, 4U, 1.75U (7.75U in all).
/// </summary>
internal sealed partial class TestRound
{
    /// <summary>One whole unit of the round's asset (1 ETH or 1 coin of the 6-decimal stablecoin).</summary>
    public BigInteger Unit => IsEth ? PoolBuilder.Ether(1) : PoolBuilder.Coins(1);

    /// <summary>The sample's raw matches of projects 1, 2, 3.</summary>
    public BigInteger[] SampleRaw => [2 * Unit, 0, 3 * Unit / 2];

    /// <summary>The sample's raised amounts of projects 1, 2, 3.</summary>
    public BigInteger[] SampleRaised => [2 * Unit, 4 * Unit, 7 * Unit / 4];

    /// <summary>Makes the sample contributions (four transactions; the chain must be in the voting window).</summary>
    public async Task ContributeSampleAsync()
    {
        var quarter = Unit / 4;
        await ContributeBatchAsync(3, [1, 3], [Unit, quarter]);
        await ContributeBatchAsync(4, [1, 3], [Unit, quarter]);
        await ContributeBatchAsync(5, [2, 3], [4 * Unit, quarter]);
        await ContributeAsync(6, 3, Unit);
    }
}
