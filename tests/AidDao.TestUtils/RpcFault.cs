using System.Globalization;

namespace AidDao.TestUtils;

/// <summary>
/// A failure <see cref="RpcFaultProxy"/> injects instead of (or before) forwarding a request: a JSON-RPC error, an HTTP
/// error status, a request held past the client's timeout, a slow answer, or a dropped connection.
/// </summary>
public sealed class RpcFault
{
    private RpcFault(RpcFaultKind kind) => Kind = kind;

    /// <summary>What the fault does.</summary>
    public RpcFaultKind Kind { get; }

    /// <summary>The JSON-RPC error code, for <see cref="RpcFaultKind.JsonRpcError"/>.</summary>
    public int Code { get; private init; }

    /// <summary>The JSON-RPC error message, for <see cref="RpcFaultKind.JsonRpcError"/>.</summary>
    public string Message { get; private init; } = "";

    /// <summary>The HTTP status, for <see cref="RpcFaultKind.HttpError"/>.</summary>
    public int StatusCode { get; private init; }

    /// <summary>The plain-text response body, for <see cref="RpcFaultKind.HttpError"/>.</summary>
    public string Body { get; private init; } = "";

    /// <summary>How long the request is held, for <see cref="RpcFaultKind.Hang"/> and <see cref="RpcFaultKind.SlowAnswer"/>.</summary>
    public TimeSpan Hold { get; private init; }

    /// <summary>An HTTP 200 answer carrying a JSON-RPC error, for example <c>(-32005, "query exceeds max block range 1000")</c>.</summary>
    /// <param name="code">The error code.</param>
    /// <param name="message">The error message.</param>
    /// <returns>The fault.</returns>
    public static RpcFault JsonRpcError(int code, string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return new RpcFault(RpcFaultKind.JsonRpcError) { Code = code, Message = message };
    }

    /// <summary>An HTTP error answer such as 500, 502 or 503 with a plain-text body.</summary>
    /// <param name="statusCode">An HTTP status from 400 to 599.</param>
    /// <param name="body">The response body, for example <c>"upstream connect error"</c>.</param>
    /// <returns>The fault.</returns>
    public static RpcFault HttpError(int statusCode, string body = "")
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(statusCode, 400);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(statusCode, 599);
        ArgumentNullException.ThrowIfNull(body);
        return new RpcFault(RpcFaultKind.HttpError) { StatusCode = statusCode, Body = body };
    }

    /// <summary>
    /// Holds the request for <paramref name="hold"/> (choose more than the client's timeout), then closes the
    /// connection without answering. Disposing the proxy ends the hold early.
    /// </summary>
    /// <param name="hold">How long to hold; positive.</param>
    /// <returns>The fault.</returns>
    public static RpcFault Hang(TimeSpan hold)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(hold, TimeSpan.Zero);
        return new RpcFault(RpcFaultKind.Hang) { Hold = hold };
    }

    /// <summary>Holds the request for <paramref name="hold"/>, then forwards it and returns the node's answer.</summary>
    /// <param name="hold">How long to hold; positive.</param>
    /// <returns>The fault.</returns>
    public static RpcFault SlowAnswer(TimeSpan hold)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(hold, TimeSpan.Zero);
        return new RpcFault(RpcFaultKind.SlowAnswer) { Hold = hold };
    }

    /// <summary>Closes the connection at once, without an answer.</summary>
    /// <returns>The fault.</returns>
    public static RpcFault ConnectionReset() => new(RpcFaultKind.ConnectionReset);

    /// <summary>Describes the fault, for test output.</summary>
    /// <returns>For example <c>JsonRpcError -32005 "query exceeds max block range 1000"</c>.</returns>
    public override string ToString() => Kind switch
    {
        RpcFaultKind.JsonRpcError => string.Create(CultureInfo.InvariantCulture, $"{Kind} {Code} \"{Message}\""),
        RpcFaultKind.HttpError => string.Create(CultureInfo.InvariantCulture, $"{Kind} {StatusCode}"),
        RpcFaultKind.Hang or RpcFaultKind.SlowAnswer => string.Create(CultureInfo.InvariantCulture, $"{Kind} {Hold.TotalMilliseconds} ms"),
        _ => Kind.ToString(),
    };
}
