using System.Security.Cryptography;

namespace AidDao.Core.SignIn;

/// <summary>
/// What every <see cref="ISiweNonceStore"/> issues: 22 random letters and digits (about 131 bits), redeemable for a
/// lifetime (default 10 minutes), with a bound on how many are outstanding (default 10,000).
/// </summary>
public static class SiweNonce
{
    /// <summary>The length of an issued nonce.</summary>
    public const int Length = 22;

    /// <summary>How many nonces may be outstanding unless another capacity is given: 10,000.</summary>
    public const int DefaultCapacity = 10_000;

    /// <summary>How long an issued nonce stays redeemable unless another lifetime is given: 10 minutes.</summary>
    public static readonly TimeSpan DefaultLifetime = TimeSpan.FromMinutes(10);

    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    /// <summary>A fresh random nonce.</summary>
    public static string New() => RandomNumberGenerator.GetString(Alphabet, Length);

    /// <summary>Whether <paramref name="nonce"/> could be one this store issued (a cheap check before a lookup).</summary>
    public static bool IsWellFormed(string? nonce) => nonce is { Length: Length };

    /// <summary>A store's lifetime (<paramref name="lifetime"/> or the default), checked with its capacity.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The lifetime is not positive or the capacity is below 1.</exception>
    public static TimeSpan CheckLimits(TimeSpan? lifetime, int capacity)
    {
        var span = lifetime ?? DefaultLifetime;
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(span, TimeSpan.Zero, nameof(lifetime));
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        return span;
    }
}
