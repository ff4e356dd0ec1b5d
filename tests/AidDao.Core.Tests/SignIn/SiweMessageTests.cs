using AidDao.Core.SignIn;
using Xunit;

namespace AidDao.Core.Tests.SignIn;

/// <summary>The EIP-4361 text: written exactly as the standard lays it out, and read back strictly.</summary>
public class SiweMessageTests
{
    // The first example of EIP-4361 ("Examples"), with an implicit scheme.
    private const string Eip4361Example =
        "example.com wants you to sign in with your Ethereum account:\n"
        + "0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2\n"
        + "\n"
        + "I accept the ExampleOrg Terms of Service: https://example.com/tos\n"
        + "\n"
        + "URI: https://example.com/login\n"
        + "Version: 1\n"
        + "Chain ID: 1\n"
        + "Nonce: 32891756\n"
        + "Issued At: 2021-09-30T16:25:24Z\n"
        + "Resources:\n"
        + "- ipfs://bafybeiemxf5abjwjbikoz4mc3a3dla6ual3jsgpdr4cjr3oz3evfyavhwq/\n"
        + "- https://example.com/my-web2-claim.json";

    private static readonly EthAddress Account = EthAddress.Parse("0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2");

    [Fact]
    public void Parse_Eip4361Example_ReadsEveryFieldAndWritesTheSameText()
    {
        var message = SiweMessage.Parse(Eip4361Example);

        Assert.Null(message.Scheme);
        Assert.Equal("example.com", message.Domain);
        Assert.Equal(Account, message.Address);
        Assert.Equal("I accept the ExampleOrg Terms of Service: https://example.com/tos", message.Statement);
        Assert.Equal("https://example.com/login", message.Uri);
        Assert.Equal("1", message.Version);
        Assert.Equal(1, message.ChainId);
        Assert.Equal("32891756", message.Nonce);
        Assert.Equal(new DateTimeOffset(2021, 9, 30, 16, 25, 24, TimeSpan.Zero), message.IssuedAt);
        Assert.Null(message.ExpirationTime);
        Assert.Null(message.NotBefore);
        Assert.Null(message.RequestId);
        Assert.Equal(["ipfs://bafybeiemxf5abjwjbikoz4mc3a3dla6ual3jsgpdr4cjr3oz3evfyavhwq/", "https://example.com/my-web2-claim.json"], message.Resources);
        Assert.Equal(Eip4361Example, message.ToString());
        Assert.Equal(message, SiweMessage.Parse(message.ToString()));
    }

    [Fact]
    public void Parse_ExplicitSchemeAndPort_KeepsThemAndWritesTheSameText()
    {
        var text = Eip4361Example.Replace("example.com wants", "https://example.com:3388 wants", StringComparison.Ordinal);

        var message = SiweMessage.Parse(text);

        Assert.Equal("https", message.Scheme);
        Assert.Equal("example.com:3388", message.Domain);
        Assert.Equal(text, message.ToString());
    }

    [Fact]
    public void ToString_EveryField_WritesTheLinesInTheStandardOrder()
    {
        var message = new SiweMessage("aid.example.org", Account, "https://aid.example.org/", 31337, "Abc123xyz789QWE", new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero))
        {
            Statement = "Sign in to the AidDao dashboard as a steward.",
            ExpirationTime = new DateTimeOffset(2026, 3, 1, 13, 0, 0, 500, TimeSpan.Zero),
            NotBefore = new DateTimeOffset(2026, 3, 1, 14, 0, 0, TimeSpan.FromHours(2)),
            RequestId = "req-42",
            Resources = ["https://aid.example.org/pools/1"],
        };

