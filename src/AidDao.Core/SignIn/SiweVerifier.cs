using System.Globalization;

namespace AidDao.Core.SignIn;

/// <summary>
/// Verifies a Sign-In with Ethereum (EIP-4361) message and its EIP-191 signature for one dashboard: its domain, URI,
/// chain and times, that the message's address made the signature over exactly this text, and that its nonce was
/// issued by <see cref="ISiweNonceStore"/> and not used before.
/// </summary>
/// <remarks>
/// <para>
/// Order of checks: format, domain (and scheme), URI, chain, times (issued-at, not-before, expiration present and
/// within <see cref="SiweVerifierOptions.MaxSessionLifetime"/>, not expired), signature, and the nonce last. The nonce
/// is redeemed only when everything else holds, deliberately: a request with a bad signature, or a message for another
/// site, cannot burn a nonce someone else is about to use, while a replay of a message that was accepted once is
/// refused because its nonce is gone. A message refused for another reason keeps its nonce, so the person can retry
/// with a corrected signature until the nonce expires; that gains an attacker nothing, as only the address's key
/// signs validly.
/// </para>
/// <para>
/// Only externally owned accounts are supported (ecrecover); contract wallets (EIP-1271) are refused as
/// <see cref="SiweFailure.BadSignature"/>. Nonces are not bound to a browser session here; bind them in the web layer
/// when needed.
/// </para>
/// </remarks>
public sealed class SiweVerifier
{
    private readonly ISiweNonceStore _nonces;
    private readonly TimeProvider _time;

