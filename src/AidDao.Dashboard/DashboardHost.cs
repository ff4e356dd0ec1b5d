using System.Net;
using AidDao.Core;
using AidDao.Core.ReadModel;
using AidDao.Core.SignIn;
using AidDao.Data;
using AidDao.Indexer;
using Hangfire;
using Hangfire.Dashboard;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AidDao.Dashboard;

/// <summary>
/// The dashboard's web host: the page, the JSON API, the SignalR hub, steward sign-in, the Hangfire dashboard and
/// (when given indexers) the Hangfire server that runs the indexer jobs, all in one ASP.NET Core application.
/// </summary>
public sealed class DashboardHost : IAsyncDisposable
{
    /// <summary>Where the page's files are, beside the assembly.</summary>
    public static string WebRoot => Path.Combine(AppContext.BaseDirectory, "dashboard");

    private readonly WebApplication _app;

    private DashboardHost(WebApplication app, Uri url)
    {
        _app = app;
        Url = url;
    }

    /// <summary>The page's address (the first URL listened on, with the port actually bound).</summary>
    public Uri Url { get; }

    /// <summary>The Hangfire dashboard's address.</summary>
    public Uri HangfireUrl => new(Url, "hangfire");

    /// <summary>The application's services (tests and benchmarks reach the hub context and publisher here).</summary>
    public IServiceProvider Services => _app.Services;

    /// <summary>
    /// Starts the dashboard over <paramref name="database"/>, pushing <paramref name="changes"/> to the pages. With
    /// <paramref name="indexers"/>, the same host runs the Hangfire server and its indexer jobs (they publish into
    /// <paramref name="changes"/>); without, another process indexes and this one only reads.
    /// </summary>
    public static async Task<DashboardHost> StartAsync(DashboardOptions options, IndexDatabase database, IndexChangeBroadcaster changes,
        IndexerRegistry? indexers = null, string? hangfirePostgreSql = null, ILoggerProvider? logging = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(changes);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { WebRootPath = WebRoot, ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.UseUrls([.. options.Urls]);
        builder.Logging.ClearProviders();
        if (logging is not null) builder.Logging.AddProvider(logging);

        var services = builder.Services;
        services.AddSingleton(options);
        services.AddSingleton(database);
        services.AddSingleton(changes);
        services.AddSingleton<IAidDaoReadModel>(new SqlReadModel(database));
        services.AddSingleton(new RequestDetailsStore(database));
        services.AddSingleton(new ProjectTextStore(database));
        services.AddSingleton(new DashboardChain(options.RpcUrl, options.Time));
        services.AddSingleton<DashboardSnapshots>();
        services.AddSingleton<ISiweNonceStore>(new InMemorySiweNonceStore(options.Time, options.SignInMessageLifetime));
        services.AddSingleton<DashboardPublisher>();
        services.AddHostedService(sp => sp.GetRequiredService<DashboardPublisher>());
        services.AddSignalR();
        // Hangfire's dashboard checks its forms' anti-forgery tokens when this service exists: another site open in the
        // operator's browser cannot post to /hangfire (for example to delete the indexer's job).
        services.AddAntiforgery();
        services.AddRateLimiter(limits =>
        {
            limits.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            // Sign-in nonces are cheap to ask for and few are kept; one client cannot crowd out a steward's.
            limits.AddPolicy(SignInEndpoints.NonceRateLimit, context => System.Threading.RateLimiting.RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new System.Threading.RateLimiting.FixedWindowRateLimiterOptions { PermitLimit = options.SignInAttemptsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
            limits.OnRejected = (context, token) => new ValueTask(context.HttpContext.Response.WriteAsJsonAsync(
                new Views.ErrorView("Too many sign-in attempts from this address; wait a minute and try again."), token));
        });
        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie(cookie =>
        {
            cookie.Cookie.Name = "aiddao-steward";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Strict;
            cookie.Cookie.SecurePolicy = options.PublicUrl?.Scheme == Uri.UriSchemeHttps ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
            cookie.SlidingExpiration = false;
            cookie.Events.OnRedirectToLogin = context =>
            {
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                return Task.CompletedTask;
            };
        });
        services.AddAuthorization();

        IndexerHost? indexerHost = null;
        if (indexers is not null)
        {
            indexerHost = IndexerHost.Start(indexers, hangfirePostgreSql);
            services.AddSingleton(indexerHost);
            services.AddHangfire(configuration => configuration.UseStorage(indexerHost.Storage));
        }

        WebApplication app;
        try
        {
            app = builder.Build();
        }
        catch
        {
            indexerHost?.Dispose();
            throw;
        }
        app.UseExceptionHandler(failed => failed.Run(async context =>
        {
            // Every refusal is { error } in plain words, also when something below failed unexpectedly.
            var error = context.Features.Get<Microsoft.AspNetCore.Diagnostics.IExceptionHandlerFeature>()?.Error;
            context.Response.StatusCode = error is ChainUnavailableException ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status500InternalServerError;
            await context.Response.WriteAsJsonAsync(new Views.ErrorView(error is AidDaoException known
                ? known.Message
                : "The dashboard could not answer this request; try again, and if it keeps failing, see the server's log.")).ConfigureAwait(false);
        }));
        app.Use(async (context, next) =>
        {
            var headers = context.Response.Headers;
            if (context.Request.Path.StartsWithSegments("/api")) headers.CacheControl = "no-store";
            headers["X-Content-Type-Options"] = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            if (!context.Request.Path.StartsWithSegments("/hangfire"))
            {
                headers["X-Frame-Options"] = "DENY";
                headers["Content-Security-Policy"] = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";
            }
            await next(context).ConfigureAwait(false);
        });
        if (File.Exists(Path.Combine(WebRoot, "index.html")))
        {
            var files = new PhysicalFileProvider(WebRoot);
            app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
            app.UseStaticFiles(new StaticFileOptions { FileProvider = files });
        }
        else
        {
            app.MapGet("/", () => Results.Text($"The dashboard's page was not built into {WebRoot}: run dotnet build (it bundles the page with esbuild from npm).", statusCode: StatusCodes.Status503ServiceUnavailable));
        }
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        ApiEndpoints.Map(app);
        SignInEndpoints.Map(app);
        RequestDetailsEndpoints.Map(app);
        ProjectTextEndpoints.Map(app);
        app.MapHub<DashboardHub>(DashboardHub.Path);
        if (indexerHost is not null)
        {
            app.UseHangfireDashboard("/hangfire", new Hangfire.DashboardOptions
            {
                DashboardTitle = "AidDao indexer jobs",
                Authorization = options.HangfireRemoteAccess ? [new AnyRequestFilter()] : [new LocalRequestsOnlyAuthorizationFilter()],
                // Opened to other machines, it only shows: nobody out there can trigger or delete the indexer's jobs.
                IsReadOnlyFunc = _ => options.HangfireRemoteAccess,
            }, indexerHost.Storage);
        }
        app.Lifetime.ApplicationStopped.Register(() => indexerHost?.Dispose());

        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (IOException e) when (e.InnerException is System.Net.Sockets.SocketException { SocketErrorCode: System.Net.Sockets.SocketError.AddressAlreadyInUse } || e.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
        {
            await app.DisposeAsync().ConfigureAwait(false);
            indexerHost?.Dispose();
            throw new DashboardAddressInUseException(string.Join(", ", options.Urls), e);
        }
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new DashboardHost(app, new Uri(address.TrimEnd('/') + "/"));
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private sealed class AnyRequestFilter : IDashboardAuthorizationFilter
    {
        public bool Authorize(DashboardContext context) => true;
    }
}
