namespace AidDao.Core.Rounds.Analysis;

/// <summary>
/// The pairwise subsidy of the pairs of a bounded project that have a member outside its head (see
/// <see cref="PairwiseMatching"/>), estimated in O(tail × buckets) instead of O(n²), and never below the exact value.
/// <list type="bullet">
/// <item>Each such pair is discounted as if it co-funded only this project, k_ij = √(c_i c_j): the true k_ij is at least
/// that, so the discount is never more than the exact formula's.</item>
/// <item>Contributors are grouped in buckets of roots within a factor 2^(1/4). For a tail member with root s, the pairs with
/// a bucket of n roots summing to S count as n pairs with the bucket's mean root: s × S × M / (M + s × S / n). The term
/// t ↦ t M / (M + s t) is concave, so (Jensen) this is at least the exact sum over the bucket, and at most s × S, the
/// undiscounted sum.</item>
/// </list>
/// So an approximated project's subsidy lies between its exact pairwise subsidy and its linear one.
/// </summary>
internal static class PairwiseTailEstimate
{
    private const double BucketsPerDoubling = 4;

    /// <summary>Σ over pairs (tail, head) and (tail, tail) of the pair's estimated subsidy.</summary>
    public static double Subsidy(double[] headRoots, double[] tailRoots, double m)
    {
        var head = Buckets(headRoots);
        var tail = Buckets(tailRoots);
        var sum = 0.0;
        foreach (var s in tailRoots)
        {
            if (s <= 0) continue;
            var own = BucketOf(s);
            double withHead = 0, withTail = 0;
            foreach (var (_, count, total) in head) withHead += Term(s, count, total, m);
            foreach (var (key, count, total) in tail)
                withTail += key == own ? Term(s, count - 1, total - s, m) : Term(s, count, total, m);
            // Every tail-tail pair is met from both of its members.
            sum += s * (withHead + withTail / 2);
        }
        return sum;
    }

    /// <summary>Σ over a bucket of n roots summing to S of t × M / (M + s t), taken at the mean root: S × M / (M + s S / n).</summary>
    private static double Term(double s, int count, double total, double m) =>
        count <= 0 || total <= 0 ? 0 : total * m / (m + s * total / count);

    private static int BucketOf(double root) => (int)Math.Floor(BucketsPerDoubling * Math.Log2(root));

    private static List<(int Key, int Count, double Total)> Buckets(double[] roots)
    {
        var buckets = new Dictionary<int, (int Count, double Total)>();
        foreach (var root in roots)
        {
            if (root <= 0) continue;
            var (count, total) = buckets.GetValueOrDefault(BucketOf(root));
            buckets[BucketOf(root)] = (count + 1, total + root);
        }
        return [.. buckets.Select(b => (b.Key, b.Value.Count, b.Value.Total))];
    }
}
