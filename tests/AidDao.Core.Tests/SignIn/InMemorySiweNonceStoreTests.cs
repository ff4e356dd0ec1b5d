using AidDao.Core.SignIn;
using AidDao.TestUtils;
using Xunit;

namespace AidDao.Core.Tests.SignIn;

/// <summary>One-time nonces: random, redeemable once, expiring, bounded, and atomic under concurrent redemption.</summary>
public class InMemorySiweNonceStoreTests
{
    private readonly ManualTime _time = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task IssueAsync_Nonces_AreLongAlphanumericAndDistinct()
    {
        var store = new InMemorySiweNonceStore(_time);

        var nonces = new List<string>();
        for (var i = 0; i < 500; i++) nonces.Add(await store.IssueAsync(Cancel));

        Assert.All(nonces, n => Assert.Matches("^[A-Za-z0-9]{22}$", n));
        Assert.Equal(nonces.Count, nonces.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(500, store.Outstanding);
    }

    [Fact]
    public async Task TryConsumeAsync_IssuedNonce_IsTrueOnlyOnce()
    {
        var store = new InMemorySiweNonceStore(_time);
        var nonce = await store.IssueAsync(Cancel);

        Assert.True(await store.TryConsumeAsync(nonce, Cancel));
        Assert.False(await store.TryConsumeAsync(nonce, Cancel));
        Assert.Equal(0, store.Outstanding);
    }

    [Theory]
    [InlineData("NeverIssued12345")]
    [InlineData("")]
    public async Task TryConsumeAsync_UnknownNonce_IsFalse(string nonce)
    {
        var store = new InMemorySiweNonceStore(_time);
        await store.IssueAsync(Cancel);

        Assert.False(await store.TryConsumeAsync(nonce, Cancel));
        Assert.Equal(1, store.Outstanding);
    }

    [Fact]
    public async Task TryConsumeAsync_JustBeforeTheLifetimeEnds_IsTrue()
    {
        var store = new InMemorySiweNonceStore(_time);
        var nonce = await store.IssueAsync(Cancel);
        _time.Advance(InMemorySiweNonceStore.DefaultLifetime - TimeSpan.FromSeconds(1));

        Assert.True(await store.TryConsumeAsync(nonce, Cancel));
    }

    [Fact]
    public async Task TryConsumeAsync_AfterTheLifetime_IsFalseAndTheNonceIsForgotten()
    {
        var store = new InMemorySiweNonceStore(_time, TimeSpan.FromMinutes(2));
        var nonce = await store.IssueAsync(Cancel);
        _time.Advance(TimeSpan.FromMinutes(2));

        Assert.Equal(0, store.Outstanding);
        Assert.False(await store.TryConsumeAsync(nonce, Cancel));
    }

    [Fact]
    public async Task IssueAsync_PastCapacity_DropsTheOldest()
    {
        var store = new InMemorySiweNonceStore(_time, capacity: 3);
        var nonces = new List<string>();
        for (var i = 0; i < 4; i++) nonces.Add(await store.IssueAsync(Cancel));

        Assert.Equal(3, store.Outstanding);
        Assert.False(await store.TryConsumeAsync(nonces[0], Cancel));
        foreach (var kept in nonces.Skip(1)) Assert.True(await store.TryConsumeAsync(kept, Cancel));
    }

    [Fact]
    public async Task TryConsumeAsync_ManyTasksAtOnce_ExactlyOneWinsPerNonce()
    {
        var store = new InMemorySiweNonceStore(_time);
        for (var round = 0; round < 20; round++)
        {
            var nonce = await store.IssueAsync(Cancel);
            using var start = new ManualResetEventSlim();
            var attempts = Enumerable.Range(0, 16).Select(_ => Task.Run(() =>
            {
                start.Wait(Cancel);
                return store.TryConsumeAsync(nonce, Cancel);
            }, Cancel)).ToList();
            start.Set();

            var results = await Task.WhenAll(attempts);

            Assert.Single(results, won => won);
        }
    }

    [Fact]
    public async Task Methods_CancelledToken_Throw()
    {
        var store = new InMemorySiweNonceStore(_time);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.IssueAsync(cancelled.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.TryConsumeAsync("NeverIssued12345", cancelled.Token));
    }
}
