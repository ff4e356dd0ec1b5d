using System.Globalization;

namespace AidDao.Indexer;

/// <summary>
/// The name an indexer holds a chain's lease under: <c>machine/process/instance</c>, where the machine part also names the
/// process's PID namespace where it has one (Linux: <c>web1@pid:[4026531836]/4242/3f2a…</c>). Two containers with host
/// networking share a host name but not their process ids: a process id means something only with its namespace.
/// </summary>
/// <param name="Machine">The machine's name (<see cref="Environment.MachineName"/>).</param>
/// <param name="PidNamespace">The process's PID namespace (<c>pid:[inode]</c>), null where unknown (not Linux, or an owner written before namespaces were recorded).</param>
/// <param name="ProcessId">The process id within that namespace.</param>
/// <param name="Instance">A random id of the indexer within the process.</param>
public sealed record LeaseOwner(string Machine, string? PidNamespace, int ProcessId, string Instance)
{
    private const char NamespaceSeparator = '@';

    private static readonly Lazy<string?> CurrentNamespace = new(ReadPidNamespace);

    /// <summary>This process's PID namespace, such as <c>pid:[4026531836]</c>; null where it cannot be read.</summary>
    public static string? CurrentPidNamespace => CurrentNamespace.Value;

    /// <summary>A new owner name for an indexer of this process.</summary>
    public static LeaseOwner NewForThisProcess() =>
        new(Environment.MachineName, CurrentPidNamespace, Environment.ProcessId, Guid.NewGuid().ToString("N"));

    /// <summary>Whether this owner is a process of this machine and PID namespace (its process id can be checked here).</summary>
    public bool SharesProcessSpace => Machine == Environment.MachineName && PidNamespace == CurrentPidNamespace;

    /// <summary>Whether this owner is an indexer of this very process.</summary>
    public bool IsThisProcess => SharesProcessSpace && ProcessId == Environment.ProcessId;

    /// <summary>Reads an owner name; false for a name of another form (then nothing is known about the holder).</summary>
    public static bool TryParse(string? value, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out LeaseOwner? owner)
    {
        owner = null;
        var parts = value?.Split('/');
        if (parts is not { Length: 3 } || parts[0].Length == 0 || parts[2].Length == 0
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var pid)) return false;
        var at = parts[0].IndexOf(NamespaceSeparator, StringComparison.Ordinal);
        var machine = at < 0 ? parts[0] : parts[0][..at];
        string? pidNamespace = at < 0 ? null : parts[0][(at + 1)..];
        if (machine.Length == 0 || pidNamespace is { Length: 0 }) return false;
        owner = new LeaseOwner(machine, pidNamespace, pid, parts[2]);
        return true;
    }

    /// <summary>The name as stored in the lease table.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Machine}{(PidNamespace is null ? "" : NamespaceSeparator + PidNamespace)}/{ProcessId}/{Instance}");

    private static string? ReadPidNamespace()
    {
        if (!OperatingSystem.IsLinux()) return null;
        try
        {
            return new FileInfo("/proc/self/ns/pid").LinkTarget is { Length: > 0 } target && !target.Contains('/', StringComparison.Ordinal) ? target : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
