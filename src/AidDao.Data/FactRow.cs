namespace AidDao.Data;

/// <summary>
/// One row a projection derives from one log: the table and the values of the table's own columns, in order. The
/// shared columns (chain, block, log, transaction, contract) come from the log; <paramref name="Entry"/> tells several
/// rows one log writes to the same table apart.
/// </summary>
/// <param name="Table">The fact table.</param>
/// <param name="Values">The values of <see cref="FactTable.Columns"/>, in order: string, long, bool or null.</param>
/// <param name="Entry">0 unless one log writes several rows to this table.</param>
public sealed record FactRow(FactTable Table, object?[] Values, int Entry = 0);
