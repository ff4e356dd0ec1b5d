using System.Globalization;
using System.Net;
using System.Text.Json;
using Nethereum.Hex.HexConvertors.Extensions;
using Nethereum.JsonRpc.Client;
using Nethereum.JsonRpc.Client.RpcMessages;
using Nethereum.RPC.Eth.DTOs;
using Nethereum.Util;

namespace AidDao.Core.Chain;

/// <summary>
/// A Nethereum client over several RPC URLs of one chain. Each request goes to the URL that last answered (the first at
/// the start); when that URL fails to give a JSON-RPC answer (refused or dropped connection, no answer within the
/// request timeout, HTTP 5xx, 408, 429, 401, 403 or 404, a body that is not JSON) the next one is tried, and the one
/// that answers is remembered. A JSON-RPC error (a revert, a nonce too low) is the chain's answer and is returned at
/// once: another node would say the same. When every URL fails, the request ends with <see cref="ChainUnavailableException"/> naming each URL
/// (redacted: keys in paths and queries stay hidden) and why it failed.
/// </summary>
/// <remarks>
/// With <see cref="ExpectChainId"/> called, a URL that has not answered yet is asked <c>eth_chainId</c> before it is
/// used, and skipped when it is on another chain.
/// <para>
/// A signed transaction (<c>eth_sendRawTransaction</c>) that met a timeout or an HTTP error may still have reached that
/// node and spread from it, so the next node can refuse the same transaction as "already known", "known transaction" or
/// (once it is mined) "nonce too low". Such a refusal after a failover is taken as success when that node has the
/// transaction (<c>eth_getTransactionByHash</c> of its hash, keccak-256 of the signed bytes): the answer is that hash,
/// as the first node would have given it. Otherwise the refusal stands (another transaction took the nonce).
/// </para>
/// </remarks>
public sealed class FallbackRpcClient : ClientBase, IDisposable
{
    /// <summary>What geth, Erigon, Reth, Nethermind, Besu and Anvil answer for a transaction they have or whose nonce is used.</summary>
    private static readonly string[] AlreadyKnownAnswers =
        ["already known", "known transaction", "nonce too low", "already imported", "AlreadyKnown", "OldNonce", "already in pool"];

    private readonly Uri[] _urls;
    private readonly Endpoint[] _endpoints;
    private readonly HttpClient[] _http;
    private readonly int[] _checked;
    private readonly TimeSpan _requestTimeout;
    private long _expectedChainId;
    private int _current;

    /// <summary>A client over <paramref name="urls"/> (one or more, in order of preference).</summary>
    /// <param name="urls">Absolute http(s) URLs.</param>
    /// <param name="connectTimeout">How long to wait for a connection before trying the next URL (default 5 s).</param>
    /// <param name="requestTimeout">
    /// How long one URL has to answer a request, once connected, before the next URL is tried (default
    /// <see cref="DefaultRequestTimeout"/>; Nethereum's own limit of <see cref="ClientBase.ConnectionTimeout"/> still applies).
    /// </param>
    public FallbackRpcClient(IReadOnlyList<Uri> urls, TimeSpan? connectTimeout = null, TimeSpan? requestTimeout = null)
    {
        ArgumentNullException.ThrowIfNull(urls);
        if (urls.Count == 0) throw new ArgumentException("At least one RPC URL is needed.", nameof(urls));
        if (requestTimeout is { } given) ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(given, TimeSpan.Zero, nameof(requestTimeout));
        _requestTimeout = requestTimeout ?? DefaultRequestTimeout;
        _urls = [.. urls];
        _http = [.. _urls.Select(_ => new HttpClient(new SocketsHttpHandler
        {
            ConnectTimeout = connectTimeout ?? TimeSpan.FromSeconds(5),
            PooledConnectionLifetime = TimeSpan.FromMinutes(10),
        })
        {
            Timeout = _requestTimeout,
        })];
        _endpoints = [.. _urls.Select((url, i) => new Endpoint(url, _http[i]))];
        _checked = new int[_urls.Length];
    }

