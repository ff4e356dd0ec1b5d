namespace AidDao.Core.Chain;

/// <summary>
/// The Anvil processes owned by live <see cref="Devnet"/>s in this host. On
/// <see cref="AppDomain.ProcessExit"/> and <see cref="AppDomain.UnhandledException"/> it kills
/// them all, so a test host that crashes or exits without disposing its devnets leaves no Anvil
/// running. (A host killed with SIGKILL runs no handlers; nothing in-process can help then.)
/// </summary>
internal static class LiveAnvilProcesses
{
    private static readonly Lock Gate = new();
    private static readonly HashSet<AnvilProcess> Live = [];
    private static bool _handlersInstalled;

    /// <summary>The number of tracked processes (for tests).</summary>
    public static int Count
    {
        get
        {
            lock (Gate)
            {
                return Live.Count;
            }
        }
    }

    public static void Track(AnvilProcess process)
    {
        lock (Gate)
        {
            if (!_handlersInstalled)
            {
                AppDomain.CurrentDomain.ProcessExit += (_, _) => KillAll();
                AppDomain.CurrentDomain.UnhandledException += (_, _) => KillAll();
                _handlersInstalled = true;
            }

            Live.Add(process);
        }
    }

    public static void Untrack(AnvilProcess process)
    {
        lock (Gate)
        {
            Live.Remove(process);
        }
    }

    private static void KillAll()
    {
        AnvilProcess[] processes;
        lock (Gate)
        {
            processes = [.. Live];
            Live.Clear();
        }

        foreach (AnvilProcess process in processes)
        {
            process.KillTree(TimeSpan.FromSeconds(5));
        }
    }
}
