namespace AidDao.Data;

/// <summary>A block by number and hash.</summary>
/// <param name="Number">The block's number.</param>
/// <param name="Hash">The block's hash (0x-hex, lower case).</param>
public sealed record BlockRef(long Number, string Hash);
