using AidDao.Data;

namespace AidDao.Indexer.Tests.Support;

/// <summary>A fresh SQLite index in a temporary folder, migrated, deleted on disposal.</summary>
public sealed class TempIndex : IDisposable
{
    private TempIndex(string folder, IndexDatabase database)
    {
        Folder = folder;
        Database = database;
        Store = new IndexStore(database);
        ReadModel = new SqlReadModel(database);
    }

    public string Folder { get; }

    public string Path => System.IO.Path.Combine(Folder, "index.db");

    public IndexDatabase Database { get; }

    public IndexStore Store { get; }

    public SqlReadModel ReadModel { get; }

    public static async Task<TempIndex> CreateAsync(CancellationToken ct)
    {
        var folder = Directory.CreateTempSubdirectory("aiddao-index-").FullName;
        var database = IndexDatabase.FromSetting(System.IO.Path.Combine(folder, "index.db"));
        await SchemaMigrations.ApplyAsync(database, ct);
        return new TempIndex(folder, database);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
