using AidDao.Core;
using AidDao.Core.Pools;
using Dapper;

namespace AidDao.Data;

/// <summary>
/// The public texts of round applications. Only a project's metadata hash (keccak-256 of its text) is on-chain; anyone
/// who has the text can send it, and it is kept only when it hashes to the indexed project's metadata, so the
/// dashboard can show what each project is.
/// </summary>
public sealed class ProjectTextStore
{
    /// <summary>The longest text kept.</summary>
    public const int MaxLength = 2_000;

    private readonly IndexDatabase _database;
    private readonly TimeProvider _time;

    /// <summary>Creates the store over <paramref name="database"/>.</summary>
    public ProjectTextStore(IndexDatabase database, TimeProvider? time = null)
    {
        _database = database ?? throw new ArgumentNullException(nameof(database));
        _time = time ?? TimeProvider.System;
    }

    /// <summary>Keeps <paramref name="text"/> for a project when it hashes to the project's indexed metadata.</summary>
    public async Task<TextSaveResult> SaveAsync(long chainId, EthAddress round, long projectId, string text, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(text)) throw new AidDaoInputException("The application text is empty: send the text that was hashed when the project applied.");
        if (text.Length > MaxLength)
            throw new AidDaoInputException($"The application text is {text.Length} characters long; at most {MaxLength:N0} are kept here.");
        var hash = "0x" + Convert.ToHexStringLower(DetailsHash.Of(text));
        var r = Key(round);
        await using var db = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var metadata = await IndexedMetadataAsync(db, chainId, r, projectId, cancellationToken).ConfigureAwait(false);
        if (metadata is null) return TextSaveResult.NotIndexed;
        if (!string.Equals(metadata, hash, StringComparison.OrdinalIgnoreCase)) return TextSaveResult.HashMismatch;
        var written = await db.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO project_texts (chain_id, round, project_id, metadata, text, submitted_at) VALUES (@chainId, @r, @projectId, @hash, @text, @now)
            ON CONFLICT (chain_id, round, project_id) DO UPDATE SET metadata = excluded.metadata, text = excluded.text, submitted_at = excluded.submitted_at
            WHERE project_texts.metadata <> excluded.metadata
            """,
            new { chainId, r, projectId, hash, text, now = _time.GetUtcNow().ToUnixTimeSeconds() }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return written == 1 ? TextSaveResult.Saved : TextSaveResult.AlreadySaved;
    }

    /// <summary>A round's project texts by project id, those that still match the indexed projects.</summary>
    public async Task<IReadOnlyDictionary<long, string>> GetAsync(long chainId, EthAddress round, CancellationToken cancellationToken)
    {
        var r = Key(round);
        await using var db = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await db.QueryAsync<(long Id, string Text)>(new CommandDefinition(
            """
            SELECT t.project_id, t.text FROM project_texts t
            WHERE t.chain_id = @chainId AND t.round = @r
              AND t.metadata = (SELECT p.metadata FROM projects p
                                WHERE p.chain_id = t.chain_id AND p.contract = t.round AND p.project_id = t.project_id
                                ORDER BY p.block_number DESC LIMIT 1)
            """,
            new { chainId, r }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.ToDictionary(x => x.Id, x => x.Text);
    }

    private static Task<string?> IndexedMetadataAsync(System.Data.Common.DbConnection db, long chainId, string round, long projectId, CancellationToken cancellationToken) =>
        db.QueryFirstOrDefaultAsync<string?>(new CommandDefinition(
            "SELECT metadata FROM projects WHERE chain_id = @chainId AND contract = @round AND project_id = @projectId ORDER BY block_number DESC LIMIT 1",
            new { chainId, round, projectId }, cancellationToken: cancellationToken));

    private static string Key(EthAddress address) => address.Value.ToLowerInvariant();
}
