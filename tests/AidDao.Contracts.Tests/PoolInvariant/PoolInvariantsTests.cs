using System.Numerics;
using Xunit;

namespace AidDao.Contracts.Tests.PoolInvariant;

/// <summary>
/// The history invariants flag what they must (no chain needed): a second payment of one request, a rolling window over
/// its cap, and a payment whose approvals no longer counted. The chain run can only show they stay quiet on a correct
/// pool; these show they would speak on a broken one.
/// </summary>
public sealed class PoolInvariantsTests
{
    private static readonly BigInteger Cap = 10;

    [Fact]
    public void PaidOnce_FlagsARequestPaidTwice()
    {
        Assert.Null(PoolInvariants.PaidOnce([Payout(1, 5, time: 10), Payout(2, 5, time: 20)]));
        Assert.Contains("request 1 was paid 2 times", PoolInvariants.PaidOnce([Payout(1, 5, time: 10), Payout(1, 5, time: 20)]), StringComparison.Ordinal);
    }

    [Fact]
    public void WithinWindowCaps_FlagsAWindowOverTheCap_ButNotOnceTheOldestPaymentLeftIt()
    {
        // Window (end - 100, end]: a payment at 0 has left the window that ends at 100, not the one that ends at 99.
        Assert.Null(PoolInvariants.WithinWindowCaps([Payout(1, 6, time: 0), Payout(2, 4, time: 50)], 100, _ => Cap));
        Assert.Null(PoolInvariants.WithinWindowCaps([Payout(1, 6, time: 0), Payout(2, 4, time: 50), Payout(3, 1, time: 100)], 100, _ => Cap));
        Assert.Contains("window ending at 99", PoolInvariants.WithinWindowCaps([Payout(1, 6, time: 0), Payout(2, 4, time: 50), Payout(3, 1, time: 99)], 100, _ => Cap),
            StringComparison.Ordinal);
        // Other assets have their own caps.
        Assert.Null(PoolInvariants.WithinWindowCaps([Payout(1, 6, time: 0), Payout(2, 6, time: 1, PoolAsset.Token)], 100, _ => Cap));
    }

    [Fact]
    public void EnoughApprovals_CountsOnlyApprovalsMadeInTheStewardsCurrentTerm()
    {
        var roster = new StewardRoster([0, 1, 2], threshold: 2);
        PoolApprovalEvent[] approvals = [new(1, 0, Block: 5), new(1, 1, Block: 6), new(1, 1, Block: 6)];
        string? Check(long paidInBlock) => PoolInvariants.EnoughApprovals([Payout(1, 5, time: 0) with { Block = paidInBlock }], approvals, roster.TermAt, _ => 2);

        Assert.Null(Check(6));
        roster.Remove(1, block: 7);
        Assert.Null(Check(6));
        Assert.Contains("1 counted approvals; it needed 2", Check(8), StringComparison.Ordinal);
        roster.Add(1, block: 9);
        Assert.Contains("1 counted approvals", Check(10), StringComparison.Ordinal);
        // An approval made before the payment's block only: one made later never counts for it.
        Assert.Contains("1 counted approvals", PoolInvariants.EnoughApprovals([Payout(2, 5, time: 0) with { Block = 5 }],
            [new(2, 0, Block: 5), new(2, 2, Block: 6)], roster.TermAt, _ => 2), StringComparison.Ordinal);
    }

    private static PoolPayout Payout(long requestId, int amount, ulong time, PoolAsset asset = PoolAsset.Eth) =>
        new(requestId, asset, amount, Delivered: true, time);
}
