namespace AidDao.Data;

/// <summary>The SQL database engines the read model runs on.</summary>
public enum SqlDialect
{
    /// <summary>SQLite: one file under a data folder, the embedded default.</summary>
    Sqlite,

    /// <summary>PostgreSQL, selected by a connection string.</summary>
    PostgreSql,
}
