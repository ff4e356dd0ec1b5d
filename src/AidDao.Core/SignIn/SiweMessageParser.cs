namespace AidDao.Core.SignIn;

/// <summary>
/// Reads the EIP-4361 text line by line, in the standard's order, and refuses any deviation: a missing or misplaced
/// line, a field that breaks its ABNF rule, CR LF line ends, or anything after the last field (a final line break too).
/// </summary>
internal sealed class SiweMessageParser
{
    private const string Optionals = "after 'Issued At' come only the optional lines Expiration Time, Not Before, Request ID and Resources, in that order";

    private readonly string[] _lines;
    private int _next;

    private SiweMessageParser(string[] lines) => _lines = lines;

    public static SiweMessage Parse(string text)
    {
        if (string.IsNullOrEmpty(text)) throw Fail("it is empty");
        if (text.Contains('\r', StringComparison.Ordinal))
            throw Fail("its lines end with CR LF (Windows line ends); the lines of a sign-in message are separated by LF alone");
        return new SiweMessageParser(text.Split('\n')).Read();
    }

    private SiweMessage Read()
    {
        var header = Take("first");
        if (!header.EndsWith(SiweGrammar.HeaderSuffix, StringComparison.Ordinal))
            throw Fail($"line 1 must read '<domain>{SiweGrammar.HeaderSuffix}'");
        var origin = header[..^SiweGrammar.HeaderSuffix.Length];
        string? scheme = null;
        var domain = origin;
        var separator = origin.IndexOf("://", StringComparison.Ordinal);
        if (separator >= 0)
        {
            scheme = origin[..separator];
            domain = origin[(separator + 3)..];
            Check(SiweGrammar.SchemeProblem(scheme), "scheme", scheme);
        }
        Check(SiweGrammar.DomainProblem(domain), "domain", domain);

        if (!SiweGrammar.TryParseAddress(Take("address"), out var address, out var addressProblem))
            throw Fail($"line 2 should be the account address, but {addressProblem}");
        ExpectEmpty("line 3 must be empty");
        string? statement = null;
        var afterAddress = Take("URI");
        if (afterAddress.Length > 0)
        {
            if (afterAddress.StartsWith(SiweField.Uri, StringComparison.Ordinal))
                throw Fail("there must be two empty lines between the address and the URI line when there is no statement");
            Check(SiweGrammar.StatementProblem(afterAddress), "statement", afterAddress);
            statement = afterAddress;
            ExpectEmpty("an empty line must follow the statement");
        }

        var uri = Field(SiweField.Uri);
        Check(SiweGrammar.UriProblem(uri), "URI", uri);
        var version = Field(SiweField.Version);
        if (version != SiweMessage.CurrentVersion)
            throw Fail($"the version is '{SiweMessage.Shown(version)}', but only version 1 of Sign-In with Ethereum exists");
        var chainText = Field(SiweField.ChainId);
        if (!SiweGrammar.TryParseChainId(chainText, out var chainId))
            throw Fail($"the chain ID '{SiweMessage.Shown(chainText)}' is not a whole number written without leading zeros");
        var nonce = Field(SiweField.Nonce);
        Check(SiweGrammar.NonceProblem(nonce), "nonce", nonce);
        var issuedAt = Time(Field(SiweField.IssuedAt), "Issued At");

        var expiration = Optional(SiweField.ExpirationTime) is { } expirationText ? Time(expirationText, "Expiration Time") : (DateTimeOffset?)null;
        var notBefore = Optional(SiweField.NotBefore) is { } notBeforeText ? Time(notBeforeText, "Not Before") : (DateTimeOffset?)null;
        var requestId = Optional(SiweField.RequestId);
        if (requestId is not null) Check(SiweGrammar.RequestIdProblem(requestId), "request ID", requestId);
        var resources = new List<string>();
        if (_next < _lines.Length && _lines[_next] == SiweField.Resources)
        {
            _next++;
            while (Optional(SiweField.ResourceItem) is { } resource)
            {
                Check(SiweGrammar.UriProblem(resource), "resource", resource);
                resources.Add(resource);
            }
        }
        if (_next < _lines.Length)
        {
            throw _next == _lines.Length - 1 && _lines[_next].Length == 0
                ? Fail("it ends with a line break after the last line")
                : Fail($"line {_next + 1} ('{SiweMessage.Shown(_lines[_next])}') does not belong there: {Optionals}, and nothing follows them");
        }

        return new SiweMessage(domain, address, uri, chainId, nonce, issuedAt)
        {
            Scheme = scheme,
            Statement = statement,
            ExpirationTime = expiration,
            NotBefore = notBefore,
            RequestId = requestId,
            Resources = resources,
        };
    }

    private string Take(string what)
    {
        if (_next >= _lines.Length) throw Fail($"it ends after line {_lines.Length}, where the {what} line should come");
        return _lines[_next++];
    }

    private void ExpectEmpty(string rule)
    {
        if (Take("empty").Length > 0) throw Fail(rule);
    }

    private string Field(string label)
    {
        var line = Take($"'{label.TrimEnd()}'");
        if (!line.StartsWith(label, StringComparison.Ordinal))
            throw Fail($"line {_next} should start with '{label}' but reads '{SiweMessage.Shown(line)}'");
        return line[label.Length..];
    }

    private string? Optional(string label)
    {
        if (_next >= _lines.Length || !_lines[_next].StartsWith(label, StringComparison.Ordinal)) return null;
        return _lines[_next++][label.Length..];
    }

    private DateTimeOffset Time(string text, string field) => SiweGrammar.TryParseTime(text, out var time)
        ? time
        : throw Fail($"the {field} time '{SiweMessage.Shown(text)}' on line {_next} is not an RFC 3339 date and time such as {SiweGrammar.TimeExample}");

    private void Check(string? problem, string field, string value)
    {
        if (problem is not null) throw Fail($"the {field} '{SiweMessage.Shown(value)}' on line {Math.Max(_next, 1)} is not valid: {problem}");
    }

    private static SiweFormatException Fail(string reason) => new($"This is not a valid Sign-In with Ethereum message: {reason}.");
}
