using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.RegularExpressions;

namespace AidDao.Core.SignIn;

/// <summary>
/// The field rules of the EIP-4361 ABNF (RFC 3986 authority, URI and pchar; RFC 3339 date-time; 8+ alphanumeric
/// nonce), each answering with a plain-words problem or null when the value is valid.
/// </summary>
internal static partial class SiweGrammar
{
    /// <summary>What follows the domain on the first line.</summary>
    public const string HeaderSuffix = " wants you to sign in with your Ethereum account:";

    /// <summary>An example of the timestamp form, for messages.</summary>
    public const string TimeExample = "2021-09-30T16:25:24Z";

    public static string? SchemeProblem(string? scheme) =>
        scheme is not null && SchemePattern().IsMatch(scheme) ? null : "a scheme is a letter followed by letters, digits, '+', '-' or '.'";

    public static string? DomainProblem(string? domain) =>
        domain is not null && AuthorityPattern().IsMatch(domain) ? null : "a domain is a host name with an optional port, such as example.org or localhost:5000";

    public static string? StatementProblem(string? statement) =>
        statement is not null && StatementPattern().IsMatch(statement)
            ? null
            : "a statement is one non-empty line of plain ASCII letters, digits, spaces and URL punctuation";

    public static string? UriProblem(string? uri) =>
        uri is not null && UriPattern().IsMatch(uri) && Uri.TryCreate(uri, UriKind.Absolute, out _)
            ? null
            : "it is not an absolute URI such as https://example.org/login";

    public static string? NonceProblem(string? nonce) =>
        nonce is not null && NoncePattern().IsMatch(nonce) ? null : "a nonce is at least 8 letters (A-Z, a-z) or digits";

    public static string? RequestIdProblem(string? requestId) =>
        requestId is not null && RequestIdPattern().IsMatch(requestId) ? null : "a request ID may hold only URL path characters";

    /// <summary>The address in <paramref name="text"/>, which must be written in EIP-55 checksum form.</summary>
    public static bool TryParseAddress(string text, out EthAddress address, [NotNullWhen(false)] out string? problem)
    {
        if (!EthAddress.TryParse(text, out address, out problem)) return false;
        if (string.Equals(address.Value, text, StringComparison.Ordinal)) return true;
        problem = $"it is not written in EIP-55 checksum form (mixed case, here {address.Value})";
        return false;
    }

    /// <summary>A chain id: digits without leading zeros that fit in 64 bits.</summary>
    public static bool TryParseChainId(string text, out long chainId) =>
        ChainIdPattern().IsMatch(text) & long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out chainId);

    /// <summary>RFC 3339 form: UTC as <c>Z</c>, other offsets as <c>+hh:mm</c>, fractions of a second only when present.</summary>
    public static string FormatTime(DateTimeOffset time) => time.Offset == TimeSpan.Zero
        ? time.UtcDateTime.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss.FFFFFFF'Z'", CultureInfo.InvariantCulture)
        : time.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss.FFFFFFFzzz", CultureInfo.InvariantCulture);

    /// <summary>Reads an RFC 3339 date-time; digits after the seventh of a fraction of a second are dropped.</summary>
    public static bool TryParseTime(string text, out DateTimeOffset time)
    {
        time = default;
        var match = TimePattern().Match(text);
        if (!match.Success) return false;
        int Part(string name) => int.Parse(match.Groups[name].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture);
        try
        {
            var offset = match.Groups["sign"].Success
                ? (match.Groups["sign"].ValueSpan is "-" ? -1 : 1) * new TimeSpan(Part("oh"), Part("om"), 0)
                : TimeSpan.Zero;
            var fraction = match.Groups["fraction"].Value;
            var ticks = fraction.Length == 0
                ? 0
                : long.Parse(fraction.Length > 7 ? fraction.AsSpan(0, 7) : fraction.PadRight(7, '0'), NumberStyles.None, CultureInfo.InvariantCulture);
            var clock = new DateTime(Part("year"), Part("month"), Part("day"), Part("hour"), Part("minute"), Part("second"), DateTimeKind.Unspecified);
            time = new DateTimeOffset(clock, offset).AddTicks(ticks);
            return true;
        }
        catch (ArgumentException)
        {
            return false; // a month 13, a 61st second, an offset beyond ±14 h, a date past year 9999
        }
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9+.-]*$")]
    private static partial Regex SchemePattern();

    // authority = [ userinfo "@" ] host [ ":" port ]; host = IP-literal / IPv4address / reg-name (RFC 3986).
    [GeneratedRegex(@"^(?:(?:[A-Za-z0-9\-._~!$&'()*+,;=:]|%[0-9A-Fa-f]{2})*@)?(?:\[[0-9A-Fa-f:.]+\]|(?:[A-Za-z0-9\-._~!$&'()*+,;=]|%[0-9A-Fa-f]{2})+)(?::[0-9]*)?$")]
    private static partial Regex AuthorityPattern();

    // statement = *( reserved / unreserved / " " ); empty is written as no statement at all.
    [GeneratedRegex(@"^[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;= ]+$")]
    private static partial Regex StatementPattern();

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9+.\-]*:(?:[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2})*$")]
    private static partial Regex UriPattern();

    [GeneratedRegex("^[A-Za-z0-9]{8,}$")]
    private static partial Regex NoncePattern();

    // request-id = *pchar
    [GeneratedRegex(@"^(?:[A-Za-z0-9\-._~!$&'()*+,;=:@]|%[0-9A-Fa-f]{2})*$")]
    private static partial Regex RequestIdPattern();

    [GeneratedRegex("^(?:0|[1-9][0-9]*)$")]
    private static partial Regex ChainIdPattern();

    [GeneratedRegex("^(?<year>[0-9]{4})-(?<month>[0-9]{2})-(?<day>[0-9]{2})[Tt](?<hour>[0-9]{2}):(?<minute>[0-9]{2}):(?<second>[0-9]{2})(?:\\.(?<fraction>[0-9]+))?(?:[Zz]|(?<sign>[+-])(?<oh>[0-9]{2}):(?<om>[0-9]{2}))$")]
    private static partial Regex TimePattern();
}
