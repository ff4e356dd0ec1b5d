namespace AidDao.Core.SignIn;

/// <summary>Why <see cref="SiweVerifier"/> refused a sign-in; <see cref="SiweVerification.Error"/> says it in plain words.</summary>
public enum SiweFailure
{
    /// <summary>The message is not in the exact EIP-4361 format (or no message was sent).</summary>
    Malformed,

    /// <summary>The message names another domain (or scheme) than this dashboard's.</summary>
    WrongDomain,

    /// <summary>The message's URI is not under this dashboard's origin.</summary>
    WrongUri,

    /// <summary>The message is bound to another chain than the one this dashboard follows.</summary>
    WrongChain,

    /// <summary>The message's expiration time has passed.</summary>
    Expired,

    /// <summary>The message's not-before time has not come yet (beyond the allowed clock skew).</summary>
    NotYetValid,

    /// <summary>The message claims to have been issued later than now (beyond the allowed clock skew).</summary>
    IssuedInFuture,

    /// <summary>The message has no expiration time; sessions must end.</summary>
    MissingExpiration,

    /// <summary>The message stays valid for longer after it was issued than the longest session allowed.</summary>
    LifetimeTooLong,

    /// <summary>The signature is malformed or was not made by the message's address over this exact text.</summary>
    BadSignature,

    /// <summary>The nonce was not issued by this server, has expired, or was already used.</summary>
    UnknownOrUsedNonce,
}
