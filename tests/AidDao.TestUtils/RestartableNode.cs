using System.Globalization;
using System.IO.Compression;
using System.Text.Json;
using AidDao.Core.Chain;

namespace AidDao.TestUtils;

/// <summary>
/// A private Anvil devnet that can be stopped and started again with the same chain: same block numbers and hashes,
/// transactions, receipts and logs (<c>eth_getLogs</c> over old blocks), accounts, nonces, contract code and storage,
/// and the state at old blocks. The restarted node listens on a new port: point clients (or
/// <see cref="RpcFaultProxy.Retarget"/>) at the new <see cref="Devnet.RpcUrl"/>.
/// </summary>
/// <remarks>
/// <para>
/// <see cref="StopAsync"/> saves the chain with <c>anvil_dumpState(true)</c> (historical states included) and kills
/// Anvil; <see cref="StartAgainAsync"/> starts Anvil with <c>--load-state</c>. Not kept: the mempool, <c>evm_snapshot</c>
/// ids, and a clock moved ahead with <c>evm_increaseTime</c> (Anvil restarts on the wall clock; when the chain is ahead
/// of it, <see cref="StartAgainAsync"/> sets the clock to one second after the latest block so timestamps keep rising).
/// </para>
/// <para>Not thread-safe. Always starts its own Anvil: <see cref="DevnetOptions.ExistingRpcUrl"/> is refused.</para>
/// </remarks>
public sealed class RestartableNode : IAsyncDisposable
{
    private readonly DevnetOptions _options;
    private readonly string _directory;
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(60) };
    private Devnet? _devnet;

    private RestartableNode(DevnetOptions options, string directory)
    {
        _options = options;
        _directory = directory;
    }

    /// <summary>The running devnet.</summary>
    /// <exception cref="InvalidOperationException">The node is stopped.</exception>
    public Devnet Devnet => _devnet ?? throw new InvalidOperationException(
        $"The node is stopped: call {nameof(StartAgainAsync)} before using it.");

    /// <summary>Whether Anvil is running.</summary>
    public bool IsRunning => _devnet is not null;

    /// <summary>The file the chain is saved to by <see cref="StopAsync"/> (Anvil's state JSON).</summary>
    public string StatePath => Path.Combine(_directory, "state.json");

    /// <summary>Starts Anvil with <paramref name="options"/>.</summary>
    /// <param name="options">Anvil options (<see cref="DevnetOptions.ExtraArguments"/> are kept on restart); null means defaults.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>A running node. Dispose it.</returns>
    /// <exception cref="ArgumentException"><see cref="DevnetOptions.ExistingRpcUrl"/> is set.</exception>
    public static async Task<RestartableNode> StartAsync(DevnetOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new DevnetOptions();
        if (options.ExistingRpcUrl is not null)
        {
            throw new ArgumentException("A restartable node starts its own Anvil; ExistingRpcUrl (AIDDAO_RPC_URL) cannot be restarted.", nameof(options));
        }

        var node = new RestartableNode(options, Directory.CreateTempSubdirectory("aiddao-node-").FullName);
        try
        {
            node._devnet = await Devnet.StartAsync(node.CreateOptions(loadState: false), cancellationToken).ConfigureAwait(false);
            return node;
        }
        catch
        {
            await node.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Saves the chain to <see cref="StatePath"/> and stops Anvil.</summary>
    /// <param name="cancellationToken">Cancels the save (Anvil is then left running).</param>
    /// <returns>A task that completes when Anvil has exited.</returns>
    /// <exception cref="InvalidOperationException">The node is already stopped.</exception>
    /// <exception cref="DevnetException">Anvil did not answer <c>anvil_dumpState</c>.</exception>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        Devnet devnet = Devnet;
        JsonElement dump = await NodeRpc.CallAsync(_http, devnet.RpcUrl, "anvil_dumpState", "[true]", cancellationToken).ConfigureAwait(false);
        string hex = dump.ValueKind == JsonValueKind.String ? dump.GetString()! : "";
        if (!hex.StartsWith("0x", StringComparison.Ordinal))
        {
            throw new DevnetException($"anvil_dumpState returned {dump.GetRawText()} instead of hex bytes.");
        }

        byte[] bytes = Convert.FromHexString(hex.AsSpan(2));
        FileStream file = File.Create(StatePath);
        await using (file.ConfigureAwait(false))
        {
            // Anvil 1.x gzips the dump; --load-state reads the plain JSON.
            bool gzip = bytes is [0x1f, 0x8b, ..];
            using var input = new MemoryStream(bytes);
            using Stream source = gzip ? new GZipStream(input, CompressionMode.Decompress) : input;
            await source.CopyToAsync(file, cancellationToken).ConfigureAwait(false);
        }

        _devnet = null;
        await devnet.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>Starts Anvil again from the chain saved by <see cref="StopAsync"/>, on a new port.</summary>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The new devnet (also <see cref="Devnet"/>); its <see cref="Devnet.RpcUrl"/> differs from the old one.</returns>
    /// <exception cref="InvalidOperationException">The node is running, or was never stopped.</exception>
    public async Task<Devnet> StartAgainAsync(CancellationToken cancellationToken = default)
    {
        if (_devnet is not null) throw new InvalidOperationException($"The node is running: call {nameof(StopAsync)} first.");
        if (!File.Exists(StatePath)) throw new InvalidOperationException($"No saved chain at {StatePath}: call {nameof(StopAsync)} first.");

        Devnet devnet = await Devnet.StartAsync(CreateOptions(loadState: true), cancellationToken).ConfigureAwait(false);
        try
        {
            await KeepTimestampsRisingAsync(devnet.RpcUrl, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await devnet.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        _devnet = devnet;
        return devnet;
    }

    /// <summary>Stops Anvil (without saving) and deletes the saved chain.</summary>
    /// <returns>A task that completes when Anvil has exited.</returns>
    public async ValueTask DisposeAsync()
    {
        Devnet? devnet = _devnet;
        _devnet = null;
        if (devnet is not null) await devnet.DisposeAsync().ConfigureAwait(false);
        _http.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary folder is harmless.
        }
    }

    /// <summary>Describes the node, for test output.</summary>
    /// <returns>The running devnet's description, or that the node is stopped.</returns>
    public override string ToString() => _devnet?.ToString() ?? $"RestartableNode (stopped, chain saved at {StatePath})";

    private DevnetOptions CreateOptions(bool loadState) => new()
    {
        AnvilPath = _options.AnvilPath,
        StartupTimeout = _options.StartupTimeout,
        ChainId = _options.ChainId,
        BlockTimeSeconds = _options.BlockTimeSeconds,
        ExtraArguments = loadState ? [.. _options.ExtraArguments, "--load-state", StatePath] : _options.ExtraArguments,
        Progress = _options.Progress,
    };

    private async Task KeepTimestampsRisingAsync(Uri rpcUrl, CancellationToken cancellationToken)
    {
        JsonElement block = await NodeRpc.CallAsync(_http, rpcUrl, "eth_getBlockByNumber", """["latest",false]""", cancellationToken).ConfigureAwait(false);
        string text = block.GetProperty("timestamp").GetString()!;
        long latest = long.Parse(text.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
        if (latest >= DateTimeOffset.UtcNow.ToUnixTimeSeconds())
        {
            await NodeRpc.CallAsync(_http, rpcUrl, "evm_setTime", string.Create(CultureInfo.InvariantCulture, $"[{latest + 1}]"), cancellationToken).ConfigureAwait(false);
        }
    }
}
