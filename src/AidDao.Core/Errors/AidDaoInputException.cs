namespace AidDao.Core;

/// <summary>Input a person gave (an address, a number, an option) is not valid; nothing was sent to the chain.</summary>
public sealed class AidDaoInputException : AidDaoException
{
    /// <summary>Creates the exception with a user-facing message.</summary>
    public AidDaoInputException(string message) : base(message) { }

    /// <summary>Creates the exception with a user-facing message and cause.</summary>
    public AidDaoInputException(string message, Exception? innerException) : base(message, innerException) { }

    /// <summary>Creates the exception with a generic message.</summary>
    public AidDaoInputException() : base("The input is not valid.") { }
}
