namespace AidDao.Core.Chain;

/// <summary>
/// The networks AidDao can be pointed at by name: the built-in ones (Ethereum, Sepolia, Base, Optimism, Arbitrum,
/// Polygon, Gnosis and their test networks, and <c>local</c>), plus those a networks file adds or changes (see
/// docs/networks.md). Names are matched without regard to case.
/// </summary>
public sealed class ChainProfiles
{
    /// <summary>The networks file's name in AidDao's folder.</summary>
    public const string FileName = "networks.json";

    private ChainProfiles(IReadOnlyList<ChainProfile> all, string? sourceFile)
    {
        All = all;
        SourceFile = sourceFile;
    }

    /// <summary>The built-in profiles.</summary>
    public static IReadOnlyList<ChainProfile> BuiltIn => BuiltInChainProfiles.All;

    /// <summary>The built-in profiles alone.</summary>
    public static ChainProfiles Default { get; } = new(BuiltInChainProfiles.All, null);

    /// <summary>Every profile: built-ins (as the file changed them), then the file's new ones.</summary>
    public IReadOnlyList<ChainProfile> All { get; }

    /// <summary>The full path of the networks file read, or null when there was none.</summary>
    public string? SourceFile { get; }

    /// <summary><c>$AIDDAO_HOME/networks.json</c>, else <c>~/.aiddao/networks.json</c>.</summary>
    public static string DefaultFilePath() => Path.Combine(AidDaoHome.Directory(), FileName);

    /// <summary>
    /// The built-ins with the networks file at <paramref name="path"/> (which must exist) applied; without a path, the
    /// file at <see cref="DefaultFilePath"/> when there is one. A file that cannot be read or is not valid is an
    /// <see cref="AidDaoInputException"/> naming the file and the problem.
    /// </summary>
    public static ChainProfiles Load(string? path = null)
    {
        var full = Path.GetFullPath(path ?? DefaultFilePath());
        if (path is null && !File.Exists(full)) return Default;
        string json;
        try
        {
            json = File.ReadAllText(full);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new AidDaoInputException($"Cannot read the networks file {full}: {exception.Message}", exception);
        }
        return Parse(json, full);
    }

    /// <summary>The built-ins with the networks file <paramref name="json"/> applied; <paramref name="source"/> names it in errors.</summary>
    public static ChainProfiles Parse(string json, string source)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(source);
        return new ChainProfiles(NetworksFile.Apply(json, source, BuiltInChainProfiles.All), source);
    }

    /// <summary>The profile called <paramref name="name"/>, or null.</summary>
    public ChainProfile? Find(string name) =>
        All.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>The profile called <paramref name="name"/>; an unknown name is an <see cref="AidDaoInputException"/> listing the known ones.</summary>
    public ChainProfile Get(string name) => Find(name) ?? throw new AidDaoInputException(
        $"There is no network called '{Redaction.Input(name)}': use one of {string.Join(", ", All.Select(p => p.Name))}, "
        + $"or add it to {SourceFile ?? DefaultFilePath()}.");

    /// <summary>The profiles of chain <paramref name="chainId"/>.</summary>
    public IEnumerable<ChainProfile> ForChain(long chainId) => All.Where(p => p.ChainId == chainId);
}
