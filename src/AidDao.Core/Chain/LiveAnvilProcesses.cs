using System.Runtime.InteropServices;

namespace AidDao.Core.Chain;

/// <summary>
/// The Anvil processes owned by live <see cref="Devnet"/>s in this host, killed when the host goes
/// down without disposing them: on <see cref="AppDomain.ProcessExit"/>, on
/// <see cref="AppDomain.UnhandledException"/>, and on SIGTERM, SIGQUIT and SIGHUP unless a handler
/// that ran before this one cancelled the signal (the runtime raises no ProcessExit when such a
/// signal terminates the host).
/// </summary>
/// <remarks>
/// SIGINT is left alone: a terminal's Ctrl-C reaches Anvil itself (same foreground process group),
/// and hosts such as System.CommandLine handle it to shut down gracefully, disposing their devnets;
/// killing Anvil first would pull the chain from under that shutdown. A host killed with SIGKILL
/// runs no code at all; its Anvil is orphaned.
/// </remarks>
internal static class LiveAnvilProcesses
{
    private static readonly Lock Gate = new();
    private static readonly HashSet<AnvilProcess> Live = [];
    private static readonly TimeSpan KillWait = TimeSpan.FromSeconds(5);
    private static List<PosixSignalRegistration>? _signalRegistrations;

    public static void Track(AnvilProcess process)
    {
        lock (Gate)
        {
            if (_signalRegistrations is null)
            {
                InstallHandlers();
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

    private static void InstallHandlers()
    {
        AppDomain.CurrentDomain.ProcessExit += (_, _) => KillAll();
        AppDomain.CurrentDomain.UnhandledException += (_, _) => KillAll();

        _signalRegistrations = [];
        foreach (PosixSignal signal in (PosixSignal[])[PosixSignal.SIGTERM, PosixSignal.SIGQUIT, PosixSignal.SIGHUP])
        {
            try
            {
                // Handlers run in registration order. If one registered before this (on the first devnet
                // start) cancelled the signal, the host lives on and disposes its devnets itself.
                _signalRegistrations.Add(PosixSignalRegistration.Create(signal, context =>
                {
                    if (!context.Cancel)
                    {
                        KillAll();
                    }
                }));
            }
            catch (PlatformNotSupportedException)
            {
                // Not on this platform: ProcessExit remains.
            }
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
            process.KillTree(KillWait);
        }
    }
}
