namespace AidDao.Data;

/// <summary>What <see cref="RequestDetailsStore.SaveAsync"/> did with a request's details.</summary>
public enum RequestDetailsSaveResult
{
    /// <summary>The details were saved: their hash is the one the request carries on chain.</summary>
    Saved,

    /// <summary>The same details were saved before; nothing changed.</summary>
    AlreadySaved,

    /// <summary>
    /// keccak-256 of the details is not the hash the request carries on chain (fixed when it was made): they are not this
    /// request's details, or they differ from them by as little as a space or a line break. Nothing was saved.
    /// </summary>
    HashMismatch,

    /// <summary>The index has no such request (not made yet, or not indexed yet). Nothing was saved.</summary>
    UnknownRequest,
}
