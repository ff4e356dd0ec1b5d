using System.Numerics;
using AidDao.Contracts.Tests.Support;
using AidDao.Core.Transactions;
using AidDao.TestUtils;
using Xunit;
using static AidDao.Contracts.Tests.Support.PoolBuilder;

namespace AidDao.Contracts.Tests.Pool;

/// <summary>
/// A payout estimated in one second and mined in the next needs a new window checkpoint slot (about 20,000 gas more than
/// the estimate saw). Signers send a margin over the estimate, so such a payout still goes through.
/// </summary>
public sealed class PoolGasMarginTests(ChainFixture fixture) : PoolTest(fixture)
{
    [Fact]
    public async Task PayingApproval_IsSentWithAGasLimitAboveTheEstimateByTheMargin()
    {
        var pool = await NewPool().FundedWith(Ether(10)).BuildAsync(Ct);

        var receipt = await pool.PayAsync(Ether(1), Address(6));

        var sent = await pool.Web3(0).Eth.Transactions.GetTransactionByHash.SendRequestAsync(receipt.TransactionHash);
        Assert.True(sent.Gas.Value >= GasMarginTransactionManager.WithMargin(receipt.GasUsed.Value),
            $"gas limit {sent.Gas.Value} leaves no margin over the {receipt.GasUsed.Value} used");
    }

    [Theory]
    [InlineData(21_000, 41_000)]
    [InlineData(80_000, 100_000)]
    [InlineData(200_000, 250_000)]
    public void WithMargin_AddsAQuarterOrTwentyThousandWhicheverIsMore(long estimate, long expected) =>
        Assert.Equal(new BigInteger(expected), GasMarginTransactionManager.WithMargin(estimate));
}
