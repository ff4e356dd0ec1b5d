namespace AidDao.Core.Communities;

/// <summary>How a new community starts: its name, token symbol, founding stewards and members, and its rules.</summary>
public sealed record CommunitySettings
{
    /// <summary>The community's name (1 to 64 bytes).</summary>
    public required string Name { get; init; }

    /// <summary>The contribution token's symbol (1 to 11 bytes).</summary>
    public required string TokenSymbol { get; init; }

    /// <summary>Founding stewards (also members); at least one.</summary>
    public required IReadOnlyList<EthAddress> Stewards { get; init; }

    /// <summary>Approval threshold M for governance changes. Default: a simple majority of stewards.</summary>
    public int? Threshold { get; init; }

    /// <summary>Steward approvals needed to admit a member. Default 1.</summary>
    public int AdmissionApprovals { get; init; } = 1;

    /// <summary>Member vouches needed to admit a member (K); 0 means stewards only. Default 0.</summary>
    public int VouchesRequired { get; init; }

    /// <summary>Founding members besides the stewards.</summary>
    public IReadOnlyList<EthAddress> Members { get; init; } = [];

    /// <summary>M, with the default applied.</summary>
    public int EffectiveThreshold => Threshold ?? Stewards.Count / 2 + 1;

    /// <summary>Checks what can be checked before a transaction; throws <see cref="AidDaoInputException"/>.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Name)) throw new AidDaoInputException("A community needs a name.");
        if (Stewards.Count == 0) throw new AidDaoInputException("A community needs at least one steward.");
        if (Stewards.Distinct().Count() != Stewards.Count) throw new AidDaoInputException("The steward list names the same address twice.");
        if (Members.Intersect(Stewards).FirstOrDefault() is { IsZero: false } both)
            throw new AidDaoInputException($"{both} is listed as a steward and as a member; stewards are members already.");
        if (EffectiveThreshold < 1 || EffectiveThreshold > Stewards.Count)
            throw new AidDaoInputException($"A threshold of {EffectiveThreshold} is not possible with {Stewards.Count} steward(s): use 1 to {Stewards.Count}.");
        if (AdmissionApprovals < 1 || AdmissionApprovals > Stewards.Count)
            throw new AidDaoInputException($"{AdmissionApprovals} admission approval(s) are not possible with {Stewards.Count} steward(s): use 1 to {Stewards.Count}.");
        if (VouchesRequired < 0) throw new AidDaoInputException("Vouches required cannot be negative.");
    }
}
