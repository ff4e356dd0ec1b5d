namespace AidDao.Contracts.Tests.PoolInvariant;

/// <summary>
/// Who is who in the invariant test, and how the pool is set up. Parties are numbers: 0 to 8 are dev accounts,
/// <see cref="Hostile"/> is a HostileRecipient contract and <see cref="PoolItself"/> the pool's own address (never a valid recipient).
/// </summary>
internal static class PoolScenario
{
    public const int DevAccounts = 9;
    public const int Hostile = 9;
    public const int PoolItself = 10;
    public const int Threshold = 2;
    /// <summary>TestToken transfers to this account revert, so token aid for it is kept for it to withdraw elsewhere.</summary>
    public const int BlockedTokenHolder = 8;
    public const int FeeBasisPoints = 100;
    public const ulong Hour = 3600;
    public const ulong Day = 24 * Hour;
    public const ulong Window = Day;
    public const ulong Cooldown = 6 * Hour;
    public const ulong RequestLifetime = 3 * Day;
    public const int EmergencyThreshold = 1;

    public static readonly int[] FoundingStewards = [0, 1, 2];
    public static readonly int[] FoundingMembers = [3, 4, 5, 6];
    public static readonly PoolAsset[] Assets = [PoolAsset.Eth, PoolAsset.Token, PoolAsset.FeeToken];
}
