namespace AidDao.Core.SignIn;

/// <summary>
/// An <see cref="ISiweNonceStore"/> in this process's memory, for a single dashboard server: nonces are lost on
/// restart (people simply sign in again) and are not shared between servers. Each nonce is 22 random letters and
/// digits (about 131 bits), lives for <see cref="Lifetime"/> (default 10 minutes) and is redeemable once. At most
/// <see cref="Capacity"/> nonces (default 10,000) are outstanding: issuing one more drops the oldest, so a flood of
/// nonce requests costs bounded memory (and at worst makes an early, unsigned nonce unusable).
/// </summary>
public sealed class InMemorySiweNonceStore : ISiweNonceStore
{
    /// <summary>How long an issued nonce stays redeemable unless another lifetime is given (<see cref="SiweNonce.DefaultLifetime"/>).</summary>
    public static readonly TimeSpan DefaultLifetime = SiweNonce.DefaultLifetime;

    /// <summary>How many nonces may be outstanding unless another capacity is given (<see cref="SiweNonce.DefaultCapacity"/>).</summary>
    public const int DefaultCapacity = SiweNonce.DefaultCapacity;

    /// <summary>The length of an issued nonce (<see cref="SiweNonce.Length"/>).</summary>
    public const int NonceLength = SiweNonce.Length;

    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, LinkedListNode<Issued>> _byNonce = new(StringComparer.Ordinal);
    private readonly LinkedList<Issued> _oldestFirst = new();

    /// <summary>A store reading the time from <paramref name="time"/> (the system clock when null).</summary>
    public InMemorySiweNonceStore(TimeProvider? time = null, TimeSpan? lifetime = null, int capacity = DefaultCapacity)
    {
        Lifetime = SiweNonce.CheckLimits(lifetime, capacity);
        _time = time ?? TimeProvider.System;
        Capacity = capacity;
    }

    /// <summary>How long an issued nonce stays redeemable.</summary>
    public TimeSpan Lifetime { get; }

    /// <summary>How many nonces may be outstanding before the oldest is dropped.</summary>
    public int Capacity { get; }

    /// <summary>How many issued nonces are neither redeemed nor expired.</summary>
    public int Outstanding
    {
        get
        {
            lock (_gate)
            {
                DropExpired(_time.GetUtcNow());
                return _byNonce.Count;
            }
        }
    }

    /// <inheritdoc />
    public Task<string> IssueAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            DropExpired(now);
            while (_byNonce.Count >= Capacity) Remove(_oldestFirst.First!);
            string nonce;
            do nonce = SiweNonce.New();
            while (_byNonce.ContainsKey(nonce));
            _byNonce.Add(nonce, _oldestFirst.AddLast(new Issued(nonce, now + Lifetime)));
            return Task.FromResult(nonce);
        }
    }

    /// <inheritdoc />
    public Task<bool> TryConsumeAsync(string nonce, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (string.IsNullOrEmpty(nonce)) return Task.FromResult(false);
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            DropExpired(now);
            if (!_byNonce.TryGetValue(nonce, out var node)) return Task.FromResult(false);
            Remove(node);
            return Task.FromResult(now < node.Value.ExpiresAt);
        }
    }

    // Every nonce gets the same lifetime, so the list is in expiry order as long as the clock does not go back.
    private void DropExpired(DateTimeOffset now)
    {
        while (_oldestFirst.First is { } oldest && oldest.Value.ExpiresAt <= now) Remove(oldest);
    }

    private void Remove(LinkedListNode<Issued> node)
    {
        _byNonce.Remove(node.Value.Nonce);
        _oldestFirst.Remove(node);
    }

    private readonly record struct Issued(string Nonce, DateTimeOffset ExpiresAt);
}
