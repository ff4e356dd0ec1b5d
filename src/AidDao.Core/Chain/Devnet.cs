using System.Globalization;
using System.Numerics;
using System.Text.Json;
using AidDao.Core.Transactions;

namespace AidDao.Core.Chain;

/// <summary>
/// A local Ethereum development chain for tests and demos: a private Anvil process started on a
/// free port of 127.0.0.1 (or, with <see cref="DevnetOptions.ExistingRpcUrl"/>, a node that is
/// already running), with funded <see cref="Accounts"/> and the devnet controls tests need:
/// snapshots, time travel and mining.
/// </summary>
/// <remarks>
/// <para>
/// Dispose it (<c>await using</c>): disposal kills Anvil's whole process tree and waits for it to
/// exit, also when the <c>await using</c> body throws. As a safety net, Anvil processes of devnets
/// that are still alive are killed on <see cref="AppDomain.ProcessExit"/>,
/// <see cref="AppDomain.UnhandledException"/> and a terminating SIGTERM, SIGQUIT or SIGHUP. A host
/// killed with SIGKILL leaves its Anvil running.
/// </para>
/// <para>
/// A devnet is safe to use from several threads, but the chain is shared state: snapshots,
/// reverts and time travel affect every user of the node.
/// </para>
/// </remarks>
/// <example>
/// <code>
/// await using Devnet devnet = await Devnet.StartAsync(DevnetOptions.FromEnvironment(), ct);
/// string snapshot = await devnet.SnapshotAsync(ct);
/// Nethereum.Web3.Web3 web3 = devnet.CreateWeb3(devnet.Accounts[0]);
/// // ... transact ...
/// await devnet.RevertAsync(snapshot, ct);
/// </code>
/// </example>
public sealed class Devnet : IAsyncDisposable
{
    private static readonly TimeSpan ReadinessPollInterval = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan FailureOutputWait = TimeSpan.FromSeconds(2);

    private readonly DevnetRpcClient _rpc;
    private readonly AnvilProcess? _anvil;
    private int _disposed;

    private Devnet(DevnetRpcClient rpc, long chainId, AnvilProcess? anvil)
    {
        _rpc = rpc;
        _anvil = anvil;
        ChainId = chainId;
    }

    /// <summary>The node's JSON-RPC (HTTP) endpoint, for example <c>http://127.0.0.1:40123/</c>.</summary>
    public Uri RpcUrl => _rpc.Endpoint;

    /// <summary>The chain id the node reported through <c>eth_chainId</c>.</summary>
    public long ChainId { get; }

    /// <summary>
    /// The ten well-known Anvil dev accounts (<see cref="AnvilDevAccounts.All"/>), each funded with
    /// 10 000 ETH on a freshly started Anvil.
    /// </summary>
    public IReadOnlyList<DevAccount> Accounts { get; } = AnvilDevAccounts.All;

    /// <summary>
    /// Whether this devnet started (and will kill) its Anvil process; <see langword="false"/> when
    /// attached to an existing node through <see cref="DevnetOptions.ExistingRpcUrl"/>.
    /// </summary>
    public bool OwnsProcess => _anvil is not null;

    /// <summary>The operating-system id of the owned Anvil process; <see langword="null"/> when attached.</summary>
    public int? ProcessId => _anvil?.Id;

    /// <summary>
    /// Starts Anvil on 127.0.0.1 with <c>--port 0</c> and <c>--chain-id</c>, reads the port it
    /// bound from its output and waits until <c>eth_chainId</c> answers; or, when
    /// <see cref="DevnetOptions.ExistingRpcUrl"/> is set, attaches to that node without starting
    /// anything.
    /// </summary>
    /// <param name="options">Where the chain comes from; <see langword="null"/> means defaults (start Anvil, found by <see cref="AnvilLocator"/>).</param>
    /// <param name="cancellationToken">Cancels startup; a started Anvil is killed.</param>
    /// <returns>A ready devnet. Dispose it.</returns>
    /// <exception cref="ArgumentException"><paramref name="options"/> holds an invalid value.</exception>
    /// <exception cref="DevnetException">
    /// Anvil was not found, could not start, exited, or did not answer within
    /// <see cref="DevnetOptions.StartupTimeout"/>; the message includes Anvil's last standard-error lines.
    /// </exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static async Task<Devnet> StartAsync(DevnetOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new DevnetOptions();
        options.Validate();
        cancellationToken.ThrowIfCancellationRequested();

