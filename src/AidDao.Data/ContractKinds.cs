namespace AidDao.Data;

/// <summary>The kinds of contract in <see cref="ReadModelSchema.Contracts"/>.</summary>
public static class ContractKinds
{
    /// <summary>A community.</summary>
    public const string Community = "community";

    /// <summary>A community's contribution token.</summary>
    public const string Token = "token";

    /// <summary>An emergency pool.</summary>
    public const string Pool = "pool";

    /// <summary>A funding round.</summary>
    public const string Round = "round";
}