    /// <summary>How long one URL has to answer a request when no other is given: 20 s, as Nethereum's own client.</summary>
    public static TimeSpan DefaultRequestTimeout { get; } = TimeSpan.FromSeconds(20);

    /// <summary>The URLs, in order of preference.</summary>
    public IReadOnlyList<Uri> Urls => _urls;

    /// <summary>The URL that answered last (the first one before any request).</summary>
    public Uri CurrentUrl => _urls[Volatile.Read(ref _current)];

    /// <summary>
    /// From now on, use a URL only once it has answered <c>eth_chainId</c> with <paramref name="chainId"/>; the current
    /// URL is taken as checked (the caller has just asked it).
    /// </summary>
    public void ExpectChainId(long chainId)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(chainId);
        Volatile.Write(ref _expectedChainId, chainId);
        Volatile.Write(ref _checked[Volatile.Read(ref _current)], 1);
    }

    /// <inheritdoc />
    public override Task<RpcResponseMessage> SendAsync(RpcRequestMessage rpcRequestMessage, string? route = null)
    {
        ArgumentNullException.ThrowIfNull(rpcRequestMessage);
        var transactionHash = rpcRequestMessage.Method == "eth_sendRawTransaction" ? SignedTransactionHash(rpcRequestMessage) : null;
        return WithFallbackAsync(rpcRequestMessage.Method, async (endpoint, failedOver) =>
        {
            var response = await endpoint.SendAsync(rpcRequestMessage, route).ConfigureAwait(false);
            return failedOver && transactionHash is not null && response.HasError && IsAlreadyKnown(response.Error.Message)
                && await HasTransactionAsync(endpoint, transactionHash).ConfigureAwait(false)
                ? new RpcResponseMessage(rpcRequestMessage.Id, JsonSerializer.SerializeToElement(transactionHash))
                : response;
        });
    }

    /// <inheritdoc />
    protected override Task<RpcResponseMessage[]> SendAsync(RpcRequestMessage[] requests)
    {
        ArgumentNullException.ThrowIfNull(requests);
        return WithFallbackAsync("a batch", (endpoint, _) => endpoint.SendBatchAsync(requests));
    }

    /// <summary>Whether <paramref name="exception"/> (from sending one request) means "try another URL".</summary>
    public static bool IsTransportFailure(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (exception is RpcClientTimeoutException or TimeoutException or TaskCanceledException) return true;
        if (exception is not RpcClientUnknownException) return false;
        for (var inner = exception.InnerException; inner is not null; inner = inner.InnerException)
        {
            if (inner is HttpRequestException { StatusCode: { } status })
                return (int)status >= 500 || status is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout
                    or HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.NotFound;
        }
        return true;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var http in _http) http.Dispose();
    }

    /// <summary>
    /// Sends with <paramref name="send"/> to one URL after another until one answers; its second argument says whether
    /// an earlier URL may have received the request (it failed after connecting: a timeout, an HTTP error).
    /// </summary>
    private async Task<T> WithFallbackAsync<T>(string what, Func<Endpoint, bool, Task<T>> send)
    {
        var start = Volatile.Read(ref _current);
        var failures = new List<string>(_urls.Length);
        var failedOver = false;
        for (var attempt = 0; attempt < _urls.Length; attempt++)
        {
            var index = (start + attempt) % _urls.Length;
            var sent = false;
            try
            {
                if (await WrongChainAsync(index).WaitAsync(_requestTimeout).ConfigureAwait(false) is { } wrong)
                {
                    failures.Add($"{Redaction.Url(_urls[index])} ({wrong})");
                    continue;
                }
                sent = true;
                var answer = await send(_endpoints[index], failedOver).WaitAsync(_requestTimeout).ConfigureAwait(false);
                Volatile.Write(ref _current, index);
                return answer;
            }
            catch (Exception exception) when (IsTransportFailure(exception))
            {
                failures.Add($"{Redaction.Url(_urls[index])} ({Reason(exception)})");
                failedOver |= sent && !IsRefused(exception);
            }
        }
        throw new ChainUnavailableException($"No RPC URL answered {what}: {string.Join("; ", failures)}.");
    }

    /// <summary>Null when the URL may be used; else why not (it is on another chain, or cannot say which).</summary>
    private async Task<string?> WrongChainAsync(int index)
    {
        var expected = Volatile.Read(ref _expectedChainId);
        if (expected == 0 || Volatile.Read(ref _checked[index]) == 1) return null;
        var response = await _endpoints[index].SendAsync(new RpcRequestMessage(1, "eth_chainId")).ConfigureAwait(false);
        var text = response.HasError ? null : response.GetResult<string>(true, null);
        if (text is null || !text.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            || !long.TryParse(text.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var chainId))
            return "it did not answer eth_chainId";
        if (chainId != expected) return string.Create(CultureInfo.InvariantCulture, $"it is on chain {chainId}, not {expected}");
        Volatile.Write(ref _checked[index], 1);
        return null;
    }

    /// <summary>The hash of the signed transaction an <c>eth_sendRawTransaction</c> carries, or null when it carries none.</summary>
    private static string? SignedTransactionHash(RpcRequestMessage request) =>
        request.RawParameters is object[] { Length: > 0 } parameters && parameters[0] is string raw && raw.IsHex()
            ? Sha3Keccack.Current.CalculateHash(raw.HexToByteArray()).ToHex(prefix: true)
            : null;

    /// <summary>Whether a node's refusal of a transaction may mean it has it already (in its pool, or mined).</summary>
    private static bool IsAlreadyKnown(string? message) =>
        message is not null && AlreadyKnownAnswers.Any(answer => message.Contains(answer, StringComparison.OrdinalIgnoreCase));

    /// <summary>Whether the node at <paramref name="endpoint"/> has the transaction <paramref name="hash"/> (pending or mined).</summary>
    private static async Task<bool> HasTransactionAsync(Endpoint endpoint, string hash)
    {
        var response = await endpoint.SendAsync(new RpcRequestMessage(1, "eth_getTransactionByHash", hash)).ConfigureAwait(false);
        return !response.HasError && response.GetResult<Transaction>() is { } transaction
            && string.Equals(transaction.TransactionHash, hash, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Whether the URL refused the connection, so the request cannot have reached it.</summary>
    private static bool IsRefused(Exception exception)
    {
        for (var inner = exception.InnerException; inner is not null; inner = inner.InnerException)
        {
            if (inner is System.Net.Sockets.SocketException { SocketErrorCode: System.Net.Sockets.SocketError.ConnectionRefused or System.Net.Sockets.SocketError.HostNotFound })
                return true;
        }
        return false;
    }

    private static string Reason(Exception exception)
    {
        if (exception is RpcClientTimeoutException or TimeoutException or TaskCanceledException) return "timed out";
        for (var inner = exception.InnerException; inner is not null; inner = inner.InnerException)
        {
            if (inner is HttpRequestException { StatusCode: { } status }) return string.Create(CultureInfo.InvariantCulture, $"HTTP {(int)status}");
            if (inner is TimeoutException or TaskCanceledException) return "timed out";
            if (inner is System.Net.Sockets.SocketException socket) return Redaction.Input(socket.Message);
        }
        var innermost = exception;
        while (innermost.InnerException is not null) innermost = innermost.InnerException;
        return Redaction.Input(innermost.Message.TrimEnd('.'));
    }

    /// <summary>Nethereum's HTTP client for one URL, with its batch sending opened up.</summary>
    private sealed class Endpoint(Uri url, HttpClient http) : RpcClient(url, http)
    {
        public Task<RpcResponseMessage[]> SendBatchAsync(RpcRequestMessage[] requests) => SendAsync(requests);
    }
}
