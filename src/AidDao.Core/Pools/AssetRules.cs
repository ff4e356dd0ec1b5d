using System.Numerics;

namespace AidDao.Core.Pools;

/// <summary>
/// What a pool accepts of one asset and the limits that protect it. Amounts are in the asset's smallest unit (wei for
/// ETH); <see cref="MintRate"/> is contribution-token wei per 10^18 units deposited (10^18 for ETH = one token per ETH).
/// </summary>
/// <param name="Asset">The asset (<see cref="EthAddress.Zero"/> for ETH).</param>
/// <param name="MintRate">Contribution-token wei minted per 10^18 units deposited; 0 mints nothing.</param>
/// <param name="PerRequestMax">The largest amount one request may ask for.</param>
/// <param name="WindowCap">The most that may leave in any rolling window.</param>
/// <param name="ReserveFloor">What must stay in the pool outside an emergency.</param>
/// <param name="FastPathCap">The largest request the emergency threshold may pay (0 = no fast path).</param>
public sealed record AssetRules(EthAddress Asset, BigInteger MintRate, BigInteger PerRequestMax, BigInteger WindowCap, BigInteger ReserveFloor, BigInteger FastPathCap)
{
    /// <summary>Checks what the contract would refuse, so the mistake is reported before a transaction.</summary>
    public void Validate()
    {
        if (MintRate.Sign < 0 || PerRequestMax.Sign < 0 || WindowCap.Sign < 0 || ReserveFloor.Sign < 0 || FastPathCap.Sign < 0)
            throw new AidDaoInputException($"The limits for {Name} cannot be negative.");
        if (FastPathCap > PerRequestMax)
            throw new AidDaoInputException($"The fast-path cap for {Name} cannot exceed its per-request limit.");
        if (PerRequestMax > WindowCap)
            throw new AidDaoInputException($"The per-request limit for {Name} cannot exceed its window cap.");
    }

    private string Name => Asset.IsZero ? "ETH" : Asset.Value;
}
