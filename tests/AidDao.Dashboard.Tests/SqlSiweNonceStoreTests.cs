using AidDao.Core.SignIn;
using AidDao.Dashboard.Tests.Support;
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
        await using var database = await TempDatabase.CreateAsync(kind, ct);
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
        Assert.Equal(1, await database.CountAsync(ct));
        Assert.True(await redeemer.TryConsumeAsync(fresh, ct));
    }

    [Fact]
    public async Task Issue_AtCapacity_DropsTheOldest()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TempDatabase.CreateAsync("sqlite", ct);
        var time = new ManualTime(DateTimeOffset.Parse("2030-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var store = new SqlSiweNonceStore(database.Database, time, capacity: 3);
        var issued = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            issued.Add(await store.IssueAsync(ct));
            time.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.Equal(3, await database.CountAsync(ct));
        Assert.False(await store.TryConsumeAsync(issued[0], ct));
        foreach (var nonce in issued.Skip(1)) Assert.True(await store.TryConsumeAsync(nonce, ct));
    }

    /// <summary>A migrated index: a SQLite file, or a fresh PostgreSQL database on AIDDAO_TEST_POSTGRES's server.</summary>
    private sealed class TempDatabase : IAsyncDisposable
    {
        private string? _folder;
        private PostgresTestDatabase? _postgres;

        public IndexDatabase Database { get; private set; } = null!;

        public static async Task<TempDatabase> CreateAsync(string kind, CancellationToken ct)
        {
            var temp = new TempDatabase();
            if (kind == "postgresql")
            {
                temp._postgres = await PostgresTestDatabase.CreateAsync(ct);
                temp.Database = IndexDatabase.FromSetting(temp._postgres.ConnectionString);
            }
            else
            {
                temp._folder = Directory.CreateTempSubdirectory("aiddao-nonces-").FullName;
                temp.Database = IndexDatabase.FromSetting(Path.Combine(temp._folder, "index.db"));
            }
            await SchemaMigrations.ApplyAsync(temp.Database, ct);
            return temp;
        }

        public async Task<long> CountAsync(CancellationToken ct)
        {
            await using var connection = await Database.OpenAsync(ct);
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT COUNT(*) FROM siwe_nonces";
            return Convert.ToInt64(await command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
        }

        public async ValueTask DisposeAsync()
        {
            if (_postgres is not null) await _postgres.DisposeAsync();
            if (_folder is not null)
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                try
                {
                    Directory.Delete(_folder, recursive: true);
                }
                catch (IOException)
                {
                    // Best effort: the folder is under the temporary directory.
                }
            }
        }
    }

    private sealed class ManualTime(DateTimeOffset start) : TimeProvider
    {
        private DateTimeOffset _now = start;

        public void Advance(TimeSpan by) => _now += by;

        public override DateTimeOffset GetUtcNow() => _now;
    }
}
