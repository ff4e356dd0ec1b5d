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
    /// <param name="columns">Its own columns, after the shared ones.</param>
    public FactTable(string name, params FactColumn[] columns)
    {
        Name = name;
        Columns = columns;
    }

    /// <summary>The table's name.</summary>
    public string Name { get; }

    /// <summary>The table's own columns, after <see cref="SharedColumns"/>.</summary>
    public IReadOnlyList<FactColumn> Columns { get; }

    /// <summary>The CREATE TABLE and CREATE INDEX statements for <paramref name="dialect"/>.</summary>
    public string CreateSql(SqlDialect dialect)
    {
        var sql = new StringBuilder();
        sql.Append(CultureInfo.InvariantCulture, $"CREATE TABLE {Name} (");
        foreach (var column in SharedColumns.Concat(Columns))
            sql.Append(CultureInfo.InvariantCulture, $"{column.Name} {TypeName(column.Type, dialect)}{(SharedColumns.Contains(column) ? " NOT NULL" : "")}, ");
        sql.Append("PRIMARY KEY (chain_id, block_hash, log_index, entry));\n");
        sql.Append(CultureInfo.InvariantCulture, $"CREATE INDEX ix_{Name}_block ON {Name} (chain_id, block_number);\n");
        sql.Append(CultureInfo.InvariantCulture, $"CREATE INDEX ix_{Name}_contract ON {Name} (chain_id, contract);\n");
        return sql.ToString();
    }

    /// <summary>The parameterised INSERT statement (parameters @p0, @p1, ... in column order).</summary>
    public string InsertSql()
    {
        var all = SharedColumns.Concat(Columns).ToList();
        var names = string.Join(", ", all.Select(c => c.Name));
        var parameters = string.Join(", ", all.Select((_, i) => "@p" + i.ToString(CultureInfo.InvariantCulture)));
        return $"INSERT INTO {Name} ({names}) VALUES ({parameters})";
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
