using AidDao.Core;

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

    private static readonly HashedTextTable Texts = new("project_texts", "round", "project_id", "metadata", "text", "projects", "metadata");
    private readonly IndexDatabase _database;
    private readonly TimeProvider _time;

    /// <summary>Creates the store over <paramref name="database"/>.</summary>
    public ProjectTextStore(IndexDatabase database, TimeProvider? time = null)
    {
        _database = database ?? throw new ArgumentNullException(nameof(database));
        _time = time ?? TimeProvider.System;
    }

    /// <summary>Keeps <paramref name="text"/> for a project when it hashes to the project's indexed metadata.</summary>
    public Task<TextSaveResult> SaveAsync(long chainId, EthAddress round, long projectId, string text, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(text)) throw new AidDaoInputException("The application text is empty: send the text that was hashed when the project applied.");
        if (text.Length > MaxLength)
            throw new AidDaoInputException($"The application text is {text.Length} characters long; at most {MaxLength:N0} are kept here.");
        return Texts.SaveAsync(_database, _time, chainId, round, projectId, text, cancellationToken);
    }

    /// <summary>A round's project texts by project id, those that still match the indexed projects.</summary>
    public Task<IReadOnlyDictionary<long, string>> GetAsync(long chainId, EthAddress round, CancellationToken cancellationToken) =>
        Texts.GetAsync(_database, chainId, round, null, cancellationToken);
}
