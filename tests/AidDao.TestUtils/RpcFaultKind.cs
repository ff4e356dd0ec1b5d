namespace AidDao.TestUtils;

/// <summary>What an <see cref="RpcFault"/> does to a request that <see cref="RpcFaultProxy"/> intercepts.</summary>
public enum RpcFaultKind
{
    /// <summary>Answers HTTP 200 with a JSON-RPC error object (<see cref="RpcFault.Code"/>, <see cref="RpcFault.Message"/>).</summary>
    JsonRpcError,

    /// <summary>Answers <see cref="RpcFault.StatusCode"/> (for example 502) with <see cref="RpcFault.Body"/> as plain text.</summary>
    HttpError,

    /// <summary>Holds the request for <see cref="RpcFault.Hold"/>, then closes the connection without an answer.</summary>
    Hang,

    /// <summary>Holds the request for <see cref="RpcFault.Hold"/>, then forwards it and returns the node's answer.</summary>
    SlowAnswer,

    /// <summary>Closes the connection at once without an answer.</summary>
    ConnectionReset,
}
