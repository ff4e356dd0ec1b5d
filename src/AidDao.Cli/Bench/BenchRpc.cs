using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;

namespace AidDao.Cli.Bench;

/// <summary>
/// A small JSON-RPC 2.0 client for the index-benchmark seeder: single calls and batches (one HTTP request for many
/// calls), which is what lets thousands of signed transactions reach Anvil quickly. Parameters are strings, numbers,
/// booleans, <see langword="null"/> or a <see cref="JsonElement"/> (for filter objects).
/// </summary>
internal sealed class BenchRpc : IDisposable
{
    private static readonly MediaTypeHeaderValue JsonMediaType = new("application/json");

    private readonly HttpClient _http;

    /// <summary>A client for the node at <paramref name="endpoint"/>.</summary>
    public BenchRpc(Uri endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        Endpoint = endpoint;
        _http = new HttpClient(new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(5) }) { Timeout = TimeSpan.FromMinutes(2) };
    }

    /// <summary>The node's JSON-RPC URL.</summary>
    public Uri Endpoint { get; }

    /// <summary>Calls <paramref name="method"/> and returns its result.</summary>
    /// <exception cref="InvalidOperationException">The node answered with an error or could not be reached.</exception>
    public async Task<JsonElement> CallAsync(string method, object?[] parameters, CancellationToken cancellationToken)
    {
        var results = await BatchAsync([(method, parameters)], _ => method, cancellationToken).ConfigureAwait(false);
        return results[0];
    }

    /// <summary>
    /// Sends <paramref name="calls"/> in one HTTP request and returns their results in the same order. The node may run
    /// the calls of a batch in any order.
    /// </summary>
    /// <param name="calls">The calls.</param>
    /// <param name="describe">Names call <c>i</c> in an error message, for example "contribute (12 projects) from 0x…".</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <exception cref="InvalidOperationException">A call failed; the message names it and quotes the node.</exception>
    public async Task<JsonElement[]> BatchAsync(IReadOnlyList<(string Method, object?[] Parameters)> calls, Func<int, string> describe,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(calls);
        ArgumentNullException.ThrowIfNull(describe);
        if (calls.Count == 0) return [];
        using var content = new ByteArrayContent(WriteBatch(calls));
        content.Headers.ContentType = JsonMediaType;
        try
        {
            using var response = await _http.PostAsync(Endpoint, content, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
                throw new InvalidOperationException($"The node at {Endpoint} answered HTTP {(int)response.StatusCode} to {describe(0)}; is it still running?");
            var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                using var document = await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken).ConfigureAwait(false);
                return ReadBatch(document.RootElement, calls.Count, describe);
            }
        }
        catch (HttpRequestException exception)
        {
            throw new InvalidOperationException($"The node at {Endpoint} could not be reached for {describe(0)}: {exception.Message}", exception);
        }
        catch (OperationCanceledException exception) when (!cancellationToken.IsCancellationRequested)
        {
            throw new InvalidOperationException($"The node at {Endpoint} did not answer {describe(0)} within {_http.Timeout.TotalSeconds:0} s.", exception);
        }
    }

    /// <summary>Reads a JSON-RPC quantity such as <c>"0x1a"</c>.</summary>
    public static long Quantity(JsonElement value)
    {
        var text = value.GetString() ?? "";
        return text.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            && long.TryParse(text.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var parsed)
            ? parsed
            : throw new InvalidOperationException($"The node returned {value.GetRawText()} where a hex quantity such as \"0x1a\" belongs.");
    }

    /// <summary>Formats a JSON-RPC quantity, for example <c>0x1a</c>.</summary>
    public static string Quantity(long value) => "0x" + value.ToString("x", CultureInfo.InvariantCulture);

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();

    private static JsonElement[] ReadBatch(JsonElement root, int count, Func<int, string> describe)
    {
        if (root.ValueKind != JsonValueKind.Array)
            throw new InvalidOperationException($"The node answered {describe(0)} with {Shorten(root.GetRawText())} instead of a batch of responses.");
        var results = new JsonElement[count];
        var seen = new bool[count];
        foreach (var reply in root.EnumerateArray())
        {
            var id = reply.TryGetProperty("id", out var idElement) && idElement.TryGetInt32(out var parsed) ? parsed : -1;
            if (id < 0 || id >= count) throw new InvalidOperationException($"The node answered a batch with an unknown id: {Shorten(reply.GetRawText())}.");
            if (reply.TryGetProperty("error", out var error) && error.ValueKind != JsonValueKind.Null)
            {
                var message = error.ValueKind == JsonValueKind.Object && error.TryGetProperty("message", out var text) ? text.GetString() : error.GetRawText();
                throw new InvalidOperationException($"The node refused {describe(id)}: {message}");
            }
            results[id] = reply.TryGetProperty("result", out var result) ? result.Clone() : default;
            seen[id] = true;
        }
        var missing = Array.IndexOf(seen, false);
        if (missing >= 0) throw new InvalidOperationException($"The node did not answer {describe(missing)} in a batch.");
        return results;
    }

    private static byte[] WriteBatch(IReadOnlyList<(string Method, object?[] Parameters)> calls)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            for (var id = 0; id < calls.Count; id++)
            {
                writer.WriteStartObject();
                writer.WriteString("jsonrpc", "2.0");
                writer.WriteNumber("id", id);
                writer.WriteString("method", calls[id].Method);
                writer.WriteStartArray("params");
                foreach (var parameter in calls[id].Parameters) WriteValue(writer, parameter);
                writer.WriteEndArray();
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
        }
        return buffer.ToArray();
    }

    private static void WriteValue(Utf8JsonWriter writer, object? value)
    {
        switch (value)
        {
            case null: writer.WriteNullValue(); break;
            case string text: writer.WriteStringValue(text); break;
            case bool flag: writer.WriteBooleanValue(flag); break;
            case int number: writer.WriteNumberValue(number); break;
            case long number: writer.WriteNumberValue(number); break;
            case JsonElement element: element.WriteTo(writer); break;
            default: throw new ArgumentException($"A JSON-RPC parameter of type {value.GetType()} is not supported.", nameof(value));
        }
    }

    private static string Shorten(string text) => text.Length <= 200 ? text : string.Concat(text.AsSpan(0, 200), "…");
}