        Assert.Equal(
            "aid.example.org wants you to sign in with your Ethereum account:\n"
            + "0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2\n\n"
            + "Sign in to the AidDao dashboard as a steward.\n\n"
            + "URI: https://aid.example.org/\n"
            + "Version: 1\n"
            + "Chain ID: 31337\n"
            + "Nonce: Abc123xyz789QWE\n"
            + "Issued At: 2026-03-01T12:00:00Z\n"
            + "Expiration Time: 2026-03-01T13:00:00.5Z\n"
            + "Not Before: 2026-03-01T14:00:00+02:00\n"
            + "Request ID: req-42\n"
            + "Resources:\n"
            + "- https://aid.example.org/pools/1",
            message.ToString());
        Assert.Equal(message, SiweMessage.Parse(message.ToString()));
    }

    [Fact]
    public void ToString_NoStatement_LeavesTwoEmptyLinesBeforeTheUri()
    {
        var message = new SiweMessage("localhost:5080", Account, "http://localhost:5080/", 31337, "12345678", new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));

        Assert.Equal(
            "localhost:5080 wants you to sign in with your Ethereum account:\n0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2\n\n\n"
            + "URI: http://localhost:5080/\nVersion: 1\nChain ID: 31337\nNonce: 12345678\nIssued At: 2026-03-01T12:00:00Z",
            message.ToString());
        Assert.Equal(message, SiweMessage.Parse(message.ToString()));
    }

    [Fact]
    public void Parse_MillisecondsAndOffsets_ReadsTheSameInstant()
    {
        var text = Eip4361Example.Replace("Issued At: 2021-09-30T16:25:24Z", "Issued At: 2021-09-30T18:25:24.123+02:00", StringComparison.Ordinal);

        var message = SiweMessage.Parse(text);

        Assert.Equal(new DateTimeOffset(2021, 9, 30, 16, 25, 24, 123, TimeSpan.Zero), message.IssuedAt);
        Assert.Equal(TimeSpan.FromHours(2), message.IssuedAt.Offset);
        Assert.Equal(text, message.ToString());
    }

    public static TheoryData<string, string> Malformed() => new()
    {
        { Eip4361Example.Replace("0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2", "0xc02aaa39b223fe8d0a0e5c4f27ead9083c756cc2", StringComparison.Ordinal), "EIP-55 checksum form" },
        { Eip4361Example.Replace("0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2", "0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc", StringComparison.Ordinal), "line 2 should be the account address" },
        { Eip4361Example.Replace("Nonce: 32891756\n", "", StringComparison.Ordinal), "line 9 should start with 'Nonce: '" },
        { Eip4361Example.Replace("Nonce: 32891756", "Nonce: 1234567", StringComparison.Ordinal), "at least 8 letters" },
        { Eip4361Example.Replace("Nonce: 32891756", "Nonce: 1234-5678", StringComparison.Ordinal), "at least 8 letters" },
        { Eip4361Example.Replace("Version: 1", "Version: 2", StringComparison.Ordinal), "only version 1" },
        { Eip4361Example.Replace("Chain ID: 1", "Chain ID: 01", StringComparison.Ordinal), "chain ID '01'" },
        { Eip4361Example.Replace("Chain ID: 1", "Chain ID: one", StringComparison.Ordinal), "chain ID 'one'" },
        { Eip4361Example.Replace("2021-09-30T16:25:24Z", "2021-09-30 16:25:24", StringComparison.Ordinal), "RFC 3339" },
        { Eip4361Example.Replace("2021-09-30T16:25:24Z", "2021-13-30T16:25:24Z", StringComparison.Ordinal), "RFC 3339" },
        { Eip4361Example.Replace("2021-09-30T16:25:24Z", "2021-09-30T16:25:24", StringComparison.Ordinal), "RFC 3339" },
        { Eip4361Example + "\nFavourite Colour: blue", "does not belong there" },
        { Eip4361Example + "\n", "line break after the last line" },
        { Eip4361Example.Replace("\n", "\r\n", StringComparison.Ordinal), "CR LF" },
        { Eip4361Example.Replace("Resources:", "Not Before: 2021-09-30T16:25:24Z\nExpiration Time: 2021-10-30T16:25:24Z\nResources:", StringComparison.Ordinal), "line 12 ('Expiration Time" },
        { Eip4361Example.Replace("\nI accept the ExampleOrg Terms of Service: https://example.com/tos\n", "", StringComparison.Ordinal), "two empty lines" },
        { Eip4361Example.Replace("I accept", "I\u00e9 accept", StringComparison.Ordinal), "statement" },
        { Eip4361Example.Replace("- https://example.com/my-web2-claim.json", "- not a uri", StringComparison.Ordinal), "resource 'not a uri'" },
        { Eip4361Example.Replace("URI: https://example.com/login", "URI: /login", StringComparison.Ordinal), "URI '/login'" },
        { Eip4361Example.Replace("example.com wants", "example.com/path wants", StringComparison.Ordinal), "domain" },
        { Eip4361Example.Replace("wants you to sign in", "wants you to log in", StringComparison.Ordinal), "line 1 must read" },
        { Eip4361Example[..Eip4361Example.IndexOf("\nVersion", StringComparison.Ordinal)], "it ends after line 6, where the 'Version:' line should come" },
        { "", "it is empty" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void Parse_Deviation_IsRefusedWithTheReason(string text, string reason)
    {
        var error = Assert.Throws<SiweFormatException>(() => SiweMessage.Parse(text));

        Assert.StartsWith("This is not a valid Sign-In with Ethereum message: ", error.Message, StringComparison.Ordinal);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.IsAssignableFrom<AidDaoException>(error);
    }

    [Fact]
    public void Constructor_InvalidFields_AreRefused()
    {
        var issued = new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
        var valid = new SiweMessage("aid.example.org", Account, "https://aid.example.org/", 1, "12345678", issued);

        Assert.Contains("not a valid nonce", Assert.Throws<SiweFormatException>(() => valid with { Nonce = "short" }).Message, StringComparison.Ordinal);
        Assert.Contains("not a valid domain", Assert.Throws<SiweFormatException>(() => valid with { Domain = "aid example org" }).Message, StringComparison.Ordinal);
        Assert.Contains("not a valid statement", Assert.Throws<SiweFormatException>(() => valid with { Statement = "two\nlines" }).Message, StringComparison.Ordinal);
        Assert.Contains("not a valid URI", Assert.Throws<SiweFormatException>(() => valid with { Uri = "aid.example.org" }).Message, StringComparison.Ordinal);
        Assert.Contains("negative", Assert.Throws<SiweFormatException>(() => valid with { ChainId = -1 }).Message, StringComparison.Ordinal);
    }
}
