namespace AidDao.Core.SignIn;

/// <summary>
/// Issues the one-time nonces that go into sign-in messages and redeems each at most once, which is what stops a
/// signed message from being replayed.
/// </summary>
public interface ISiweNonceStore
{
    /// <summary>A new random nonce of letters and digits (at least 96 bits of randomness), valid for a limited time.</summary>
    Task<string> IssueAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Redeems <paramref name="nonce"/>: true exactly once for a nonce this store issued that has not expired; false
    /// for an unknown, expired or already redeemed nonce. Atomic: of many concurrent calls with one nonce, one wins.
    /// </summary>
    Task<bool> TryConsumeAsync(string nonce, CancellationToken cancellationToken);
}
