using System.Globalization;
using System.Security.Claims;
using AidDao.Core;
using AidDao.Core.ReadModel;
using AidDao.Core.SignIn;
using AidDao.Dashboard.Views;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace AidDao.Dashboard;

/// <summary>
/// Sign-In with Ethereum (EIP-4361) for stewards: the page asks for a single-use nonce, the wallet signs the message,
/// the server checks it (domain, chain, nonce, times, signature) and that the signer is a steward now, then sets a
/// session cookie. Request details are shown only to signed-in stewards.
/// </summary>
internal static class SignInEndpoints
{
    /// <summary>The claim that carries the signed-in address.</summary>
    public const string AddressClaim = "eth_address";

    /// <summary>The rate-limit policy of the nonce endpoint.</summary>
    public const string NonceRateLimit = "siwe-nonce";

    private const string Statement = "Sign in as a steward to see the private details of aid requests.";

    /// <summary>Maps <c>/api/siwe/...</c> and <c>/api/session</c>.</summary>
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/api/siwe/nonce", async (HttpContext http, ISiweNonceStore nonces, DashboardOptions options, CancellationToken ct) =>
        {
            if (Origin(http, options) is not { } origin) return Results.Json(new ErrorView(NoOrigin), statusCode: StatusCodes.Status409Conflict);
            var now = options.Time.GetUtcNow();
            var nonce = await nonces.IssueAsync(ct).ConfigureAwait(false);
            http.Response.Headers.CacheControl = "no-store";
            return Results.Ok(new NonceView(nonce, origin.Authority, origin.GetLeftPart(UriPartial.Authority), options.ChainId, Rfc3339(now), Rfc3339(now + options.MaxSessionLifetime), Statement));
        }).RequireRateLimiting(NonceRateLimit);
        app.MapPost("/api/siwe/verify", async (SignInSubmission submission, HttpContext http, ISiweNonceStore nonces, IAidDaoReadModel readModel, DashboardOptions options, CancellationToken ct) =>
        {
            if (string.IsNullOrWhiteSpace(submission.Message) || string.IsNullOrWhiteSpace(submission.Signature))
                return ApiEndpoints.BadRequest("Send the signed sign-in message and its signature.");
            if (Origin(http, options) is not { } origin) return Results.Json(new ErrorView(NoOrigin), statusCode: StatusCodes.Status409Conflict);
            var verifier = new SiweVerifier(new SiweVerifierOptions
            {
                Domain = origin.Authority,
                UriOrigin = origin,
                ChainId = options.ChainId,
                MaxSessionLifetime = options.MaxSessionLifetime,
            }, nonces, options.Time);
            var result = await verifier.VerifyAsync(submission.Message, submission.Signature, ct).ConfigureAwait(false);
            if (!result.Succeeded) return Results.Json(new ErrorView(result.Error ?? "The sign-in was refused; sign in again."), statusCode: StatusCodes.Status401Unauthorized);
            var address = result.Address!.Value;
            var community = await readModel.GetCommunityAsync(options.ChainId, options.Community, ct).ConfigureAwait(false);
            if (community is null || !community.Stewards.Contains(address))
                return Results.Json(new ErrorView($"{address} is not a steward of {community?.Name ?? "this community"}: only stewards see the details of aid requests."), statusCode: StatusCodes.Status403Forbidden);
            var expires = result.ExpiresAt!.Value;
            var cap = options.Time.GetUtcNow() + options.MaxSessionLifetime;
            if (expires > cap) expires = cap;
            var identity = new ClaimsIdentity([new Claim(AddressClaim, address.Value)], CookieAuthenticationDefaults.AuthenticationScheme);
            await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity),
                new AuthenticationProperties { ExpiresUtc = expires, IsPersistent = true, AllowRefresh = false }).ConfigureAwait(false);
            return Results.Ok(new SessionView(address.Value, true, expires.ToUnixTimeSeconds()));
        });
        app.MapPost("/api/siwe/signout", async (HttpContext http) =>
        {
            await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme).ConfigureAwait(false);
            return Results.NoContent();
        });
        app.MapGet("/api/session", async (HttpContext http, IAidDaoReadModel readModel, DashboardOptions options, CancellationToken ct) =>
        {
            var auth = await http.AuthenticateAsync(CookieAuthenticationDefaults.AuthenticationScheme).ConfigureAwait(false);
            if (SignedIn(auth.Principal) is not { } address)
                return Results.Json(new ErrorView("Not signed in."), statusCode: StatusCodes.Status401Unauthorized);
            var community = await readModel.GetCommunityAsync(options.ChainId, options.Community, ct).ConfigureAwait(false);
            return Results.Ok(new SessionView(address.Value, community?.Stewards.Contains(address) == true, auth.Properties?.ExpiresUtc?.ToUnixTimeSeconds() ?? 0));
        });
    }

    /// <summary>The address a request is signed in as; null when it is not.</summary>
    public static EthAddress? SignedIn(ClaimsPrincipal? principal) =>
        principal?.FindFirst(AddressClaim)?.Value is { } text && EthAddress.TryParse(text, out var address) ? address : null;

    // The site a sign-in message must name: the configured public address, else this server's loopback address as the
    // browser reached it. A Host header is never trusted beyond that: a signature made for another site must not open a
    // session here.
    private static Uri? Origin(HttpContext http, DashboardOptions options)
    {
        if (options.PublicUrl is { } configured) return new Uri(configured.GetLeftPart(UriPartial.Authority));
        var host = http.Request.Host;
        var addresses = http.RequestServices.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        foreach (var bound in addresses.Select(a => new Uri(a.Replace("://+:", "://0.0.0.0:", StringComparison.Ordinal).Replace("://*:", "://0.0.0.0:", StringComparison.Ordinal))))
        {
            if (!bound.IsLoopback || host.Port != bound.Port) continue;
            if (host.Host is "127.0.0.1" or "localhost" or "[::1]")
                return new Uri($"{http.Request.Scheme}://{host.Value}");
        }
        return null;
    }

    private const string NoOrigin =
        "Sign-in needs the dashboard's public address: it listens on an address other than this computer's own, so give --public-url (for example https://aid.example.org) to say which site stewards sign in to.";

    private static string Rfc3339(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
