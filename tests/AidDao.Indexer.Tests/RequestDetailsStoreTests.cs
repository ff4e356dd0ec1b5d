using AidDao.Core;
using AidDao.Core.Pools;
using AidDao.Data;
using AidDao.TestUtils;
using Dapper;
using Xunit;

namespace AidDao.Indexer.Tests;

/// <summary>
/// Request details without a chain: accepted only when they hash to the indexed request's details hash, idempotent, and
/// kept through a reorganisation that undoes the request (shown again once it is indexed again).
/// </summary>
public sealed class RequestDetailsStoreTests
{
    private const long Chain = 31337;
    private const string Details = "Rent due on Friday; the landlord takes bank transfers only.";
    private static readonly EthAddress Pool = EthAddress.FromChain("0x00000000000000000000000000000000000000aa");
    private static readonly BlockRef Genesis = new(0, "0x00");
    private static readonly BlockRef Block2 = new(2, "0x02");
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SaveAsync_TextOfTheRequest_SavedOnceThenAlreadySaved()
    {
        using var index = await IndexWithRequestAsync(3, Details);
        var store = new RequestDetailsStore(index.Database);

        Assert.Equal(TextSaveResult.Saved, await store.SaveAsync(Chain, Pool, 3, Details, Ct));
        Assert.Equal(TextSaveResult.AlreadySaved, await store.SaveAsync(Chain, Pool, 3, Details, Ct));

        Assert.Equal(Details, await store.GetAsync(Chain, Pool, 3, Ct));
        Assert.Null(await store.GetAsync(Chain, Pool, 4, Ct));
    }

    [Fact]
    public async Task SaveAsync_OtherTextOrUnknownRequest_SavesNothing()
    {
        using var index = await IndexWithRequestAsync(3, Details);
        var store = new RequestDetailsStore(index.Database);

        Assert.Equal(TextSaveResult.HashMismatch, await store.SaveAsync(Chain, Pool, 3, Details + " ", Ct));
        Assert.Equal(TextSaveResult.NotIndexed, await store.SaveAsync(Chain, Pool, 4, Details, Ct));
        Assert.Equal(TextSaveResult.NotIndexed, await store.SaveAsync(Chain, EthAddress.Zero, 3, Details, Ct));
        Assert.Equal(TextSaveResult.NotIndexed, await store.SaveAsync(Chain + 1, Pool, 3, Details, Ct));
        Assert.Null(await store.GetAsync(Chain, Pool, 3, Ct));

        Assert.Equal(TextSaveResult.Saved, await store.SaveAsync(Chain, Pool, 3, Details, Ct));
        Assert.Equal(TextSaveResult.HashMismatch, await store.SaveAsync(Chain, Pool, 3, "Other words entirely", Ct));
        Assert.Equal(Details, await store.GetAsync(Chain, Pool, 3, Ct));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n ")]
    [InlineData(null)]
    public async Task SaveAsync_BlankDetails_RefusedInPlainWords(string? details)
    {
        using var index = await IndexWithRequestAsync(3, Details);

        var error = await Assert.ThrowsAsync<AidDaoInputException>(() => new RequestDetailsStore(index.Database).SaveAsync(Chain, Pool, 3, details!, Ct));

        Assert.Contains("The details are empty", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SaveAsync_LongerThan4000Characters_RefusedAt4001()
    {
        var longest = new string('a', RequestDetailsStore.MaxLength);
        using var index = await IndexWithRequestAsync(3, longest);
        var store = new RequestDetailsStore(index.Database);

        var error = await Assert.ThrowsAsync<AidDaoInputException>(() => store.SaveAsync(Chain, Pool, 3, longest + "a", Ct));

        Assert.Contains("4001 characters long; at most 4,000", error.Message, StringComparison.Ordinal);
        Assert.Equal(TextSaveResult.Saved, await store.SaveAsync(Chain, Pool, 3, longest, Ct));
    }

    [Fact]
    public async Task RollBack_OfTheRequest_KeepsDetailsAndShowsThemWhenTheSameRequestReturns()
    {
        using var index = await IndexWithRequestAsync(3, Details);
        var store = new RequestDetailsStore(index.Database);
        await store.SaveAsync(Chain, Pool, 3, Details, Ct);

        await index.Store.RollBackAsync(Chain, new BlockRef(4, "0x04"), Block2, Ct);

        Assert.Null(await store.GetAsync(Chain, Pool, 3, Ct));
        Assert.Equal(1, await CountDetailsAsync(index));
        await index.Store.CommitAsync(Batch(Block2, new BlockRef(4, "0x04b"), Request(3, "0x03b", 3, Details)), Ct);
        Assert.Equal(Details, await store.GetAsync(Chain, Pool, 3, Ct));
    }

    [Fact]
    public async Task RollBack_RequestReplacedByAnother_OldDetailsHiddenAndNewOnesSaved()
    {
        using var index = await IndexWithRequestAsync(3, Details);
        var store = new RequestDetailsStore(index.Database);
        await store.SaveAsync(Chain, Pool, 3, Details, Ct);
        const string other = "Food for the week after the flood";

        await index.Store.RollBackAsync(Chain, new BlockRef(4, "0x04"), Block2, Ct);
        await index.Store.CommitAsync(Batch(Block2, new BlockRef(4, "0x04b"), Request(3, "0x03b", 3, other)), Ct);

        Assert.Null(await store.GetAsync(Chain, Pool, 3, Ct));
        Assert.Equal(TextSaveResult.HashMismatch, await store.SaveAsync(Chain, Pool, 3, Details, Ct));
        Assert.Equal(TextSaveResult.Saved, await store.SaveAsync(Chain, Pool, 3, other, Ct));
        Assert.Equal(other, await store.GetAsync(Chain, Pool, 3, Ct));
        Assert.Equal(1, await CountDetailsAsync(index));
    }

    /// <summary>An index whose cursor is at block 4, holding request <paramref name="id"/> of <see cref="Pool"/> made in block 3.</summary>
    private static async Task<TempIndex> IndexWithRequestAsync(long id, string details)
    {
        var index = await TempIndex.CreateAsync(Ct);
        await index.Store.StartAsync(Chain, Genesis, [], Ct);
        await index.Store.CommitAsync(Batch(Genesis, Block2), Ct);
        await index.Store.CommitAsync(Batch(Block2, new BlockRef(4, "0x04"), Request(3, "0x03", id, details)), Ct);
        return index;
    }

    private static IndexBatch Batch(BlockRef previous, BlockRef to, params LoggedFact[] facts) =>
        new(Chain, previous, previous.Number + 1, to, facts, facts.Select(f => new BlockRef(f.Log.BlockNumber, f.Log.BlockHash)).Append(to).Append(previous).DistinctBy(b => b.Number).ToList(), 0);

    private static LoggedFact Request(long block, string hash, long id, string details) => new(
        new LogPosition(block, hash, 0, "0xtx", Pool.Value.ToLowerInvariant(), 1_700_000_000 + block),
        new FactRow(ReadModelSchema.AidRequests, [id, "0x01", "0x01", "0x0000000000000000000000000000000000000000", "1000", 3L, "0x" + Convert.ToHexStringLower(DetailsHash.Of(details)), 1_700_100_000L]));

    private static async Task<long> CountDetailsAsync(TempIndex index)
    {
        await using var db = await index.Database.OpenAsync(Ct);
        return await db.ExecuteScalarAsync<long>(new CommandDefinition("SELECT COUNT(*) FROM request_details", cancellationToken: Ct));
    }
}
