using AidDao.Core.SignIn;
using AidDao.Data;
using AidDao.TestUtils;
using Xunit;

namespace AidDao.Dashboard.Tests;

/// <summary>The database's sign-in nonces, on SQLite and PostgreSQL: each redeemed once, by any store over the database, before it expires.</summary>
public sealed class SqlSiweNonceStoreTests
{
    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgresql")]
    public async Task TryConsume_NonceFromAnotherStore_WinsOnceBeforeExpiry(string kind)
    {
        var ct = TestContext.Current.CancellationToken;
        using var database = await TempIndex.CreateAsync(ct, onPostgres: kind == "postgresql");
        var time = new ManualTime(DateTimeOffset.Parse("2030-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        // Two stores over one database, as two dashboard instances have.
        var issuer = new SqlSiweNonceStore(database.Database, time, TimeSpan.FromMinutes(10));
        var redeemer = new SqlSiweNonceStore(database.Database, time, TimeSpan.FromMinutes(10));

        var nonce = await issuer.IssueAsync(ct);
        var raced = await issuer.IssueAsync(ct);
        var late = await issuer.IssueAsync(ct);

        Assert.Equal(InMemorySiweNonceStore.NonceLength, nonce.Length);
        Assert.True(nonce.All(char.IsAsciiLetterOrDigit));
        Assert.True(await redeemer.TryConsumeAsync(nonce, ct));
        Assert.False(await issuer.TryConsumeAsync(nonce, ct));
        Assert.False(await redeemer.TryConsumeAsync(nonce, ct));
        Assert.False(await redeemer.TryConsumeAsync("NeverIssuedNonce012345", ct));
        // Eight redeemers at once: one wins.
        var wins = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => (i % 2 == 0 ? issuer : redeemer).TryConsumeAsync(raced, ct)));
        Assert.Equal(1, wins.Count(w => w));

        time.Advance(TimeSpan.FromMinutes(10));
        Assert.False(await redeemer.TryConsumeAsync(late, ct));
        // The expired nonce is purged when the next one is issued.
        var fresh = await issuer.IssueAsync(ct);
        Assert.Equal(1, await CountAsync(database, ct));
        Assert.True(await redeemer.TryConsumeAsync(fresh, ct));
    }

    [Fact]
    public async Task Issue_AtCapacity_DropsTheOldest()
    {
        var ct = TestContext.Current.CancellationToken;
        using var database = await TempIndex.CreateAsync(ct, onPostgres: false);
        var time = new ManualTime(DateTimeOffset.Parse("2030-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var store = new SqlSiweNonceStore(database.Database, time, capacity: 3);
        var issued = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            issued.Add(await store.IssueAsync(ct));
            time.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.Equal(3, await CountAsync(database, ct));
        Assert.False(await store.TryConsumeAsync(issued[0], ct));
        foreach (var nonce in issued.Skip(1)) Assert.True(await store.TryConsumeAsync(nonce, ct));
    }

    private static async Task<long> CountAsync(TempIndex index, CancellationToken ct)
    {
        await using var connection = await index.Database.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM siwe_nonces";
        return Convert.ToInt64(await command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
    }
}
