using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AidDao.Core;
using AidDao.Core.Chain;
using AidDao.Core.SignIn;
using Nethereum.Signer;

namespace AidDao.Dashboard.Tests.Support;

/// <summary>An HTTP client that signs in to the dashboard with Sign-In with Ethereum, as the page does, keeping the session cookie.</summary>
public sealed class SignInClient : IDisposable
{
    private SignInClient(HttpClient http, HttpResponseMessage answer, string message, string signature)
    {
        Http = http;
        Answer = answer;
        Message = message;
        Signature = signature;
    }

    public HttpClient Http { get; }

    /// <summary>The verify endpoint's answer.</summary>
    public HttpResponseMessage Answer { get; }

    /// <summary>The signed message and its signature (to replay them).</summary>
    public string Message { get; }

    public string Signature { get; }

    /// <summary>Signs in as <paramref name="account"/> and checks that it worked.</summary>
    public static async Task<SignInClient> SignInAsync(DemoDashboardFixture demo, DevAccount account, CancellationToken ct)
    {
        var client = await TryAsync(demo, account, ct);
        if (client.Answer.StatusCode != HttpStatusCode.OK)
            throw new InvalidOperationException($"Sign-in failed: {(int)client.Answer.StatusCode} {await client.Answer.Content.ReadAsStringAsync(ct)}");
        return client;
    }

    /// <summary>
    /// Asks for a nonce, builds the message from the server's fields (changed by <paramref name="change"/>), signs it
    /// with <paramref name="account"/>'s key and posts it.
    /// </summary>
    public static async Task<SignInClient> TryAsync(DemoDashboardFixture demo, DevAccount account, CancellationToken ct, Func<SiweMessage, SiweMessage>? change = null)
    {
        var http = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = demo.Url };
        var fields = await http.GetFromJsonAsync<JsonElement>(new Uri("api/siwe/nonce", UriKind.Relative), ct);
        var message = new SiweMessage(fields.GetProperty("domain").GetString()!, EthAddress.Parse(account.Address), fields.GetProperty("uri").GetString()!,
            fields.GetProperty("chainId").GetInt64(), fields.GetProperty("nonce").GetString()!, DateTimeOffset.Parse(fields.GetProperty("issuedAt").GetString()!, System.Globalization.CultureInfo.InvariantCulture))
        {
            Statement = fields.GetProperty("statement").GetString(),
            ExpirationTime = DateTimeOffset.Parse(fields.GetProperty("expirationTime").GetString()!, System.Globalization.CultureInfo.InvariantCulture),
        };
        if (change is not null) message = change(message);
        var text = message.ToString();
        var signature = new EthereumMessageSigner().EncodeUTF8AndSign(text, new EthECKey(account.PrivateKey));
        var answer = await http.PostAsJsonAsync(new Uri("api/siwe/verify", UriKind.Relative), new { message = text, signature }, ct);
        return new SignInClient(http, answer, text, signature);
    }

    public void Dispose()
    {
        Answer.Dispose();
        Http.Dispose();
    }
}
