using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace AidDao.Indexer.Tests.Support;

/// <summary>
/// Sits between the indexer and the node: counts the block headers asked for (<c>eth_getBlockByNumber</c>, by number) and,
/// when <see cref="RemoveTimestamps"/> is set, takes <c>blockTimestamp</c> out of every log of <c>eth_getLogs</c>, as a
/// node that does not send it would answer.
/// </summary>
public sealed class LogTimestampHandler(bool removeTimestamps) : DelegatingHandler(new SocketsHttpHandler())
{
    private readonly ConcurrentDictionary<long, int> _headers = new();

    public bool RemoveTimestamps { get; } = removeTimestamps;

    /// <summary>How many times each block's header was asked for.</summary>
    public IReadOnlyDictionary<long, int> Headers => _headers;

    /// <summary>Logs that came back with a <c>blockTimestamp</c> (after removal, when removing).</summary>
    public int TimedLogs { get; private set; }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = JsonNode.Parse(await request.Content!.ReadAsStringAsync(cancellationToken))!;
        var method = (string?)body["method"];
        if (method == "eth_getBlockByNumber" && (string?)body["params"]![0] is { } tag && tag.StartsWith("0x", StringComparison.Ordinal))
            _headers.AddOrUpdate(long.Parse(tag.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture), 1, (_, n) => n + 1);
        var response = await base.SendAsync(request, cancellationToken);
        if (method != "eth_getLogs" || !response.IsSuccessStatusCode) return response;
        var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken))!;
        if (answer["result"] is JsonArray logs)
        {
            foreach (var log in logs.OfType<JsonObject>())
            {
                if (RemoveTimestamps) log.Remove("blockTimestamp");
                if (log.ContainsKey("blockTimestamp")) TimedLogs++;
            }
        }
        response.Content = new StringContent(answer.ToJsonString(), Encoding.UTF8, "application/json");
        return response;
    }
}
