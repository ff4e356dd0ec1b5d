namespace AidDao.Core.Indexing;

/// <summary>
/// What one committed indexer step changed: blocks <see cref="FromBlock"/>..<see cref="ToBlock"/> were indexed (or,
/// when <see cref="RolledBack"/>, everything above <see cref="ToBlock"/> was undone after a reorganisation).
/// </summary>
/// <param name="ChainId">The chain.</param>
/// <param name="FromBlock">The first block of the step.</param>
/// <param name="ToBlock">The index's cursor after the step.</param>
/// <param name="ToBlockHash">The cursor block's hash.</param>
/// <param name="RolledBack">Whether this step undid orphaned blocks instead of adding new ones.</param>
/// <param name="Events">How many logs the step added (or removed, when rolled back).</param>
/// <param name="EventNames">The names of the events added, for listeners that care about some only.</param>
/// <param name="Contracts">The contracts whose facts changed (lower-case addresses).</param>
public sealed record IndexChange(
    long ChainId,
    long FromBlock,
    long ToBlock,
    string ToBlockHash,
    bool RolledBack,
    int Events,
    IReadOnlySet<string> EventNames,
    IReadOnlySet<string> Contracts);
