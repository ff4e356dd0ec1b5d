using System.Text.Json;

namespace AidDao.TestUtils;

/// <summary>
/// What <see cref="RpcFaultProxy"/> reads from a request body: a single call's method, params and id, or that it is a
/// batch (a JSON array) or not JSON-RPC at all. Owns the parsed document: dispose it.
/// </summary>
internal sealed class JsonRpcRequestInfo : IDisposable
{
    private readonly JsonDocument? _document;

    private JsonRpcRequestInfo(JsonDocument? document, string? method, JsonElement parameters, string idJson)
    {
        _document = document;
        Method = method;
        Params = parameters;
        IdJson = idJson;
    }

    /// <summary>The method of a single call; null for a batch or a body that is not a JSON-RPC call.</summary>
    public string? Method { get; }

    /// <summary>The call's <c>params</c>; <see cref="JsonValueKind.Undefined"/> when absent.</summary>
    public JsonElement Params { get; }

    /// <summary>The call's id as raw JSON (<c>null</c> when absent), for echoing in an error answer.</summary>
    public string IdJson { get; }

    /// <summary>Reads a request body; never throws on malformed input.</summary>
    public static JsonRpcRequestInfo Parse(byte[] body)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            return new JsonRpcRequestInfo(null, null, default, "null");
        }

        JsonElement root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object
            || !root.TryGetProperty("method", out JsonElement method)
            || method.ValueKind != JsonValueKind.String)
        {
            return new JsonRpcRequestInfo(document, null, default, "null");
        }

        JsonElement parameters = root.TryGetProperty("params", out JsonElement p) ? p : default;
        string id = root.TryGetProperty("id", out JsonElement idElement) ? idElement.GetRawText() : "null";
        return new JsonRpcRequestInfo(document, method.GetString(), parameters, id);
    }

    public void Dispose() => _document?.Dispose();
}
