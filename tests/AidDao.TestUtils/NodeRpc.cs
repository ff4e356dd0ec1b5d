using System.Text;
using System.Text.Json;
using AidDao.Core.Chain;

namespace AidDao.TestUtils;

/// <summary>A single JSON-RPC call over HTTP, for the test helpers' own requests (eth_blockNumber, anvil_dumpState, …).</summary>
internal static class NodeRpc
{
    /// <summary>Calls <paramref name="method"/> with <paramref name="parametersJson"/> (a JSON array) and returns its result.</summary>
    /// <exception cref="DevnetException">The node could not be reached, answered an HTTP error or a JSON-RPC error.</exception>
    public static async Task<JsonElement> CallAsync(HttpClient http, Uri url, string method, string parametersJson, CancellationToken cancellationToken)
    {
        string request = $$"""{"jsonrpc":"2.0","id":1,"method":"{{method}}","params":{{parametersJson}}}""";
        using var content = new StringContent(request, Encoding.UTF8, "application/json");
        try
        {
            using HttpResponseMessage response = await http.PostAsync(url, content, cancellationToken).ConfigureAwait(false);
            string body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw new DevnetException($"{method} to {url} failed: HTTP {(int)response.StatusCode} {body}");
            }

            using JsonDocument document = JsonDocument.Parse(body);
            if (document.RootElement.TryGetProperty("error", out JsonElement error) && error.ValueKind != JsonValueKind.Null)
            {
                throw new DevnetException($"{method} to {url} returned the error {error.GetRawText()}.");
            }

            return document.RootElement.TryGetProperty("result", out JsonElement result)
                ? result.Clone()
                : throw new DevnetException($"{method} to {url} returned neither a result nor an error: {body}");
        }
        catch (HttpRequestException ex)
        {
            throw new DevnetException($"{method} to {url} failed: {ex.Message}", ex);
        }
        catch (JsonException ex)
        {
            throw new DevnetException($"{method} to {url} returned invalid JSON: {ex.Message}", ex);
        }
    }
}
