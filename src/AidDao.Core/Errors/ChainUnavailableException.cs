namespace AidDao.Core;

/// <summary>The chain could not be reached, or it is not the chain or contract the caller expected.</summary>
public sealed class ChainUnavailableException : AidDaoException
{
    /// <summary>Creates the exception with a user-facing message.</summary>
    public ChainUnavailableException(string message) : base(message) { }

    /// <summary>Creates the exception with a user-facing message and cause.</summary>
    public ChainUnavailableException(string message, Exception? innerException) : base(message, innerException) { }

    /// <summary>Creates the exception with a generic message.</summary>
    public ChainUnavailableException() : base("The chain could not be reached.") { }
}
