namespace AidDao.Core.SignIn;

/// <summary>What <see cref="SiweVerifier"/> expects of a sign-in message.</summary>
public sealed class SiweVerifierOptions
{
    /// <summary>Default for <see cref="MaxSessionLifetime"/>: 24 hours.</summary>
    public static readonly TimeSpan DefaultMaxSessionLifetime = TimeSpan.FromHours(24);

    /// <summary>Default for <see cref="ClockSkew"/>: 5 minutes.</summary>
    public static readonly TimeSpan DefaultClockSkew = TimeSpan.FromMinutes(5);

    /// <summary>
    /// The dashboard's host with its port when not the scheme's default (what a browser calls <c>location.host</c>),
    /// e.g. <c>aid.example.org</c> or <c>localhost:5080</c>. Compared without regard to case.
    /// </summary>
    public required string Domain { get; init; }

    /// <summary>
    /// When set, the message's URI must have this scheme, host and port, and a path at or below this path, e.g.
    /// <c>https://aid.example.org</c>; a message with an explicit scheme before its domain must use this scheme.
    /// When null (the default) the URI is not checked.
    /// </summary>
    public Uri? UriOrigin { get; init; }

    /// <summary>The EIP-155 id of the chain the dashboard follows.</summary>
    public required long ChainId { get; init; }

    /// <summary>
    /// The longest a session may last: messages without an expiration time, or expiring more than this long after they
    /// were issued, are refused. Default <see cref="DefaultMaxSessionLifetime"/> (24 hours).
    /// </summary>
    public TimeSpan MaxSessionLifetime { get; init; } = DefaultMaxSessionLifetime;

    /// <summary>
    /// How far the signer's clock may run ahead of the server's: tolerated for the issued-at and not-before times (not
    /// for expiry). Default <see cref="DefaultClockSkew"/> (5 minutes).
    /// </summary>
    public TimeSpan ClockSkew { get; init; } = DefaultClockSkew;
}
