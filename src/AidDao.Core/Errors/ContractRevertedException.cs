using Nethereum.Contracts;

namespace AidDao.Core;

/// <summary>
/// A contract refused a call with a custom error. <see cref="ErrorName"/> and <see cref="Arguments"/> are the decoded
/// error; <see cref="Exception.Message"/> says in one sentence what it means for the person who made the call.
/// </summary>
public sealed class ContractRevertedException : AidDaoException
{
    /// <summary>Creates the exception from a decoded error.</summary>
    public ContractRevertedException(string errorName, IReadOnlyDictionary<string, object?> arguments, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        ErrorName = errorName;
        Arguments = arguments;
    }

    /// <summary>Creates an exception for an error that could not be decoded.</summary>
    public ContractRevertedException() : this("Unknown", new Dictionary<string, object?>(), "The contract refused the call.") { }

    /// <summary>Creates an exception for an error that could not be decoded.</summary>
    public ContractRevertedException(string message) : this("Unknown", new Dictionary<string, object?>(), message) { }

    /// <summary>Creates an exception for an error that could not be decoded.</summary>
    public ContractRevertedException(string message, Exception? innerException)
        : this("Unknown", new Dictionary<string, object?>(), message, innerException) { }

    /// <summary>The Solidity error's name, e.g. <c>CommunityAlreadyVouched</c>; <c>Unknown</c> when not decodable.</summary>
    public string ErrorName { get; }

    /// <summary>The error's arguments by parameter name (addresses as checksummed strings, numbers as BigInteger).</summary>
    public IReadOnlyDictionary<string, object?> Arguments { get; }

    /// <summary>Whether this is the error described by the generated error DTO <typeparamref name="TError"/>.</summary>
    public bool Is<TError>() => ErrorName == ABITypedRegistry.GetError<TError>().Name;

    /// <summary>
    /// The same error with its amounts written by <paramref name="formatAmount"/> (asset, smallest units), e.g. in the
    /// asset's own symbol and decimals; errors without an asset come back unchanged.
    /// </summary>
    public ContractRevertedException WithAmounts(Func<EthAddress, System.Numerics.BigInteger, string> formatAmount)
    {
        ArgumentNullException.ThrowIfNull(formatAmount);
        if (!Arguments.ContainsKey("asset") || !RevertMessages.Has(ErrorName)) return this;
        return new ContractRevertedException(ErrorName, Arguments, RevertMessages.Render(ErrorName, Arguments, formatAmount), InnerException);
    }

    /// <summary>An argument by name, converted to <typeparamref name="T"/>.</summary>
    public T Argument<T>(string name) => (T)Arguments[name]!;
}
