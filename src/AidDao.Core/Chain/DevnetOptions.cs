namespace AidDao.Core.Chain;

/// <summary>
/// How <see cref="Devnet.StartAsync"/> gets a chain: attach to a running node
/// (<see cref="ExistingRpcUrl"/>) or start a private Anvil process.
/// </summary>
public sealed class DevnetOptions
{
    /// <summary>Environment variable read by <see cref="FromEnvironment()"/>: JSON-RPC URL of a node to attach to instead of starting Anvil.</summary>
    public const string RpcUrlEnvironmentVariable = "AIDDAO_RPC_URL";

    /// <summary>Environment variable read by <see cref="FromEnvironment()"/> and <see cref="AnvilLocator"/>: path of the Anvil binary.</summary>
    public const string AnvilPathEnvironmentVariable = AnvilLocator.PathEnvironmentVariable;

    /// <summary>Anvil's default chain id, used unless <see cref="ChainId"/> says otherwise.</summary>
    public const long DefaultChainId = 31337;

    /// <summary>The default <see cref="StartupTimeout"/>: 30 seconds.</summary>
    public static TimeSpan DefaultStartupTimeout { get; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// JSON-RPC (HTTP) URL of a running node to attach to. When set, no process is started,
    /// <see cref="Devnet.OwnsProcess"/> is <see langword="false"/>, disposing the devnet leaves the
    /// node running, and <see cref="AnvilPath"/>, <see cref="ChainId"/>,
    /// <see cref="BlockTimeSeconds"/> and <see cref="ExtraArguments"/> are ignored (the chain id is
    /// read from the node). The node must support the Anvil/Hardhat <c>evm_*</c> methods.
    /// </summary>
    public Uri? ExistingRpcUrl { get; set; }

    /// <summary>
    /// Path of the Anvil binary. When <see langword="null"/>, <see cref="AnvilLocator"/> searches
    /// <c>AIDDAO_ANVIL_PATH</c>, the repository's <c>node_modules</c> and <c>PATH</c>.
    /// </summary>
    public string? AnvilPath { get; set; }

    /// <summary>
    /// How long to wait, in total, for Anvil to start listening and answer <c>eth_chainId</c>
    /// (or for an attached node to answer). Default: <see cref="DefaultStartupTimeout"/>.
    /// </summary>
    public TimeSpan StartupTimeout { get; set; } = DefaultStartupTimeout;

    /// <summary>Chain id passed to Anvil as <c>--chain-id</c>. Default: <see cref="DefaultChainId"/>.</summary>
    public long ChainId { get; set; } = DefaultChainId;

    /// <summary>
    /// Interval mining: Anvil mines a block every this many seconds (<c>--block-time</c>).
    /// <see langword="null"/> (the default) means automine: one block per transaction.
    /// </summary>
    public int? BlockTimeSeconds { get; set; }

    /// <summary>Further command-line arguments appended to Anvil's, for example <c>["--hardfork", "prague"]</c>.</summary>
    public IReadOnlyList<string> ExtraArguments { get; set; } = [];

    /// <summary>Receives a sentence about slow start-up steps (such as installing Anvil with npm); null = silent.</summary>
    public IProgress<string>? Progress { get; set; }

    /// <summary>
    /// Reads options from the environment: <c>AIDDAO_RPC_URL</c> into <see cref="ExistingRpcUrl"/>
    /// and <c>AIDDAO_ANVIL_PATH</c> into <see cref="AnvilPath"/>. Unset or blank variables leave the
    /// defaults.
    /// </summary>
    /// <returns>New options; the caller may still change them.</returns>
    /// <exception cref="DevnetException"><c>AIDDAO_RPC_URL</c> is not an absolute http(s) URL.</exception>
    public static DevnetOptions FromEnvironment() => FromEnvironment(Environment.GetEnvironmentVariable);

    /// <summary>Testable core of <see cref="FromEnvironment()"/>.</summary>
    internal static DevnetOptions FromEnvironment(Func<string, string?> getVariable)
    {
        ArgumentNullException.ThrowIfNull(getVariable);

        var options = new DevnetOptions();

        string? rpcUrl = getVariable(RpcUrlEnvironmentVariable)?.Trim();
        if (!string.IsNullOrEmpty(rpcUrl))
        {
            if (!Uri.TryCreate(rpcUrl, UriKind.Absolute, out Uri? uri)
                || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                throw new DevnetException(
                    $"{RpcUrlEnvironmentVariable} is '{Redaction.Input(rpcUrl)}', which is not an absolute http(s) URL such as http://127.0.0.1:8545.");
            }

            options.ExistingRpcUrl = uri;
        }

        string? anvilPath = getVariable(AnvilPathEnvironmentVariable)?.Trim();
        if (!string.IsNullOrEmpty(anvilPath))
        {
            options.AnvilPath = anvilPath;
        }

        return options;
    }

    /// <summary>Throws <see cref="ArgumentException"/> when a value is out of range.</summary>
    internal void Validate()
    {
        if (StartupTimeout <= TimeSpan.Zero && StartupTimeout != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentException($"{nameof(StartupTimeout)} must be positive (was {StartupTimeout}).", "options");
        }

        if (ChainId <= 0)
        {
            throw new ArgumentException($"{nameof(ChainId)} must be positive (was {ChainId}).", "options");
        }

        if (BlockTimeSeconds is <= 0)
        {
            throw new ArgumentException($"{nameof(BlockTimeSeconds)} must be positive or null for automine (was {BlockTimeSeconds}).", "options");
        }

        if (ExtraArguments is null || ExtraArguments.Any(argument => argument is null))
        {
            throw new ArgumentException($"{nameof(ExtraArguments)} must not be null or contain null.", "options");
        }

        if (ExistingRpcUrl is { IsAbsoluteUri: false })
        {
            throw new ArgumentException($"{nameof(ExistingRpcUrl)} must be an absolute URL (was '{ExistingRpcUrl}').", "options");
        }
    }
}
