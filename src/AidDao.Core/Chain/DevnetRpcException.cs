namespace AidDao.Core.Chain;

/// <summary>A JSON-RPC error object returned by the node (as opposed to a transport failure).</summary>
internal sealed class DevnetRpcException : DevnetException
{
    /// <summary>JSON-RPC 2.0 "method not found".</summary>
    public const int MethodNotFoundCode = -32601;

    public DevnetRpcException(string method, int code, string rpcMessage)
        : base($"The node rejected {method}: {rpcMessage} (JSON-RPC error {code}).")
    {
        Method = method;
        Code = code;
    }

    /// <summary>The JSON-RPC method that failed.</summary>
    public string Method { get; }

    /// <summary>The JSON-RPC error code.</summary>
    public int Code { get; }
}
