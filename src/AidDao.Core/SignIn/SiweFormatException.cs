namespace AidDao.Core.SignIn;

/// <summary>
/// A Sign-In with Ethereum (EIP-4361) message is not in the exact format the standard prescribes, or a field given to
/// <see cref="SiweMessage"/> is not valid. The message names the line or field and says what is wrong with it.
/// </summary>
/// <remarks>
/// Derives from <see cref="AidDaoException"/> rather than <see cref="AidDaoInputException"/> because the latter is
/// sealed; front ends treat it the same way (a person's input was refused, nothing was sent anywhere).
/// </remarks>
public sealed class SiweFormatException : AidDaoException
{
    /// <summary>Creates the exception with a user-facing message.</summary>
    public SiweFormatException(string message) : base(message) { }

    /// <summary>Creates the exception with a user-facing message and cause.</summary>
    public SiweFormatException(string message, Exception? innerException) : base(message, innerException) { }

    /// <summary>Creates the exception with a generic message.</summary>
    public SiweFormatException() : base("The sign-in message is not in the Sign-In with Ethereum format.") { }
}
