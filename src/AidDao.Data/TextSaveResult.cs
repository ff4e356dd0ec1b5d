namespace AidDao.Data;

/// <summary>
/// What a store of off-chain texts did with one (<see cref="RequestDetailsStore"/>: a request's private details;
/// <see cref="ProjectTextStore"/>: a project's application). Only a text's keccak-256 is on-chain, so only the text
/// that hashes to it is kept.
/// </summary>
public enum TextSaveResult
{
    /// <summary>The text was saved: its hash is the one on-chain.</summary>
    Saved,

    /// <summary>The same text was saved before; nothing changed.</summary>
    AlreadySaved,

    /// <summary>
    /// keccak-256 of the text is not the hash on-chain (fixed when the request or application was made): it is another
    /// text, or differs by as little as a space or a line break. Nothing was saved.
    /// </summary>
    HashMismatch,

    /// <summary>The index has no such request or project (not made yet, or not indexed yet). Nothing was saved.</summary>
    NotIndexed,
}
