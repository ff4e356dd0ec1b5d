using System.Runtime.InteropServices;

namespace AidDao.Core.Chain;

/// <summary>
/// Finds the Anvil binary, in this order:
/// <list type="number">
/// <item>an explicit path (<see cref="DevnetOptions.AnvilPath"/>), else the <c>AIDDAO_ANVIL_PATH</c> environment variable;</item>
/// <item><c>node_modules/@foundry-rs/anvil-&lt;platform&gt;/bin/anvil</c> in the nearest folder, walking up from
/// <see cref="AppContext.BaseDirectory"/> and then from <see cref="Environment.CurrentDirectory"/>;</item>
/// <item><c>anvil</c> on <c>PATH</c>;</item>
/// <item>when walking up finds the repository root (a <c>package.json</c> naming <c>@foundry-rs/anvil</c>),
/// <c>npm ci --no-audit --no-fund</c> is run there once (serialised across threads and processes) and the
/// search retried.</item>
/// </list>
/// The binary found is made executable if it is not.
/// </summary>
public static class AnvilLocator
{
    /// <summary>Environment variable naming the Anvil binary; wins over every search.</summary>
    public const string PathEnvironmentVariable = "AIDDAO_ANVIL_PATH";

    /// <summary>The npm package whose <c>package.json</c> mention marks the repository root.</summary>
    internal const string RootPackageMarker = "@foundry-rs/anvil";

    private static readonly string BinaryName = OperatingSystem.IsWindows() ? "anvil.exe" : "anvil";

    /// <summary>
    /// The npm package that carries the Anvil binary for this machine, for example
    /// <c>@foundry-rs/anvil-linux-amd64</c>.
    /// </summary>
    public static string NpmPackageName { get; } = "@foundry-rs/anvil-" + PlatformSuffix();

    /// <summary>
    /// Where the binary sits below the repository root, for example
    /// <c>node_modules/@foundry-rs/anvil-linux-amd64/bin/anvil</c>.
    /// </summary>
    public static string RelativeBinaryPath { get; } =
        Path.Combine(["node_modules", .. NpmPackageName.Split('/'), "bin", BinaryName]);

    /// <summary>Finds the Anvil binary; see <see cref="AnvilLocator"/> for the search order.</summary>
    /// <param name="explicitPath">A path that must be used; when it does not exist, no search happens.</param>
    /// <param name="progress">Told, in a sentence, about slow steps (installing with npm).</param>
    /// <param name="cancellationToken">Cancels the search, including a running <c>npm ci</c>.</param>
    /// <returns>The full path of an executable Anvil binary.</returns>
    /// <exception cref="DevnetException">
    /// Anvil was not found; the message says to run <c>npm ci</c> in the repository root or set
    /// <c>AIDDAO_ANVIL_PATH</c>.
    /// </exception>
    public static async Task<string> LocateAsync(string? explicitPath = null, IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();

        string? fromEnvironment = Environment.GetEnvironmentVariable(PathEnvironmentVariable);
        (string? requested, string source) = string.IsNullOrWhiteSpace(explicitPath)
            ? (fromEnvironment, PathEnvironmentVariable)
            : (explicitPath, string.Equals(explicitPath.Trim(), fromEnvironment?.Trim(), StringComparison.Ordinal)
                ? PathEnvironmentVariable
                : $"{nameof(DevnetOptions)}.{nameof(DevnetOptions.AnvilPath)}");
        if (!string.IsNullOrWhiteSpace(requested))
        {
            string fullPath = Path.GetFullPath(requested.Trim());
            if (!File.Exists(fullPath))
            {
                throw NotFound($"Anvil was not found at '{fullPath}' (from {source}).");
            }

            return EnsureExecutable(fullPath);
        }

        IReadOnlyList<string> startDirectories = [AppContext.BaseDirectory, Environment.CurrentDirectory];

        string? found = FindInNodeModules(startDirectories) ?? FindOnPath(Environment.GetEnvironmentVariable("PATH"));
        if (found is not null)
        {
            return EnsureExecutable(found);
        }

        string? repositoryRoot = FindRepositoryRoot(startDirectories);
        if (repositoryRoot is not null)
        {
            progress?.Report($"Anvil is not installed yet: running `npm ci` in {repositoryRoot} (once; takes a minute)...");
            await NpmInstaller.InstallOnceAsync(repositoryRoot, Path.Combine(repositoryRoot, RelativeBinaryPath), cancellationToken)
                .ConfigureAwait(false);
            found = FindInNodeModules([repositoryRoot]);
            if (found is not null)
            {
                return EnsureExecutable(found);
            }

            throw NotFound($"Anvil is still missing after `npm ci` in '{repositoryRoot}' (expected {RelativeBinaryPath}).");
        }

        throw NotFound($"Anvil was not found in node_modules ({RelativeBinaryPath}) above '{AppContext.BaseDirectory}' nor on PATH.");
    }

