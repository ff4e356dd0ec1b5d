namespace AidDao.Data;

/// <summary>A column of a fact table (after the columns every fact table shares).</summary>
/// <param name="Name">The column's name (snake_case).</param>
/// <param name="Type">How it is stored.</param>
public sealed record FactColumn(string Name, ColumnType Type);
