namespace AidDao.Core.Pools;

/// <summary>How a new emergency pool starts: its name, its rules in time, and the assets it accepts with their limits.</summary>
public sealed record PoolConfiguration
{
    /// <summary>Shortest rolling window the contract accepts.</summary>
    public static readonly TimeSpan MinWindow = TimeSpan.FromHours(1);

    /// <summary>Longest rolling window, cooldown and request lifetime the contract accepts.</summary>
    public static readonly TimeSpan MaxPeriod = TimeSpan.FromDays(90);

    /// <summary>The pool's name (1 to 64 bytes).</summary>
    public required string Name { get; init; }

    /// <summary>The rolling window the window caps apply to. Default 24 hours.</summary>
    public TimeSpan Window { get; init; } = TimeSpan.FromHours(24);

    /// <summary>How long after a payment the same recipient cannot be paid again. Default 7 days.</summary>
    public TimeSpan Cooldown { get; init; } = TimeSpan.FromDays(7);

    /// <summary>How long a request stays open. Default 7 days.</summary>
    public TimeSpan RequestLifetime { get; init; } = TimeSpan.FromDays(7);

    /// <summary>Approvals that pay a fast-path request during an emergency. Default 1.</summary>
    public int EmergencyThreshold { get; init; } = 1;

    /// <summary>The assets the pool accepts, with their limits; at most 16.</summary>
    public required IReadOnlyList<AssetRules> Assets { get; init; }

    /// <summary>Checks what can be checked before a transaction; throws <see cref="AidDaoInputException"/>.</summary>
    public void Validate()
    {
        var nameBytes = System.Text.Encoding.UTF8.GetByteCount(Name ?? "");
        if (nameBytes is 0 or > 64) throw new AidDaoInputException("A pool name must be 1 to 64 bytes.");
        if (Window < MinWindow || Window > MaxPeriod) throw new AidDaoInputException("The rolling window must be between 1 hour and 90 days.");
        if (Cooldown < TimeSpan.Zero || Cooldown > MaxPeriod) throw new AidDaoInputException("The cooldown must be between 0 and 90 days.");
        if (RequestLifetime < MinWindow || RequestLifetime > MaxPeriod) throw new AidDaoInputException("A request lifetime must be between 1 hour and 90 days.");
        if (EmergencyThreshold is < 1 or > 32) throw new AidDaoInputException("The emergency threshold must be between 1 and 32 approvals.");
        if (Assets.Count > 16) throw new AidDaoInputException("A pool accepts at most 16 assets.");
        if (Assets.GroupBy(a => a.Asset).FirstOrDefault(g => g.Count() > 1) is { } twice)
            throw new AidDaoInputException($"{(twice.Key.IsZero ? "ETH" : twice.Key.Value)} is listed twice; list each asset once.");
        foreach (var asset in Assets) asset.Validate();
    }
}
