using System.Globalization;
using System.Text;

namespace AidDao.Data;

/// <summary>
/// A table of the read model holding facts derived from logs. Every fact table starts with the same columns: chain id,
/// block number, block hash, log index, entry, transaction hash and the emitting contract; its key is (chain id, block
/// hash, log index, entry), so a log can never be written twice, and undoing a reorganised block is one delete by block
/// number.
/// </summary>
public sealed class FactTable
{
    /// <summary>The columns every fact table starts with, in order.</summary>
    public static IReadOnlyList<FactColumn> SharedColumns { get; } =
    [
        new("chain_id", ColumnType.Number),
        new("block_number", ColumnType.Number),
        new("block_hash", ColumnType.Text),
        new("log_index", ColumnType.Number),
        new("entry", ColumnType.Number),
        new("tx_hash", ColumnType.Text),
        new("contract", ColumnType.Text),
    ];

    /// <summary>Creates a table description.</summary>
    /// <param name="name">The table's name.</param>
    /// <param name="columns">
    /// Its own columns, after the shared ones; a column added by a later schema version comes after the older ones (an
    /// upgraded table gets it at its end too, so fresh and upgraded tables have the same column order).
    /// </param>
    public FactTable(string name, params FactColumn[] columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        for (var i = 0; i < columns.Length; i++)
        {
            if (columns[i].AddedIn < 1 || (i > 0 && columns[i].AddedIn < columns[i - 1].AddedIn))
                throw new ArgumentException($"Column {columns[i].Name} of {name}: columns are listed by the schema version that added them (1 and up).", nameof(columns));
        }
        Name = name;
        Columns = columns;
    }

    /// <summary>The table's name.</summary>
    public string Name { get; }

    /// <summary>The table's own columns in the current schema, after <see cref="SharedColumns"/>.</summary>
    public IReadOnlyList<FactColumn> Columns { get; }

    /// <summary>
    /// The CREATE TABLE and CREATE INDEX statements for <paramref name="dialect"/>, with the columns of schema version
    /// <paramref name="schemaVersion"/> (those <see cref="FactColumn.AddedIn"/> it or before).
    /// </summary>
    public string CreateSql(SqlDialect dialect, int schemaVersion)
    {
        var sql = new StringBuilder();
        sql.Append(CultureInfo.InvariantCulture, $"CREATE TABLE {Name} (");
        foreach (var column in SharedColumns)
            sql.Append(CultureInfo.InvariantCulture, $"{column.Name} {TypeName(column.Type, dialect)} NOT NULL, ");
        foreach (var column in Columns.Where(c => c.AddedIn <= schemaVersion))
            sql.Append(CultureInfo.InvariantCulture, $"{column.Name} {TypeName(column.Type, dialect)}, ");
        sql.Append("PRIMARY KEY (chain_id, block_hash, log_index, entry));\n");
        sql.Append(CultureInfo.InvariantCulture, $"CREATE INDEX ix_{Name}_block ON {Name} (chain_id, block_number);\n");
        sql.Append(CultureInfo.InvariantCulture, $"CREATE INDEX ix_{Name}_contract ON {Name} (chain_id, contract);\n");
        return sql.ToString();
    }

    /// <summary>The ALTER TABLE statements that add the columns of schema version <paramref name="schemaVersion"/> (none when it added none).</summary>
    public string AddColumnsSql(SqlDialect dialect, int schemaVersion)
    {
        var sql = new StringBuilder();
        foreach (var column in Columns.Where(c => c.AddedIn == schemaVersion))
            sql.Append(CultureInfo.InvariantCulture, $"ALTER TABLE {Name} ADD COLUMN {column.Name} {TypeName(column.Type, dialect)};\n");
        return sql.ToString();
    }

    /// <summary>Columns per row: the shared ones and the table's own.</summary>
    public int Width => SharedColumns.Count + Columns.Count;

    /// <summary>
    /// The parameterised INSERT of <paramref name="rows"/> rows in one statement (parameters @p0, @p1, ... row by row, in
    /// column order).
    /// </summary>
    public string InsertSql(int rows = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rows, 1);
        var names = string.Join(", ", SharedColumns.Concat(Columns).Select(c => c.Name));
        var sql = new StringBuilder();
        sql.Append(CultureInfo.InvariantCulture, $"INSERT INTO {Name} ({names}) VALUES ");
        for (var row = 0; row < rows; row++)
        {
            sql.Append(row == 0 ? "(" : ", (");
            for (var column = 0; column < Width; column++)
                sql.Append(column == 0 ? "@p" : ", @p").Append((row * Width + column).ToString(CultureInfo.InvariantCulture));
            sql.Append(')');
        }
        return sql.ToString();
    }

    /// <inheritdoc />
    public override string ToString() => Name;

    private static string TypeName(ColumnType type, SqlDialect dialect) => (type, dialect) switch
    {
        (ColumnType.Number, SqlDialect.PostgreSql) => "BIGINT",
        (ColumnType.Number, _) => "INTEGER",
        _ => "TEXT",
    };
}