        return options.ExistingRpcUrl is { } existingRpcUrl
            ? await AttachAsync(existingRpcUrl, options.StartupTimeout, cancellationToken).ConfigureAwait(false)
            : await LaunchAsync(options, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Creates a Nethereum <see cref="Nethereum.Web3.Web3"/> connected to <see cref="RpcUrl"/> that
    /// signs transactions locally with <paramref name="account"/>'s key for <see cref="ChainId"/>.
    /// </summary>
    /// <param name="account">Usually one of <see cref="Accounts"/>.</param>
    /// <returns>A new client; it holds no resources that need disposing.</returns>
    public Nethereum.Web3.Web3 CreateWeb3(DevAccount account)
    {
        ArgumentNullException.ThrowIfNull(account);
        ThrowIfDisposed();
        return SigningWeb3.Create(account.PrivateKey, new BigInteger(ChainId), RpcUrl);
    }

    /// <summary>Records the chain state (<c>evm_snapshot</c>) so <see cref="RevertAsync"/> can return to it.</summary>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The snapshot id, for example <c>0x0</c>.</returns>
    public async Task<string> SnapshotAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        JsonElement result = await _rpc.SendAsync("evm_snapshot", [], cancellationToken).ConfigureAwait(false);
        return result.ValueKind == JsonValueKind.String ? result.GetString()! : result.GetRawText();
    }

    /// <summary>
    /// Returns the chain to a snapshot (<c>evm_revert</c>): balances, contracts, block number and
    /// block time. The snapshot and every later one are consumed: take a new snapshot to revert again.
    /// </summary>
    /// <param name="snapshotId">An id returned by <see cref="SnapshotAsync"/>.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <exception cref="DevnetException">The node returned <see langword="false"/>: no such snapshot, or it was already reverted.</exception>
    public async Task RevertAsync(string snapshotId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(snapshotId);
        ThrowIfDisposed();

        JsonElement result = await _rpc.SendAsync("evm_revert", [snapshotId], cancellationToken).ConfigureAwait(false);
        if (result.ValueKind != JsonValueKind.True)
        {
            throw new DevnetException(
                $"evm_revert to snapshot '{snapshotId}' returned {result.GetRawText()}: the snapshot does not exist or was already reverted (a snapshot can be reverted only once).");
        }
    }

