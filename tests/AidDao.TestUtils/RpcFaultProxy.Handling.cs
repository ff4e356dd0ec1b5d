using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace AidDao.TestUtils;

/// <summary>Request handling of <see cref="RpcFaultProxy"/>: choose a fault, then forward or fail.</summary>
public sealed partial class RpcFaultProxy
{
    private static readonly MediaTypeHeaderValue JsonMediaType = new("application/json");

    private async Task HandleAsync(HttpContext context)
    {
        // Held requests end when the proxy stops or the client gives up.
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token, context.RequestAborted);
        try
        {
            await HandleAsync(context, linked.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or ObjectDisposedException)
        {
            context.Abort();
        }
    }

    private async Task HandleAsync(HttpContext context, CancellationToken cancellationToken)
    {
        byte[] body;
        using (var buffer = new MemoryStream())
        {
            await context.Request.Body.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
            body = buffer.ToArray();
        }

        RpcFault? fault;
        string idJson;
        using (JsonRpcRequestInfo request = JsonRpcRequestInfo.Parse(body))
        {
            idJson = request.IdJson;
            fault = await ChooseFaultAsync(request, cancellationToken).ConfigureAwait(false);
        }

        if (fault is null)
        {
            await ForwardAsync(context.Response, body, cancellationToken).ConfigureAwait(false);
            return;
        }

        Interlocked.Increment(ref _injected);
        switch (fault.Kind)
        {
            case RpcFaultKind.JsonRpcError:
                await WriteAsync(context.Response, 200, "application/json", ErrorAnswer(idJson, fault.Code, fault.Message), cancellationToken).ConfigureAwait(false);
                break;
            case RpcFaultKind.HttpError:
                await WriteAsync(context.Response, fault.StatusCode, "text/plain; charset=utf-8", Encoding.UTF8.GetBytes(fault.Body), cancellationToken).ConfigureAwait(false);
                break;
            case RpcFaultKind.Hang:
                await Task.Delay(fault.Hold, cancellationToken).ConfigureAwait(false);
                context.Abort();
                break;
            case RpcFaultKind.SlowAnswer:
                await Task.Delay(fault.Hold, cancellationToken).ConfigureAwait(false);
                await ForwardAsync(context.Response, body, cancellationToken).ConfigureAwait(false);
                break;
            default:
                context.Abort();
                break;
        }
    }

    private async Task<RpcFault?> ChooseFaultAsync(JsonRpcRequestInfo request, CancellationToken cancellationToken)
    {
        if (_nodeDown)
        {
            return RpcFault.HttpError(502, $"Bad Gateway: RpcFaultProxy.NodeDown is set, the node at {Target} counts as unreachable.");
        }

        if (request.Method is not { } method) return null;

        LogRangeLimit? limit;
        lock (_lock)
        {
            RpcFaultRule? rule = _rules.Find(candidate => candidate.Matches(method, request.Params));
            if (rule is not null)
            {
                rule.Consume();
                if (rule.Remaining == 0) _rules.Remove(rule);
                return rule.Fault;
            }

            limit = _logRangeLimit;
        }

        if (limit is null || method != "eth_getLogs") return null;
        (long From, long To)? range = await ReadLogRangeAsync(request.Params, cancellationToken).ConfigureAwait(false);
        return range is { } r && r.To - r.From + 1 > limit.MaxBlocks
            ? RpcFault.JsonRpcError(limit.Code, limit.Message(r.From, r.To))
            : null;
    }

    /// <summary>The block range of an eth_getLogs filter, tags resolved at the node; null for a blockHash filter or when unreadable.</summary>
    private async Task<(long From, long To)?> ReadLogRangeAsync(JsonElement parameters, CancellationToken cancellationToken)
    {
        if (parameters.ValueKind != JsonValueKind.Array || parameters.GetArrayLength() == 0) return null;
        JsonElement filter = parameters[0];
        if (filter.ValueKind != JsonValueKind.Object || filter.TryGetProperty("blockHash", out _)) return null;

        long? head = null;
        async Task<long?> BlockAsync(string name)
        {
            string tag = filter.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : "latest";
            if (tag == "earliest") return 0;
            if (tag.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
            {
                return long.TryParse(tag.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out long number) ? number : null;
            }

            try
            {
                head ??= ParseQuantity(await NodeRpc.CallAsync(_http, Target, "eth_blockNumber", "[]", cancellationToken).ConfigureAwait(false));
                return head;
            }
            catch (AidDao.Core.Chain.DevnetException)
            {
                return null; // The node is unreachable: forwarding will say so.
            }
        }

        return await BlockAsync("fromBlock").ConfigureAwait(false) is { } from && await BlockAsync("toBlock").ConfigureAwait(false) is { } to
            ? (from, to)
            : null;
    }

    private async Task ForwardAsync(HttpResponse response, byte[] body, CancellationToken cancellationToken)
    {
        Uri target = Target;
        Interlocked.Increment(ref _forwarded);
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = JsonMediaType;
        HttpResponseMessage answer;
        try
        {
            answer = await _http.PostAsync(target, content, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            byte[] text = Encoding.UTF8.GetBytes($"Bad Gateway: RpcFaultProxy could not reach the node at {target}: {ex.Message}");
            await WriteAsync(response, 502, "text/plain; charset=utf-8", text, cancellationToken).ConfigureAwait(false);
            return;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            byte[] text = Encoding.UTF8.GetBytes($"Gateway Timeout: the node at {target} did not answer within {_http.Timeout.TotalSeconds:0} s.");
            await WriteAsync(response, 504, "text/plain; charset=utf-8", text, cancellationToken).ConfigureAwait(false);
            return;
        }

        using (answer)
        {
            byte[] answerBody = await answer.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            string contentType = answer.Content.Headers.ContentType?.ToString() ?? "application/json";
            await WriteAsync(response, (int)answer.StatusCode, contentType, answerBody, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task WriteAsync(HttpResponse response, int statusCode, string contentType, byte[] body, CancellationToken cancellationToken)
    {
        response.StatusCode = statusCode;
        response.ContentType = contentType;
        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body, cancellationToken).ConfigureAwait(false);
    }

    private static byte[] ErrorAnswer(string idJson, int code, string message)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("jsonrpc", "2.0");
            writer.WritePropertyName("id");
            writer.WriteRawValue(idJson);
            writer.WriteStartObject("error");
            writer.WriteNumber("code", code);
            writer.WriteString("message", message);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static long? ParseQuantity(JsonElement value) =>
        value.ValueKind == JsonValueKind.String
        && value.GetString() is { } text
        && text.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
        && long.TryParse(text.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out long number)
            ? number
            : null;
}
