using System.Numerics;

namespace AidDao.Contracts.Tests.PoolInvariant;

/// <summary>
/// The invariants over the pool's payment history that need no chain: each returns the first violation it finds, in
/// words, or null. They are fed from the chain's AidPaid and RequestApproved logs and the model's knowledge of
/// steward terms and emergencies.
/// </summary>
internal static class PoolInvariants
{
    /// <summary>No request is paid twice.</summary>
    public static string? PaidOnce(IReadOnlyList<PoolPayout> payouts) =>
        payouts.GroupBy(p => p.RequestId).FirstOrDefault(g => g.Count() > 1) is { } twice
            ? $"request {twice.Key} was paid {twice.Count()} times"
            : null;

    /// <summary>
    /// In every rolling window (end - <paramref name="window"/>, end], what left in an asset is at most its cap. The
    /// largest sums are in windows that end at a payment, so those are the windows checked.
    /// </summary>
    public static string? WithinWindowCaps(IReadOnlyList<PoolPayout> payouts, ulong window, Func<PoolAsset, BigInteger> capOf)
    {
        foreach (var end in payouts)
        {
            var inWindow = payouts.Where(p => p.Asset == end.Asset && p.Time <= end.Time && p.Time + window > end.Time)
                .Aggregate(BigInteger.Zero, (sum, p) => sum + p.Amount);
            if (inWindow > capOf(end.Asset))
                return $"{inWindow} {end.Asset} left in the window ending at {end.Time} (request {end.RequestId}), over the cap {capOf(end.Asset)}";
        }
        return null;
    }

    /// <summary>
    /// Every payment had enough distinct approvals that counted at that moment: a steward's latest approval of the
    /// request, made in the term the steward was still in when the payment's block was mined.
    /// </summary>
    /// <param name="payouts">The payments, with their blocks.</param>
    /// <param name="approvals">Every RequestApproved, with its block.</param>
    /// <param name="termAt">A party's steward term after a block (0 = not a steward).</param>
    /// <param name="required">Approvals the payment needed (M, or the emergency threshold on the fast path).</param>
    public static string? EnoughApprovals(IReadOnlyList<PoolPayout> payouts, IReadOnlyList<PoolApprovalEvent> approvals,
        Func<int, long, int> termAt, Func<PoolPayout, int> required)
    {
        foreach (var payout in payouts)
        {
            var counted = approvals.Where(a => a.RequestId == payout.RequestId && a.Block <= payout.Block)
                .GroupBy(a => a.Steward, (steward, mine) => (Steward: steward, Block: mine.Max(a => a.Block)))
                .Count(a => termAt(a.Steward, a.Block) is var term && term != 0 && term == termAt(a.Steward, payout.Block));
            if (counted < required(payout))
                return $"request {payout.RequestId} was paid in block {payout.Block} with {counted} counted approvals; it needed {required(payout)}";
        }
        return null;
    }
}
