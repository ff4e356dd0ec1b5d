namespace AidDao.Data;

/// <summary>A column of a fact table (after the columns every fact table shares).</summary>
/// <param name="Name">The column's name (snake_case).</param>
/// <param name="Type">How it is stored.</param>
/// <param name="AddedIn">
/// The schema version (see <see cref="SchemaMigrations"/>) that added the column: 1 for the columns the table was created
/// with; a later migration adds the column to the existing table (nullable, so old rows read null).
/// </param>
public sealed record FactColumn(string Name, ColumnType Type, int AddedIn = 1);