    /// <summary>A verifier for the dashboard described by <paramref name="options"/>.</summary>
    public SiweVerifier(SiweVerifierOptions options, ISiweNonceStore nonces, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(nonces);
        if (SiweGrammar.DomainProblem(options.Domain) is { } problem)
            throw new ArgumentException($"The sign-in domain '{SiweMessage.Shown(options.Domain)}' is not valid: {problem}.", nameof(options));
        if (options.UriOrigin is { IsAbsoluteUri: false })
            throw new ArgumentException("The sign-in URI origin must be absolute, such as https://aid.example.org.", nameof(options));
        ArgumentOutOfRangeException.ThrowIfNegative(options.ChainId, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.MaxSessionLifetime, TimeSpan.Zero, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.ClockSkew, TimeSpan.Zero, nameof(options));
        Options = options;
        _nonces = nonces;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>What this verifier expects.</summary>
    public SiweVerifierOptions Options { get; }

    /// <summary>
    /// Verifies <paramref name="message"/> (the exact text the wallet signed) and <paramref name="signature"/> (0x-hex,
    /// 65 bytes). Never throws for bad input: every refusal is a <see cref="SiweVerification"/> with a reason.
    /// </summary>
    public async Task<SiweVerification> VerifyAsync(string message, string signature, CancellationToken cancellationToken)
    {
        SiweMessage parsed;
        try
        {
            parsed = SiweMessage.Parse(message);
        }
        catch (SiweFormatException malformed)
        {
            return SiweVerification.Fail(SiweFailure.Malformed,
                $"{malformed.Message} Sign in again from the dashboard; if this keeps happening, the wallet may not support Sign-In with Ethereum.");
        }
        if (Refusal(parsed) is { } refused) return refused;

        if (PersonalSign.RecoverSigner(message, signature) != parsed.Address)
        {
            return SiweVerification.Fail(SiweFailure.BadSignature,
                $"The signature was not made by {parsed.Address} over this message (it may be damaged, made by another account, "
                + "or the message was changed after signing); sign in again and approve the request in the wallet of that account.");
        }

        if (!await _nonces.TryConsumeAsync(parsed.Nonce, cancellationToken).ConfigureAwait(false))
            return SiweVerification.Fail(SiweFailure.UnknownOrUsedNonce, "This sign-in message was already used or its nonce expired; sign in again.");
        return SiweVerification.Success(parsed);
    }

    private SiweVerification? Refusal(SiweMessage message)
    {
        var again = "sign in again from this dashboard's own page.";
        if (!string.Equals(message.Domain, Options.Domain, StringComparison.OrdinalIgnoreCase))
            return SiweVerification.Fail(SiweFailure.WrongDomain, $"This sign-in message is for {message.Domain}, not for this dashboard ({Options.Domain}); {again}");
        var origin = Options.UriOrigin;
        if (message.Scheme is { } scheme && origin is not null && !string.Equals(scheme, origin.Scheme, StringComparison.OrdinalIgnoreCase))
            return SiweVerification.Fail(SiweFailure.WrongDomain, $"This sign-in message is for {scheme}://{message.Domain}, but this dashboard is served over {origin.Scheme}; {again}");
        if (origin is not null && !IsUnder(new Uri(message.Uri, UriKind.Absolute), origin))
            return SiweVerification.Fail(SiweFailure.WrongUri, $"This sign-in message is for {message.Uri}, which is not part of this dashboard ({origin}); {again}");
        if (message.ChainId != Options.ChainId)
        {
            return SiweVerification.Fail(SiweFailure.WrongChain, string.Create(CultureInfo.InvariantCulture,
                $"This sign-in message is for chain {message.ChainId}, but this dashboard follows chain {Options.ChainId}; switch the wallet to chain {Options.ChainId} and sign in again."));
        }

        var now = _time.GetUtcNow();
        if (message.IssuedAt > now + Options.ClockSkew)
        {
            return SiweVerification.Fail(SiweFailure.IssuedInFuture,
                $"This sign-in message says it was made at {Show(message.IssuedAt)}, later than the time on this server ({Show(now)}); check the clock of your device and sign in again.");
        }
        if (message.NotBefore is { } notBefore && notBefore > now + Options.ClockSkew)
        {
            return SiweVerification.Fail(SiweFailure.NotYetValid,
                $"This sign-in message is valid only from {Show(notBefore)} (now it is {Show(now)}); check the clock of your device, or wait, and sign in again.");
        }
        if (message.ExpirationTime is not { } expiration)
        {
            return SiweVerification.Fail(SiweFailure.MissingExpiration,
                "This sign-in message has no expiration time, and this dashboard accepts only sign-ins that end; " + again);
        }
        if (expiration - message.IssuedAt > Options.MaxSessionLifetime)
        {
            return SiweVerification.Fail(SiweFailure.LifetimeTooLong,
                $"This sign-in message stays valid until {Show(expiration)}, longer than the {Show(Options.MaxSessionLifetime)} a session may last here; {again}");
        }
        if (now >= expiration)
            return SiweVerification.Fail(SiweFailure.Expired, $"This sign-in message expired at {Show(expiration)}; sign in again.");
        return null;
    }

    private static bool IsUnder(Uri candidate, Uri origin)
    {
        if (!string.Equals(candidate.Scheme, origin.Scheme, StringComparison.OrdinalIgnoreCase)
            || !string.Equals(candidate.Host, origin.Host, StringComparison.OrdinalIgnoreCase)
            || candidate.Port != origin.Port)
        {
            return false;
        }
        var root = origin.AbsolutePath.TrimEnd('/');
        var path = candidate.AbsolutePath;
        return root.Length == 0 || path == root || path.StartsWith(root + "/", StringComparison.Ordinal);
    }

    private static string Show(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy'-'MM'-'dd HH':'mm':'ss 'UTC'", CultureInfo.InvariantCulture);

    private static string Show(TimeSpan span) => span.TotalHours >= 1
        ? string.Create(CultureInfo.InvariantCulture, $"{span.TotalHours:0.##} hour{(span.TotalHours == 1 ? "" : "s")}")
        : string.Create(CultureInfo.InvariantCulture, $"{span.TotalMinutes:0.##} minute{(span.TotalMinutes == 1 ? "" : "s")}");
}
