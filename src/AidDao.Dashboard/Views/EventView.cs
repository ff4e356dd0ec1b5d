namespace AidDao.Dashboard.Views;

/// <summary>One indexed event, in plain words, with where to find its transaction.</summary>
public sealed record EventView(
    string Id,
    long Block,
    long LogIndex,
    string Tx,
    string Contract,
    string ContractKind,
    string Name,
    long? Time,
    string Summary);
