using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AidDao.Core.SignIn;
using AidDao.Dashboard.Tests.Support;
using Xunit;

namespace AidDao.Dashboard.Tests;

/// <summary>Sign-In with Ethereum over HTTP: the refusals a page cannot show by itself.</summary>
public sealed class SignInApiTests(DemoDashboardFixture demo)
{
    [Fact]
    public async Task Verify_ReplayedMessage_IsRefused()
    {
        var ct = TestContext.Current.CancellationToken;
        using var first = await SignInClient.SignInAsync(demo, demo.Devnet.Accounts[0], ct);
        using var http = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = demo.Url };
        using var replay = await http.PostAsJsonAsync(new Uri("api/siwe/verify", UriKind.Relative), new { message = first.Message, signature = first.Signature }, ct);

        Assert.Equal(HttpStatusCode.Unauthorized, replay.StatusCode);
        Assert.Equal("This sign-in message was already used or its nonce expired; sign in again.", await ErrorAsync(replay, ct));
        using var session = await http.GetAsync(new Uri("api/session", UriKind.Relative), ct);
        Assert.Equal(HttpStatusCode.Unauthorized, session.StatusCode);
    }

    [Theory]
    [InlineData("expired", "expired at")]
    [InlineData("other chain", "This sign-in message is for chain 1, but this dashboard follows chain")]
    [InlineData("no expiration", "has no expiration time")]
    [InlineData("other site", "This sign-in message is for aid.example.org, not for this dashboard")]
    public async Task Verify_BadMessage_IsRefusedInPlainWords(string problem, string expected)
    {
        var ct = TestContext.Current.CancellationToken;
        var now = DateTimeOffset.UtcNow;
        Func<SiweMessage, SiweMessage> change = problem switch
        {
            "expired" => m => m with { IssuedAt = now.AddHours(-2), ExpirationTime = now.AddHours(-1) },
            "other chain" => m => m with { ChainId = 1 },
            "no expiration" => m => m with { ExpirationTime = null },
            "other site" => m => m with { Domain = "aid.example.org", Uri = "https://aid.example.org/" },
            _ => throw new ArgumentOutOfRangeException(nameof(problem), problem, "Unknown case."),
        };
        using var client = await SignInClient.TryAsync(demo, demo.Devnet.Accounts[0], ct, change);

        Assert.Equal(HttpStatusCode.Unauthorized, client.Answer.StatusCode);
        Assert.Contains(expected, await ErrorAsync(client.Answer, ct), StringComparison.Ordinal);
        using var session = await client.Http.GetAsync(new Uri("api/session", UriKind.Relative), ct);
        Assert.Equal(HttpStatusCode.Unauthorized, session.StatusCode);
    }

    private static async Task<string> ErrorAsync(HttpResponseMessage response, CancellationToken ct) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("error").GetString()!;
}
