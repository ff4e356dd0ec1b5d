namespace AidDao.Core;

/// <summary>
/// Base of every error AidDao reports to a person. Its <see cref="Exception.Message"/> is one sentence that says what went
/// wrong and, where possible, what to do; front ends print it as it is, without a stack trace.
/// </summary>
public class AidDaoException : Exception
{
    /// <summary>Creates the exception with a user-facing message.</summary>
    public AidDaoException(string message) : base(message) { }

    /// <summary>Creates the exception with a user-facing message and the low-level cause.</summary>
    public AidDaoException(string message, Exception? innerException) : base(message, innerException) { }

    /// <summary>Creates the exception with a generic message.</summary>
    public AidDaoException() : base("AidDao operation failed.") { }
}
