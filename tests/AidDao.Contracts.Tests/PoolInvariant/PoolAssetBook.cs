using System.Numerics;

namespace AidDao.Contracts.Tests.PoolInvariant;

/// <summary>The model's money of one asset: what arrived, what left, what is kept for recipients, and every disbursement by time.</summary>
internal sealed class PoolAssetBook(PoolLimits limits)
{
    private readonly List<(ulong Time, BigInteger Amount)> _disbursed = [];

    public PoolLimits Limits { get; } = limits;

    /// <summary>The sum of what actually arrived in deposits.</summary>
    public BigInteger Deposited { get; set; }

    public BigInteger PaidOut { get; set; }

    public BigInteger Owed { get; set; }

    public BigInteger Available => Deposited - PaidOut - Owed;

    public void Disburse(ulong time, BigInteger amount) => _disbursed.Add((time, amount));

    /// <summary>What left (or was set aside) in the window (now - window, now].</summary>
    public BigInteger WindowUsed(ulong now, ulong window) =>
        _disbursed.Where(d => d.Time <= now && d.Time + window > now).Aggregate(BigInteger.Zero, (sum, d) => sum + d.Amount);
}
