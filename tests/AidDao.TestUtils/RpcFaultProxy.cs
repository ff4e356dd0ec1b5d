using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AidDao.TestUtils;

/// <summary>
/// An in-process HTTP JSON-RPC proxy on 127.0.0.1 that forwards each POST body to a node and returns the node's
/// answer, except when a rule says to fail: the next requests for a method (<see cref="FailNext"/>), <c>eth_getLogs</c>
/// ranges above a limit (<see cref="RefuseLogRangesAbove(long, string, int)"/>), or everything while
/// <see cref="NodeDown"/> is set. Batch requests (JSON arrays) are forwarded unchanged; rules see single calls only.
/// </summary>
/// <remarks>
/// Thread-safe. Rules are checked in this order: <see cref="NodeDown"/>, <see cref="FailNext"/> rules in the order
/// they were added, then the log-range limit. When the node cannot be reached the proxy answers HTTP 502, as a
/// gateway in front of a stopped node would; <see cref="Retarget"/> points it at a restarted node.
/// </remarks>
/// <example>
/// <code>
/// await using RpcFaultProxy proxy = await RpcFaultProxy.StartAsync(devnet.RpcUrl, ct);
/// proxy.FailNext("eth_getLogs", 2, RpcFault.HttpError(503, "busy"));
/// var web3 = new Nethereum.Web3.Web3(proxy.Url.ToString());
/// </code>
/// </example>
public sealed partial class RpcFaultProxy : IAsyncDisposable
{
    private readonly KestrelServer _server;
    private readonly HttpClient _http = new(new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(5) }) { Timeout = TimeSpan.FromSeconds(60) };
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _lock = new();
    private readonly List<RpcFaultRule> _rules = [];
    private LogRangeLimit? _logRangeLimit;
    private Uri _target;
    private Uri? _url;
    private int _forwarded;
    private int _injected;
    private volatile bool _nodeDown;
    private int _disposed;

    private RpcFaultProxy(Uri target)
    {
        _target = target;
        var options = new KestrelServerOptions();
        options.Listen(IPAddress.Loopback, 0);
        _server = new KestrelServer(
            Options.Create(options),
            new SocketTransportFactory(Options.Create(new SocketTransportOptions()), NullLoggerFactory.Instance),
            NullLoggerFactory.Instance);
    }

    /// <summary>The proxy's URL, for example <c>http://127.0.0.1:41234/</c>: give it to the client under test.</summary>
    public Uri Url => _url ?? throw new InvalidOperationException("The proxy has not started.");

    /// <summary>The node requests are forwarded to.</summary>
    public Uri Target => Volatile.Read(ref _target);

    /// <summary>Requests sent on to the node (including the late ones of <see cref="RpcFaultKind.SlowAnswer"/>).</summary>
    public int Forwarded => Volatile.Read(ref _forwarded);

    /// <summary>Requests that met a fault (rules, log-range refusals and <see cref="NodeDown"/>).</summary>
    public int Injected => Volatile.Read(ref _injected);

    /// <summary>
    /// While <see langword="true"/>, every request (batches too) is answered HTTP 502 as if the node were unreachable,
    /// without reaching the node.
    /// </summary>
    public bool NodeDown
    {
        get => _nodeDown;
        set => _nodeDown = value;
    }

    /// <summary>Starts a proxy for <paramref name="target"/> on a free port of 127.0.0.1.</summary>
    /// <param name="target">The node's JSON-RPC URL.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>A running proxy. Dispose it.</returns>
    public static async Task<RpcFaultProxy> StartAsync(Uri target, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (!target.IsAbsoluteUri) throw new ArgumentException($"The target must be an absolute URL (was '{target}').", nameof(target));

        var proxy = new RpcFaultProxy(target);
        try
        {
            await proxy._server.StartAsync(new ProxyApplication(proxy.HandleAsync), cancellationToken).ConfigureAwait(false);
            string address = proxy._server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
                ?? throw new InvalidOperationException("Kestrel started without reporting the address it listens on.");
            proxy._url = new Uri(address.EndsWith('/') ? address : address + "/");
            return proxy;
        }
        catch
        {
            await proxy.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Sends later requests to <paramref name="target"/>, for example a node restarted on a new port.</summary>
    /// <param name="target">The node's JSON-RPC URL.</param>
    public void Retarget(Uri target)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (!target.IsAbsoluteUri) throw new ArgumentException($"The target must be an absolute URL (was '{target}').", nameof(target));
        Volatile.Write(ref _target, target);
    }

    /// <summary>
    /// Fails the next <paramref name="count"/> single calls of <paramref name="method"/> whose params match
    /// <paramref name="paramsMatch"/> with <paramref name="fault"/>.
    /// </summary>
    /// <param name="method">The JSON-RPC method, for example <c>eth_getLogs</c>; <see langword="null"/> matches every method.</param>
    /// <param name="count">How many requests to fail; at least 1.</param>
    /// <param name="fault">What to do to them.</param>
    /// <param name="paramsMatch">
    /// A test over the request's <c>params</c> (<see cref="JsonValueKind.Undefined"/> when absent), called under the
    /// proxy's lock; <see langword="null"/> matches all.
    /// </param>
    public void FailNext(string? method, int count, RpcFault fault, Func<JsonElement, bool>? paramsMatch = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentNullException.ThrowIfNull(fault);
        lock (_lock) _rules.Add(new RpcFaultRule(method, paramsMatch, count, fault));
    }

    /// <summary>
    /// Refuses, until <see cref="Clear"/>, every <c>eth_getLogs</c> call whose range (toBlock - fromBlock + 1, with
    /// block tags resolved at the node) is larger than <paramref name="maxBlocks"/>, answering a JSON-RPC error with
    /// <paramref name="message"/>. Replaces an earlier limit.
    /// </summary>
    /// <param name="maxBlocks">The largest range passed on; at least 1.</param>
    /// <param name="message">The error message, for example <c>query exceeds max block range 1000</c>.</param>
    /// <param name="code">The error code; providers use -32005 (limit exceeded) or -32602 (invalid params).</param>
    public void RefuseLogRangesAbove(long maxBlocks, string message, int code = LogRangeRefusal.LimitExceededCode)
    {
        ArgumentNullException.ThrowIfNull(message);
        RefuseLogRangesAbove(maxBlocks, (_, _) => message, code);
    }

    /// <summary>
    /// Like <see cref="RefuseLogRangesAbove(long, string, int)"/>, with a message built from the refused range, for
    /// example by <see cref="LogRangeRefusal.SuggestingRange"/>.
    /// </summary>
    /// <param name="maxBlocks">The largest range passed on; at least 1.</param>
    /// <param name="message">Builds the message from the refused range's first and last block.</param>
    /// <param name="code">The error code; providers use -32005 (limit exceeded) or -32602 (invalid params).</param>
    public void RefuseLogRangesAbove(long maxBlocks, Func<long, long, string> message, int code = LogRangeRefusal.LimitExceededCode)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBlocks, 1);
        ArgumentNullException.ThrowIfNull(message);
        lock (_lock) _logRangeLimit = new LogRangeLimit(maxBlocks, message, code);
    }

    /// <summary>Removes every rule and the log-range limit and sets <see cref="NodeDown"/> to false; counters stay.</summary>
    public void Clear()
    {
        lock (_lock)
        {
            _rules.Clear();
            _logRangeLimit = null;
        }

        _nodeDown = false;
    }

    /// <summary>Stops listening, ends held requests (their connections are dropped) and waits for open requests.</summary>
    /// <returns>A task that completes when the proxy has stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;

        await _stopping.CancelAsync().ConfigureAwait(false);
        await _server.StopAsync(CancellationToken.None).ConfigureAwait(false);
        _server.Dispose();
        _http.Dispose();
        _stopping.Dispose();
    }

    /// <summary>Describes the proxy, for test output.</summary>
    /// <returns>For example <c>RpcFaultProxy http://127.0.0.1:41234/ -> http://127.0.0.1:40123/</c>.</returns>
    public override string ToString() => $"RpcFaultProxy {_url?.ToString() ?? "(not started)"} -> {Target}";

    private sealed record LogRangeLimit(long MaxBlocks, Func<long, long, string> Message, int Code);
}