    /// <summary>
    /// Walks up from each start directory in turn and returns the first
    /// <see cref="RelativeBinaryPath"/> that exists, or <see langword="null"/>.
    /// </summary>
    internal static string? FindInNodeModules(IEnumerable<string> startDirectories) =>
        FindWalkingUp(startDirectories, directory =>
        {
            string candidate = Path.Combine(directory, RelativeBinaryPath);
            return File.Exists(candidate) ? candidate : null;
        });

    /// <summary>
    /// Walks up from each start directory in turn and returns the first folder whose
    /// <c>package.json</c> mentions <c>@foundry-rs/anvil</c>, or <see langword="null"/>.
    /// </summary>
    internal static string? FindRepositoryRoot(IEnumerable<string> startDirectories) =>
        FindWalkingUp(startDirectories, directory =>
        {
            string packageJson = Path.Combine(directory, "package.json");
            try
            {
                return File.Exists(packageJson) && File.ReadAllText(packageJson).Contains(RootPackageMarker, StringComparison.Ordinal)
                    ? directory
                    : null;
            }
            catch (IOException)
            {
                return null;
            }
            catch (UnauthorizedAccessException)
            {
                return null;
            }
        });

    /// <summary>Returns the first <c>anvil</c> file in the directories of <paramref name="pathVariable"/>, or <see langword="null"/>.</summary>
    internal static string? FindOnPath(string? pathVariable)
    {
        if (string.IsNullOrEmpty(pathVariable))
        {
            return null;
        }

        foreach (string directory in pathVariable.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            try
            {
                string candidate = Path.Combine(directory.Trim('"'), BinaryName);
                if (File.Exists(candidate))
                {
                    return Path.GetFullPath(candidate);
                }
            }
            catch (ArgumentException)
            {
                // A malformed PATH entry: skip it.
            }
        }

        return null;
    }

    /// <summary>
    /// Adds the execute permission (user, group, other) to <paramref name="path"/> when the user
    /// lacks it, as happens when node_modules was copied or unpacked without modes. No-op on Windows.
    /// </summary>
    /// <returns><paramref name="path"/>.</returns>
    /// <exception cref="DevnetException">The file is not executable and its mode cannot be changed.</exception>
    internal static string EnsureExecutable(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return path;
        }

        try
        {
            UnixFileMode mode = File.GetUnixFileMode(path);
            if (!mode.HasFlag(UnixFileMode.UserExecute))
            {
                File.SetUnixFileMode(path, mode | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new DevnetException($"Anvil at '{path}' is not executable and could not be made executable: {ex.Message}", ex);
        }

        return path;
    }

    private static string? FindWalkingUp(IEnumerable<string> startDirectories, Func<string, string?> probe)
    {
        foreach (string start in startDirectories)
        {
            if (string.IsNullOrEmpty(start))
            {
                continue;
            }

            for (DirectoryInfo? directory = new(Path.GetFullPath(start)); directory is not null; directory = directory.Parent)
            {
                if (probe(directory.FullName) is { } hit)
                {
                    return hit;
                }
            }
        }

        return null;
    }

    private static DevnetException NotFound(string reason) =>
        new($"{reason} Run `npm ci` in the repository root, or set {PathEnvironmentVariable} to the anvil binary.");

    private static string PlatformSuffix()
    {
        string os = OperatingSystem.IsWindows() ? "win32" : OperatingSystem.IsMacOS() ? "darwin" : "linux";
        string cpu = RuntimeInformation.OSArchitecture == Architecture.Arm64 ? "arm64" : "amd64";
        return $"{os}-{cpu}";
    }
}
