using System.Diagnostics.CodeAnalysis;

namespace AidDao.Core.SignIn;

/// <summary>The outcome of <see cref="SiweVerifier.VerifyAsync"/>: the verified message, or why it was refused.</summary>
public sealed class SiweVerification
{
    private SiweVerification(SiweMessage? message, SiweFailure? failure, string? error)
    {
        Message = message;
        Failure = failure;
        Error = error;
    }

    /// <summary>Whether the sign-in was accepted; then <see cref="Message"/> is set, else <see cref="Error"/>.</summary>
    [MemberNotNullWhen(true, nameof(Message))]
    [MemberNotNullWhen(false, nameof(Failure), nameof(Error))]
    public bool Succeeded => Message is not null;

    /// <summary>The verified message, when <see cref="Succeeded"/>.</summary>
    public SiweMessage? Message { get; }

    /// <summary>The account that signed in, when <see cref="Succeeded"/>.</summary>
    public EthAddress? Address => Message?.Address;

    /// <summary>When the session must end (the message's expiration time), when <see cref="Succeeded"/>.</summary>
    public DateTimeOffset? ExpiresAt => Message?.ExpirationTime;

    /// <summary>Why the sign-in was refused, when it was.</summary>
    public SiweFailure? Failure { get; }

    /// <summary>One or two plain sentences for the person: what went wrong and what to do.</summary>
    public string? Error { get; }

    /// <summary>An accepted sign-in.</summary>
    public static SiweVerification Success(SiweMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return new(message, null, null);
    }

    /// <summary>A refused sign-in.</summary>
    public static SiweVerification Fail(SiweFailure failure, string error)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(error);
        return new(null, failure, error);
    }

    /// <inheritdoc />
    public override string ToString() => Succeeded ? $"Signed in: {Message.Address}" : $"{Failure}: {Error}";
}
