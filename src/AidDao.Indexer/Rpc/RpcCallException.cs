using AidDao.Core;

namespace AidDao.Indexer.Rpc;

/// <summary>
/// A JSON-RPC call failed: the node answered with an error (<see cref="Code"/> set), could not be reached, or did not
/// answer in time (<see cref="TimedOut"/>).
/// </summary>
public sealed class RpcCallException : AidDaoException
{
    /// <summary>Creates the exception.</summary>
    public RpcCallException(string method, string message, int? code, bool timedOut, Exception? inner = null)
        : base(message, inner)
    {
        Method = method;
        Code = code;
        TimedOut = timedOut;
    }

    /// <summary>The JSON-RPC method called.</summary>
    public string Method { get; }

    /// <summary>The node's JSON-RPC error code; null when the node gave no JSON-RPC answer.</summary>
    public int? Code { get; }

    /// <summary>Whether the call timed out.</summary>
    public bool TimedOut { get; }

    /// <summary>The node's own error text (for a JSON-RPC error), else the transport failure.</summary>
    public string NodeMessage => InnerException?.Message is { } inner && Code is null ? inner : Message;
}
