namespace AidDao.Core;

/// <summary>
/// The node refused a request before any contract ran: not enough funds for gas, a stale nonce, a fee too low. The
/// message quotes the node.
/// </summary>
public sealed class ChainRefusedException : AidDaoException
{
    /// <summary>Creates the exception with a user-facing message.</summary>
    public ChainRefusedException(string message) : base(message) { }

    /// <summary>Creates the exception with a user-facing message and cause.</summary>
    public ChainRefusedException(string message, Exception? innerException) : base(message, innerException) { }

    /// <summary>Creates the exception with a generic message.</summary>
    public ChainRefusedException() : base("The node refused the request.") { }
}
