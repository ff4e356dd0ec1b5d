using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using AidDao.Core;
using Nethereum.Hex.HexTypes;
using Nethereum.RPC.Eth.DTOs;

namespace AidDao.Indexer.Rpc;

/// <summary>
/// The few JSON-RPC calls an indexer makes (<c>eth_chainId</c>, <c>eth_blockNumber</c>, <c>eth_getBlockByNumber</c>,
/// <c>eth_getLogs</c>), over one <see cref="HttpClient"/> with a per-call timeout. Logs come back as <see cref="ChainLog"/>s:
/// Nethereum <see cref="FilterLog"/>s, ready for the generated event DTOs to decode, with the block's timestamp when the
/// node gives it.
/// </summary>
public sealed class EthLogClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly bool _ownsHttp;
    private long _nextId;

    /// <summary>Creates a client for <paramref name="endpoint"/>; <paramref name="http"/> (optional) carries handlers.</summary>
    /// <param name="endpoint">The node's HTTP JSON-RPC endpoint.</param>
    /// <param name="timeout">How long one call may take.</param>
    /// <param name="http">A client to use (its timeout is ignored); null to create one.</param>
    public EthLogClient(Uri endpoint, TimeSpan timeout, HttpClient? http = null)
    {
        Endpoint = endpoint ?? throw new ArgumentNullException(nameof(endpoint));
        Timeout = timeout;
        _ownsHttp = http is null;
        _http = http ?? new HttpClient { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
    }

    /// <summary>The node's endpoint.</summary>
    public Uri Endpoint { get; }

    /// <summary>How long one call may take.</summary>
    public TimeSpan Timeout { get; }

    /// <summary>The chain id.</summary>
    public async Task<long> GetChainIdAsync(CancellationToken cancellationToken) =>
        HexToLong((await CallAsync("eth_chainId", "[]", cancellationToken).ConfigureAwait(false)).GetString());

    /// <summary>The latest block number.</summary>
    public async Task<long> GetHeadAsync(CancellationToken cancellationToken) =>
        HexToLong((await CallAsync("eth_blockNumber", "[]", cancellationToken).ConfigureAwait(false)).GetString());

    /// <summary>A block's header; null when the chain has no such block (yet).</summary>
    public async Task<ChainBlock?> GetBlockAsync(long number, CancellationToken cancellationToken)
    {
        var result = await CallAsync("eth_getBlockByNumber", $"[\"{Hex(number)}\",false]", cancellationToken).ConfigureAwait(false);
        if (result.ValueKind == JsonValueKind.Null) return null;
        return new ChainBlock(
            HexToLong(result.GetProperty("number").GetString()),
            result.GetProperty("hash").GetString()!.ToLowerInvariant(),
            result.GetProperty("parentHash").GetString()!.ToLowerInvariant(),
            HexToLong(result.GetProperty("timestamp").GetString()));
    }

    /// <summary>The logs of <paramref name="addresses"/> in blocks <paramref name="from"/>..<paramref name="to"/>, in chain order.</summary>
    public async Task<IReadOnlyList<ChainLog>> GetLogsAsync(long from, long to, IReadOnlyCollection<string> addresses, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(addresses);
        var filter = new StringBuilder();
        filter.Append(CultureInfo.InvariantCulture, $"[{{\"fromBlock\":\"{Hex(from)}\",\"toBlock\":\"{Hex(to)}\",\"address\":[");
        filter.AppendJoin(',', addresses.Select(a => $"\"{a}\""));
        filter.Append("]}]");
        var result = await CallAsync("eth_getLogs", filter.ToString(), cancellationToken).ConfigureAwait(false);
        var logs = new List<ChainLog>(result.GetArrayLength());
        foreach (var item in result.EnumerateArray())
            logs.Add(ToChainLog(item));
        return logs;
    }

    /// <summary>The logs in blocks <paramref name="from"/>..<paramref name="to"/> whose topics match (null = any), of one contract or (null) any.</summary>
    public async Task<IReadOnlyList<ChainLog>> FindLogsAsync(long from, long to, IReadOnlyList<string?> topics, CancellationToken cancellationToken, string? address = null)
    {
        ArgumentNullException.ThrowIfNull(topics);
        var topicList = string.Join(',', topics.Select(t => t is null ? "null" : $"\"{t}\""));
        var addressFilter = address is null ? "" : $"\"address\":\"{address}\",";
        var result = await CallAsync("eth_getLogs", $"[{{{addressFilter}\"fromBlock\":\"{Hex(from)}\",\"toBlock\":\"{Hex(to)}\",\"topics\":[{topicList}]}}]", cancellationToken).ConfigureAwait(false);
        var logs = new List<ChainLog>(result.GetArrayLength());
        foreach (var item in result.EnumerateArray())
            logs.Add(ToChainLog(item));
        return logs;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_ownsHttp) _http.Dispose();
    }

    private async Task<JsonElement> CallAsync(string method, string parameters, CancellationToken cancellationToken)
    {
        var id = Interlocked.Increment(ref _nextId);
        var body = $"{{\"jsonrpc\":\"2.0\",\"id\":{id.ToString(CultureInfo.InvariantCulture)},\"method\":\"{method}\",\"params\":{parameters}}}";
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            using var content = new StringContent(body, Encoding.UTF8);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            using var response = await _http.PostAsync(Endpoint, content, timeout.Token).ConfigureAwait(false);
            var payload = await response.Content.ReadAsByteArrayAsync(timeout.Token).ConfigureAwait(false);
            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(payload);
            }
            catch (JsonException) when (!response.IsSuccessStatusCode)
            {
                throw new RpcCallException(method, $"The node at {Redaction.Url(Endpoint)} answered {method} with HTTP {(int)response.StatusCode} {response.ReasonPhrase}.", null, false);
            }
            using (document)
            {
                var root = document.RootElement;
                if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object)
                {
                    var code = error.TryGetProperty("code", out var c) && c.TryGetInt32(out var n) ? n : 0;
                    var message = error.TryGetProperty("message", out var m) ? m.ToString() : "no message";
                    throw new RpcCallException(method, message, code, false);
                }
                if (!response.IsSuccessStatusCode || root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("result", out var result))
                    throw new RpcCallException(method, $"The node at {Redaction.Url(Endpoint)} answered {method} with HTTP {(int)response.StatusCode} and no result.", null, false);
                return result.Clone();
            }
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new RpcCallException(method, $"The node at {Redaction.Url(Endpoint)} did not answer {method} within {Timeout.TotalSeconds:0.#} s.", null, true, e);
        }
        catch (HttpRequestException e)
        {
            throw new RpcCallException(method, $"Cannot reach the node at {Redaction.Url(Endpoint)} ({e.Message}); check that it is running.", null, false, e);
        }
    }

    private static ChainLog ToChainLog(JsonElement item)
    {
        var topics = item.GetProperty("topics");
        var topicValues = new object[topics.GetArrayLength()];
        var i = 0;
        foreach (var topic in topics.EnumerateArray()) topicValues[i++] = topic.GetString()!;
        return new ChainLog
        {
            Address = item.GetProperty("address").GetString(),
            BlockHash = item.GetProperty("blockHash").GetString()?.ToLowerInvariant(),
            BlockNumber = new HexBigInteger(item.GetProperty("blockNumber").GetString()),
            TransactionHash = item.GetProperty("transactionHash").GetString(),
            TransactionIndex = new HexBigInteger(item.GetProperty("transactionIndex").GetString()),
            LogIndex = new HexBigInteger(item.GetProperty("logIndex").GetString()),
            Data = item.GetProperty("data").GetString(),
            Topics = topicValues,
            Removed = item.TryGetProperty("removed", out var removed) && removed.ValueKind == JsonValueKind.True,
            BlockTimestamp = item.TryGetProperty("blockTimestamp", out var time) && time.ValueKind == JsonValueKind.String ? HexToLong(time.GetString()) : null,
        };
    }

    private static string Hex(long value) => "0x" + value.ToString("x", CultureInfo.InvariantCulture);

    private static long HexToLong(string? hex) =>
        hex is { Length: > 2 } && hex.StartsWith("0x", StringComparison.Ordinal)
            ? long.Parse(hex.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture)
            : hex == "0x0" || hex == "0x" ? 0 : throw new FormatException($"Not a hex quantity: {hex}");
}
