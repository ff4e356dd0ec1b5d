using AidDao.Core;
using AidDao.Core.Pools;
using Dapper;

namespace AidDao.Data;

/// <summary>
/// A table of off-chain texts whose keccak-256 is on-chain (a request's details hash, a project's metadata): a text is
/// kept only when it hashes to what the indexed fact carries, and read back only while it still does. The table is not
/// a chain fact: undoing a reorganised block leaves it alone, and the text shows again once the same fact is indexed
/// again; a row with another hash (for a fact a reorganisation replaced) gives way to a matching one.
/// </summary>
/// <param name="Table">The texts' table: (chain_id, {Owner}, {Item}, {HashColumn}, {TextColumn}, submitted_at).</param>
/// <param name="Owner">The column of the contract the item belongs to.</param>
/// <param name="Item">The column of the item's id in that contract.</param>
/// <param name="HashColumn">The text's hash column.</param>
/// <param name="TextColumn">The text's column.</param>
/// <param name="Facts">The fact table that carries the on-chain hash (by contract and <paramref name="Item"/>).</param>
/// <param name="FactHash">Its hash column.</param>
internal sealed record HashedTextTable(string Table, string Owner, string Item, string HashColumn, string TextColumn, string Facts, string FactHash)
{
    /// <summary>Keeps <paramref name="text"/> for an item when its hash is the indexed one.</summary>
    public async Task<TextSaveResult> SaveAsync(IndexDatabase database, TimeProvider time, long chainId, EthAddress owner, long item, string text, CancellationToken cancellationToken)
    {
        var hash = "0x" + Convert.ToHexStringLower(DetailsHash.Of(text));
        var o = Key(owner);
        await using var db = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var onChain = await db.QueryFirstOrDefaultAsync<string?>(new CommandDefinition(
            $"SELECT {FactHash} FROM {Facts} WHERE chain_id = @chainId AND contract = @o AND {Item} = @item ORDER BY block_number DESC LIMIT 1",
            new { chainId, o, item }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (onChain is null) return TextSaveResult.NotIndexed;
        if (!string.Equals(onChain, hash, StringComparison.OrdinalIgnoreCase)) return TextSaveResult.HashMismatch;
        var written = await db.ExecuteAsync(new CommandDefinition(
            $"""
            INSERT INTO {Table} (chain_id, {Owner}, {Item}, {HashColumn}, {TextColumn}, submitted_at) VALUES (@chainId, @o, @item, @hash, @text, @now)
            ON CONFLICT (chain_id, {Owner}, {Item}) DO UPDATE SET {HashColumn} = excluded.{HashColumn}, {TextColumn} = excluded.{TextColumn}, submitted_at = excluded.submitted_at
            WHERE {Table}.{HashColumn} <> excluded.{HashColumn}
            """,
            new { chainId, o, item, hash, text, now = time.GetUtcNow().ToUnixTimeSeconds() }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return written == 1 ? TextSaveResult.Saved : TextSaveResult.AlreadySaved;
    }

    /// <summary>The texts of an owner's items (all, or one) that still hash to the indexed facts, by item id.</summary>
    public async Task<IReadOnlyDictionary<long, string>> GetAsync(IndexDatabase database, long chainId, EthAddress owner, long? item, CancellationToken cancellationToken)
    {
        var o = Key(owner);
        await using var db = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await db.QueryAsync<(long Id, string Text)>(new CommandDefinition(
            $"""
            SELECT t.{Item}, t.{TextColumn} FROM {Table} t
            WHERE t.chain_id = @chainId AND t.{Owner} = @o {(item is null ? "" : $"AND t.{Item} = @item")}
              AND t.{HashColumn} = (SELECT f.{FactHash} FROM {Facts} f
                                    WHERE f.chain_id = t.chain_id AND f.contract = t.{Owner} AND f.{Item} = t.{Item}
                                    ORDER BY f.block_number DESC LIMIT 1)
            """,
            new { chainId, o, item }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.ToDictionary(r => r.Id, r => r.Text);
    }

    private static string Key(EthAddress address) => address.Value.ToLowerInvariant();
}
