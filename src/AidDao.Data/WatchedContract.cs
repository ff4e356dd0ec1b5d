namespace AidDao.Data;

/// <summary>A contract the index follows.</summary>
/// <param name="Address">The contract (0x-hex, lower case).</param>
/// <param name="Kind">community, token, pool or round (see <see cref="ContractKinds"/>).</param>
/// <param name="Community">The community it belongs to.</param>
/// <param name="Name">Its name, where it has one.</param>
/// <param name="FromBlock">The block from which it is followed (its creation, or the index's start).</param>
public sealed record WatchedContract(string Address, string Kind, string Community, string Name, long FromBlock);
