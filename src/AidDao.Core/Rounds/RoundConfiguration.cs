using System.Numerics;

namespace AidDao.Core.Rounds;

/// <summary>
/// How a new funding round runs: its name, money, schedule and matching rules. Amounts are in the asset's smallest unit;
/// <see cref="TokenRate"/> is contribution-token wei per 10^18 units contributed (10^18 for ETH = one token per ETH).
/// </summary>
public sealed record RoundConfiguration
{
    /// <summary>The most projects a round may approve.</summary>
    public const int MaxProjectsLimit = 250;

    private static readonly BigInteger Max96 = (BigInteger.One << 96) - 1;

    /// <summary>The round's name (1 to 64 bytes).</summary>
    public required string Name { get; init; }

    /// <summary>What is contributed and matched: <see cref="EthAddress.Zero"/> for ETH (the default), or an ERC-20 token.</summary>
    public EthAddress Asset { get; init; } = EthAddress.Zero;

    /// <summary>The community's emergency pool: it receives the remainder and unclaimed money, so it must accept <see cref="Asset"/>.</summary>
    public required EthAddress EmergencyPool { get; init; }

    /// <summary>The round's windows.</summary>
    public required RoundSchedule Schedule { get; init; }

    /// <summary>The smallest single contribution, at least one unit.</summary>
    public required BigInteger MinimumContribution { get; init; }

    /// <summary>The most one project may receive, in basis points of the matching pool (0 = no cap, the default).</summary>
    public int CapBasisPoints { get; init; }

    /// <summary>The most projects stewards may approve (1 to 250). Default 100.</summary>
    public int MaxProjects { get; init; } = 100;

    /// <summary>
    /// Quadratic funding only: when the formula asks for less than the pool, spread the whole pool (true, the default) or
    /// pay the raw matches and send the rest to the emergency pool (false).
    /// </summary>
    public bool SpreadWholePool { get; init; } = true;

    /// <summary>Quadratic funding (the default) or quadratic voting.</summary>
    public RoundMode Mode { get; init; } = RoundMode.QuadraticFunding;

    /// <summary>Quadratic voting: where members' voice credits come from. Default equal credits.</summary>
    public VoiceCreditMode CreditMode { get; init; } = VoiceCreditMode.Equal;

    /// <summary>Quadratic voting with equal credits: each member's budget.</summary>
    public BigInteger CreditsPerMember { get; init; }

    /// <summary>Contribution-token wei accrued per 10^18 units contributed (0 = none, the default); the round must be a minter to pay them.</summary>
    public BigInteger TokenRate { get; init; }

    /// <summary>Checks what can be checked before a transaction; throws <see cref="AidDaoInputException"/>.</summary>
    public void Validate()
    {
        var nameBytes = System.Text.Encoding.UTF8.GetByteCount(Name ?? "");
        if (nameBytes is 0 or > 64) throw new AidDaoInputException("A round name must be 1 to 64 bytes.");
        if (EmergencyPool.IsZero) throw new AidDaoInputException("A round needs the community's emergency pool, for the money nobody claims.");
        ArgumentNullException.ThrowIfNull(Schedule);
        Schedule.Validate();
        if (MinimumContribution.Sign <= 0 || MinimumContribution > Max96)
            throw new AidDaoInputException("The minimum contribution must be above zero (and below 2^96 units).");
        if (CapBasisPoints is < 0 or > 10_000) throw new AidDaoInputException("A matching cap is 0 (none) to 100% of the pool.");
        if (MaxProjects is < 1 or > MaxProjectsLimit) throw new AidDaoInputException($"A round can approve 1 to {MaxProjectsLimit} projects.");
        if (!Enum.IsDefined(Mode)) throw new AidDaoInputException($"'{Mode}' is not a round mode.");
        if (!Enum.IsDefined(CreditMode)) throw new AidDaoInputException($"'{CreditMode}' is not a voice-credit mode.");
        if (Mode == RoundMode.QuadraticVoting && CreditMode == VoiceCreditMode.Equal && (CreditsPerMember.Sign <= 0 || CreditsPerMember > Max96))
            throw new AidDaoInputException("A quadratic-voting round with equal credits needs a budget of voice credits per member, above zero.");
        if (CreditsPerMember.Sign < 0) throw new AidDaoInputException("Voice credits cannot be negative.");
        if (TokenRate.Sign < 0) throw new AidDaoInputException("The contribution-token rate cannot be negative.");
    }
}
