using System.Net.Http.Headers;
using System.Text.Json;

namespace AidDao.Core.Chain;

/// <summary>
/// Minimal JSON-RPC 2.0 client over HTTP for the devnet control methods (<c>evm_snapshot</c>,
/// <c>evm_mine</c>, …). Unlike Nethereum's client it honours a <see cref="CancellationToken"/>.
/// </summary>
internal sealed class DevnetRpcClient : IDisposable
{
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(60);
    private static readonly MediaTypeHeaderValue JsonMediaType = new("application/json");

    private readonly HttpClient _http;
    private long _nextId;

    public DevnetRpcClient(Uri endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        Endpoint = endpoint;
        _http = new HttpClient(new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(5) })
        {
            Timeout = RequestTimeout,
        };
    }

    /// <summary>The node's JSON-RPC URL.</summary>
    public Uri Endpoint { get; }

    /// <summary>Calls <paramref name="method"/> and returns its <c>result</c> (detached from the response document).</summary>
    /// <exception cref="DevnetRpcException">The node answered with a JSON-RPC error.</exception>
    /// <exception cref="DevnetException">The node could not be reached or answered garbage.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<JsonElement> SendAsync(string method, IReadOnlyList<object?> parameters, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(method);
        ArgumentNullException.ThrowIfNull(parameters);

        using var content = new ByteArrayContent(WriteRequest(Interlocked.Increment(ref _nextId), method, parameters));
        content.Headers.ContentType = JsonMediaType;

        try
        {
            using HttpResponseMessage response = await _http.PostAsync(Endpoint, content, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw new DevnetException(
                    $"JSON-RPC call {method} to {Endpoint} failed: HTTP {(int)response.StatusCode} {response.ReasonPhrase}.");
            }

            Stream stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                using JsonDocument document = await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken).ConfigureAwait(false);
                return ReadResult(method, document.RootElement);
            }
        }
        catch (HttpRequestException ex)
        {
            throw new DevnetException($"JSON-RPC call {method} to {Endpoint} failed: {ex.Message}", ex);
        }
        catch (JsonException ex)
        {
            throw new DevnetException($"JSON-RPC call {method} to {Endpoint} returned invalid JSON: {ex.Message}", ex);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new DevnetException($"JSON-RPC call {method} to {Endpoint} timed out after {RequestTimeout.TotalSeconds:0} s.", ex);
        }
    }

    /// <summary>Calls <c>eth_chainId</c>.</summary>
    public async Task<long> GetChainIdAsync(CancellationToken cancellationToken)
    {
        JsonElement result = await SendAsync("eth_chainId", [], cancellationToken).ConfigureAwait(false);
        return HexQuantity.ParseInt64(result, "the eth_chainId result");
    }

    public void Dispose() => _http.Dispose();

    private static JsonElement ReadResult(string method, JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new DevnetException($"JSON-RPC call {method} returned {root.ValueKind} instead of a response object.");
        }

        if (root.TryGetProperty("error", out JsonElement error) && error.ValueKind != JsonValueKind.Null)
        {
            int code = error.ValueKind == JsonValueKind.Object
                && error.TryGetProperty("code", out JsonElement codeElement)
                && codeElement.TryGetInt32(out int parsedCode) ? parsedCode : 0;
            string message = error.ValueKind == JsonValueKind.Object
                && error.TryGetProperty("message", out JsonElement messageElement)
                && messageElement.ValueKind == JsonValueKind.String ? messageElement.GetString() ?? "" : error.GetRawText();
            throw new DevnetRpcException(method, code, message);
        }

        if (!root.TryGetProperty("result", out JsonElement result))
        {
            throw new DevnetException($"JSON-RPC call {method} returned neither a result nor an error.");
        }

        return result.Clone();
    }

    private static byte[] WriteRequest(long id, string method, IReadOnlyList<object?> parameters)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("jsonrpc", "2.0");
            writer.WriteNumber("id", id);
            writer.WriteString("method", method);
            writer.WriteStartArray("params");
            foreach (object? parameter in parameters)
            {
                switch (parameter)
                {
                    case null:
                        writer.WriteNullValue();
                        break;
                    case string text:
                        writer.WriteStringValue(text);
                        break;
                    case bool flag:
                        writer.WriteBooleanValue(flag);
                        break;
                    case int number:
                        writer.WriteNumberValue(number);
                        break;
                    case long number:
                        writer.WriteNumberValue(number);
                        break;
                    default:
                        // Objects and arrays (e.g. anvil_reorg's transactions) as System.Text.Json writes them.
                        JsonSerializer.Serialize(writer, parameter, parameter.GetType());
                        break;
                }
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
