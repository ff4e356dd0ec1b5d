namespace AidDao.Core;

/// <summary>
/// AidDao's folder for what it keeps between runs (wallets, networks.json, deployment records, the local index):
/// <c>$AIDDAO_HOME</c> when that variable is set, else <c>~/.aiddao</c>.
/// </summary>
public static class AidDaoHome
{
    /// <summary>The variable that names the folder.</summary>
    public const string Variable = "AIDDAO_HOME";

    /// <summary>The folder's path (it may not exist yet).</summary>
    public static string Directory()
    {
        var home = Environment.GetEnvironmentVariable(Variable);
        return string.IsNullOrWhiteSpace(home)
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".aiddao")
            : home;
    }
}
