using System.Globalization;
using System.Text;

namespace AidDao.Core.SignIn;

/// <summary>
/// A Sign-In with Ethereum message (EIP-4361): the text a wallet shows and signs (EIP-191 <c>personal_sign</c>) to
/// prove that a person controls <see cref="Address"/>. <see cref="ToString"/> writes the exact text of the standard;
/// <see cref="Parse"/> reads it back strictly. Every field is checked when set, so an instance always writes a
/// message that <see cref="Parse"/> accepts.
/// </summary>
/// <remarks>
/// Timestamps are written in RFC 3339 form: <c>Z</c> for UTC, <c>+hh:mm</c> otherwise, fractions of a second only when
/// present. A parsed message equals the original, but its text may differ where RFC 3339 allows choices
/// (<c>+00:00</c> is written <c>Z</c>, <c>.500</c> is written <c>.5</c>), and a <c>Resources:</c> line with no entries is
/// left out; so verify a signature against the text that was signed, never against <see cref="ToString"/> of a parsed
/// message.
/// </remarks>
public sealed record SiweMessage
{
    /// <summary>The only version of the format, written on the <c>Version</c> line.</summary>
    public const string CurrentVersion = "1";

    /// <summary>A message with the required fields; set the optional ones with an object initializer.</summary>
    /// <exception cref="SiweFormatException">A field is not valid.</exception>
    public SiweMessage(string domain, EthAddress address, string uri, long chainId, string nonce, DateTimeOffset issuedAt)
    {
        Domain = domain;
        Address = address;
        Uri = uri;
        ChainId = chainId;
        Nonce = nonce;
        IssuedAt = issuedAt;
    }

    /// <summary>Optional URI scheme written before the domain (<c>https://example.org wants you…</c>); usually absent.</summary>
    public string? Scheme { get; init => field = value is null ? null : Valid(value, SiweGrammar.SchemeProblem(value), "scheme"); }

    /// <summary>The RFC 3986 authority asking for the sign-in: host with an optional port, e.g. <c>aid.example.org</c>.</summary>
    public string Domain { get; init => field = Valid(value, SiweGrammar.DomainProblem(value), "domain"); }

    /// <summary>The account signing in; written in EIP-55 checksum form.</summary>
    public EthAddress Address { get; init; }

    /// <summary>Optional one-line statement the person agrees to; ASCII letters, digits, spaces and URL punctuation.</summary>
    public string? Statement { get; init => field = value is null ? null : Valid(value, SiweGrammar.StatementProblem(value), "statement"); }

    /// <summary>The absolute URI the sign-in is for, e.g. <c>https://aid.example.org/</c>.</summary>
    public string Uri { get; init => field = Valid(value, SiweGrammar.UriProblem(value), "URI"); }

    /// <summary>Always <see cref="CurrentVersion"/>.</summary>
    public string Version { get; } = CurrentVersion;

    /// <summary>The EIP-155 chain id the session is bound to.</summary>
    public long ChainId
    {
        get;
        init => field = value >= 0 ? value : throw new SiweFormatException($"The chain ID of a sign-in message cannot be negative ({value}).");
    }

    /// <summary>The relying party's one-time random token, at least 8 letters or digits.</summary>
    public string Nonce { get; init => field = Valid(value, SiweGrammar.NonceProblem(value), "nonce"); }

    /// <summary>When the message was made.</summary>
    public DateTimeOffset IssuedAt { get; init; }

    /// <summary>When the message (and a session based on it) stops being valid, if it does.</summary>
    public DateTimeOffset? ExpirationTime { get; init; }

    /// <summary>When the message starts being valid, if later than <see cref="IssuedAt"/>.</summary>
    public DateTimeOffset? NotBefore { get; init; }

    /// <summary>Optional system-specific request identifier (URL path characters).</summary>
    public string? RequestId { get; init => field = value is null ? null : Valid(value, SiweGrammar.RequestIdProblem(value), "request ID"); }

    /// <summary>URIs the person wants resolved as part of the sign-in; empty when there are none.</summary>
    public IReadOnlyList<string> Resources
    {
        get;
        init
        {
            ArgumentNullException.ThrowIfNull(value);
            foreach (var resource in value) Valid(resource, SiweGrammar.UriProblem(resource), "resource");
            field = [.. value];
        }
    } = [];

    /// <summary>Reads a message in the exact EIP-4361 text format.</summary>
    /// <exception cref="SiweFormatException">The text deviates from the format; the message says where and how.</exception>
    public static SiweMessage Parse(string text) => SiweMessageParser.Parse(text);

    /// <summary>The exact EIP-4361 text of this message: what a wallet signs.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        if (Scheme is not null) text.Append(Scheme).Append("://");
        text.Append(Domain).Append(SiweGrammar.HeaderSuffix).Append('\n');
        text.Append(Address.Value).Append("\n\n");
        if (Statement is not null) text.Append(Statement).Append('\n');
        text.Append('\n');
        text.Append(SiweField.Uri).Append(Uri).Append('\n');
        text.Append(SiweField.Version).Append(Version).Append('\n');
        text.Append(SiweField.ChainId).Append(ChainId.ToString(CultureInfo.InvariantCulture)).Append('\n');
        text.Append(SiweField.Nonce).Append(Nonce).Append('\n');
        text.Append(SiweField.IssuedAt).Append(SiweGrammar.FormatTime(IssuedAt));
        if (ExpirationTime is { } expiration) text.Append('\n').Append(SiweField.ExpirationTime).Append(SiweGrammar.FormatTime(expiration));
        if (NotBefore is { } notBefore) text.Append('\n').Append(SiweField.NotBefore).Append(SiweGrammar.FormatTime(notBefore));
        if (RequestId is not null) text.Append('\n').Append(SiweField.RequestId).Append(RequestId);
        if (Resources.Count > 0)
        {
            text.Append('\n').Append(SiweField.Resources);
            foreach (var resource in Resources) text.Append('\n').Append(SiweField.ResourceItem).Append(resource);
        }
        return text.ToString();
    }

    /// <summary>Whether both messages have the same fields (resources compared in order).</summary>
    public bool Equals(SiweMessage? other) =>
        other is not null
        && string.Equals(Scheme, other.Scheme, StringComparison.Ordinal)
        && string.Equals(Domain, other.Domain, StringComparison.Ordinal)
        && Address == other.Address
        && string.Equals(Statement, other.Statement, StringComparison.Ordinal)
        && string.Equals(Uri, other.Uri, StringComparison.Ordinal)
        && ChainId == other.ChainId
        && string.Equals(Nonce, other.Nonce, StringComparison.Ordinal)
        && SameTime(IssuedAt, other.IssuedAt)
        && SameTime(ExpirationTime, other.ExpirationTime)
        && SameTime(NotBefore, other.NotBefore)
        && string.Equals(RequestId, other.RequestId, StringComparison.Ordinal)
        && Resources.SequenceEqual(other.Resources, StringComparer.Ordinal);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Domain, Address, Nonce, IssuedAt, ChainId);

    private static bool SameTime(DateTimeOffset? a, DateTimeOffset? b) => a is { } x ? b is { } y && x.EqualsExact(y) : b is null;

    private static string Valid(string value, string? problem, string field) =>
        problem is null ? value : throw new SiweFormatException($"'{Shown(value)}' is not a valid {field} for a sign-in message: {problem}.");

    /// <summary>Input made safe to repeat in a message: possible keys hidden, long text cut short.</summary>
    internal static string Shown(string? text)
    {
        var safe = Redaction.Input(text);
        return safe.Length <= 80 ? safe : string.Concat(safe.AsSpan(0, 80), "…");
    }
}
