namespace AidDao.Core.Chain;

/// <summary>
/// Thrown when a local development chain (<see cref="Devnet"/>) cannot be located, started,
/// reached or driven: Anvil is missing, exits during startup, does not answer in time, or a
/// devnet JSON-RPC call such as <c>evm_revert</c> is rejected.
/// </summary>
public class DevnetException : AidDaoException
{
    /// <summary>Creates the exception with a default message.</summary>
    public DevnetException()
        : base("The local development chain failed.")
    {
    }

    /// <summary>Creates the exception with the given message.</summary>
    /// <param name="message">What went wrong, and what the user can do about it.</param>
    public DevnetException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with the given message and the exception that caused it.</summary>
    /// <param name="message">What went wrong, and what the user can do about it.</param>
    /// <param name="innerException">The underlying failure.</param>
    public DevnetException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