    /// <summary>
    /// Moves chain time forward (<c>evm_increaseTime</c>, rounded up to whole seconds) and mines a
    /// block (<c>evm_mine</c>) so the new time is visible in <c>block.timestamp</c>.
    /// </summary>
    /// <param name="duration">How far to move; not negative.</param>
    /// <param name="cancellationToken">Cancels the requests.</param>
    public async Task IncreaseTimeAsync(TimeSpan duration, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(duration, TimeSpan.Zero);
        ThrowIfDisposed();

        long seconds = duration.Ticks / TimeSpan.TicksPerSecond + (duration.Ticks % TimeSpan.TicksPerSecond == 0 ? 0 : 1);
        await _rpc.SendAsync("evm_increaseTime", [seconds], cancellationToken).ConfigureAwait(false);
        await _rpc.SendAsync("evm_mine", [], cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Mines <paramref name="blocks"/> blocks at once with <c>anvil_mine</c>; on nodes without it,
    /// one <c>evm_mine</c> per block.
    /// </summary>
    /// <param name="blocks">How many blocks; at least 1.</param>
    /// <param name="cancellationToken">Cancels the requests.</param>
    public async Task MineAsync(int blocks = 1, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(blocks, 1);
        ThrowIfDisposed();

        try
        {
            await _rpc.SendAsync("anvil_mine", [HexQuantity.Format(blocks)], cancellationToken).ConfigureAwait(false);
        }
        catch (DevnetRpcException ex) when (ex.Code == DevnetRpcException.MethodNotFoundCode)
        {
            for (int mined = 0; mined < blocks; mined++)
            {
                await _rpc.SendAsync("evm_mine", [], cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// Sends any JSON-RPC request to the node (for devnet controls without a method here, such as <c>anvil_reorg</c>).
    /// </summary>
    /// <param name="method">The JSON-RPC method.</param>
    /// <param name="parameters">Its parameters (serialised as JSON).</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The result.</returns>
    public Task<JsonElement> RequestAsync(string method, IReadOnlyList<object?> parameters, CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        return _rpc.SendAsync(method, parameters, cancellationToken);
    }

    /// <summary>Reads the timestamp of the latest block.</summary>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The latest block's <c>timestamp</c>, in UTC.</returns>
    public async Task<DateTimeOffset> GetBlockTimeAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();

        JsonElement block = await _rpc.SendAsync("eth_getBlockByNumber", ["latest", false], cancellationToken).ConfigureAwait(false);
        if (block.ValueKind != JsonValueKind.Object || !block.TryGetProperty("timestamp", out JsonElement timestamp))
        {
            throw new DevnetException($"eth_getBlockByNumber(\"latest\") returned {block.GetRawText()} instead of a block.");
        }

        return DateTimeOffset.FromUnixTimeSeconds(HexQuantity.ParseInt64(timestamp, "the latest block's timestamp"));
    }

    /// <summary>
    /// Kills the owned Anvil process tree and waits for it to exit; when attached to an existing
    /// node, leaves the node alone. Safe to call more than once.
    /// </summary>
    /// <returns>A task that completes when Anvil has exited.</returns>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        try
        {
            if (_anvil is not null)
            {
                await _anvil.DisposeAsync().ConfigureAwait(false);
            }
        }
        finally
        {
            _rpc.Dispose();
        }
    }

    /// <summary>Describes the devnet, for test output.</summary>
    /// <returns>For example <c>Devnet http://127.0.0.1:40123/ (chain 31337, anvil pid 4242)</c>.</returns>
    public override string ToString() =>
        $"Devnet {RpcUrl} (chain {ChainId}, {(_anvil is null ? "attached" : $"anvil pid {_anvil.Id}")})";

    private static async Task<Devnet> AttachAsync(Uri rpcUrl, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var rpc = new DevnetRpcClient(rpcUrl);
        try
        {
            using var startup = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            startup.CancelAfter(timeout);
            var readiness = new ReadinessProbe(rpc, anvil: null);
            try
            {
                long chainId = await readiness.WaitForChainIdAsync(startup.Token).ConfigureAwait(false);
                return new Devnet(rpc, chainId, anvil: null);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new DevnetException(
                    $"The node at {Redaction.Url(rpcUrl)} (ExistingRpcUrl / {DevnetOptions.RpcUrlEnvironmentVariable}) did not answer eth_chainId within {FormatDuration(timeout)}. "
                    + $"Last error: {readiness.LastError?.Message ?? "none"}",
                    readiness.LastError!);
            }
        }
        catch
        {
            rpc.Dispose();
            throw;
        }
    }

    private static async Task<Devnet> LaunchAsync(DevnetOptions options, CancellationToken cancellationToken)
    {
        string anvilPath = await AnvilLocator.LocateAsync(options.AnvilPath, options.Progress, cancellationToken).ConfigureAwait(false);

        List<string> arguments =
        [
            "--host", "127.0.0.1",
            "--port", "0",
            "--chain-id", options.ChainId.ToString(CultureInfo.InvariantCulture),
        ];
        if (options.BlockTimeSeconds is { } blockTime)
        {
            arguments.AddRange(["--block-time", blockTime.ToString(CultureInfo.InvariantCulture)]);
        }

        arguments.AddRange(options.ExtraArguments);

        AnvilProcess anvil = AnvilProcess.Start(anvilPath, arguments);
        DevnetRpcClient? rpc = null;
        try
        {
            using var startup = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            startup.CancelAfter(options.StartupTimeout);
            ReadinessProbe? readiness = null;
            try
            {
                int? port = await anvil.ListeningPort.WaitAsync(startup.Token).ConfigureAwait(false);
                if (port is null)
                {
                    throw await StartupFailureAsync(anvil, "Anvil exited before it started listening", null).ConfigureAwait(false);
                }

                rpc = new DevnetRpcClient(new Uri($"http://127.0.0.1:{port.Value.ToString(CultureInfo.InvariantCulture)}/"));
                readiness = new ReadinessProbe(rpc, anvil);
                long chainId = await readiness.WaitForChainIdAsync(startup.Token).ConfigureAwait(false);
                return new Devnet(rpc, chainId, anvil);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw await StartupFailureAsync(
                    anvil,
                    $"Anvil did not become ready within {FormatDuration(options.StartupTimeout)} (see {nameof(DevnetOptions)}.{nameof(DevnetOptions.StartupTimeout)})",
                    readiness?.LastError).ConfigureAwait(false);
            }
            catch (AnvilExitedException)
            {
                throw await StartupFailureAsync(anvil, "Anvil exited while starting", readiness?.LastError).ConfigureAwait(false);
            }
        }
        catch
        {
            rpc?.Dispose();
            await anvil.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private static async Task<DevnetException> StartupFailureAsync(AnvilProcess anvil, string reason, Exception? lastError)
    {
        if (anvil.HasExited)
        {
            await anvil.WaitForOutputAsync(FailureOutputWait).ConfigureAwait(false);
        }

        string exit = anvil.ExitCode is { } code ? $"exit code {code}" : "still running, killed";
        string output = anvil.StandardError.Snapshot().Count > 0
            ? anvil.StandardError.Format("Anvil's standard error")
            : anvil.StandardError.Format("Anvil's standard error") + Environment.NewLine + anvil.StandardOutput.Format("Anvil's standard output");
        string last = lastError is null ? "" : $" Last RPC error: {lastError.Message}";

        string message = $"{reason} ({exit}).{last}{Environment.NewLine}Command: {anvil.CommandLine}{Environment.NewLine}{output}";
        return lastError is null ? new DevnetException(message) : new DevnetException(message, lastError);
    }

    private static string FormatDuration(TimeSpan duration) =>
        duration == Timeout.InfiniteTimeSpan ? "an infinite timeout" : $"{duration.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s";

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);

    /// <summary>Polls <c>eth_chainId</c> until it answers, remembering the last failure.</summary>
    private sealed class ReadinessProbe(DevnetRpcClient rpc, AnvilProcess? anvil)
    {
        public DevnetException? LastError { get; private set; }

        public async Task<long> WaitForChainIdAsync(CancellationToken cancellationToken)
        {
            while (true)
            {
                if (anvil is { HasExited: true })
                {
                    throw new AnvilExitedException();
                }

                try
                {
                    return await rpc.GetChainIdAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (DevnetException ex)
                {
                    LastError = ex;
                }

                await Task.Delay(ReadinessPollInterval, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Signals, inside startup, that Anvil exited while it was being polled.</summary>
    private sealed class AnvilExitedException : Exception;
}
