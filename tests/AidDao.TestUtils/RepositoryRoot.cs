namespace AidDao.TestUtils;

/// <summary>Finds the repository root (the folder holding AidDao.sln) from the test's output folder.</summary>
public static class RepositoryRoot
{
    /// <summary>The repository root's full path.</summary>
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "AidDao.sln"))) return directory.FullName;
        }
        throw new InvalidOperationException($"No AidDao.sln above {AppContext.BaseDirectory}.");
    }
}
