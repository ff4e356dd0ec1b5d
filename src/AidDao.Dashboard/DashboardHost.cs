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
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using IConnectionMultiplexer = StackExchange.Redis.IConnectionMultiplexer;

namespace AidDao.Dashboard;

/// <summary>
/// The dashboard's web host: the page, the JSON API, the SignalR hub, steward sign-in, the Hangfire dashboard and
/// (when given indexers) the Hangfire server that runs the indexer jobs, all in one ASP.NET Core application.
/// </summary>
public sealed partial class DashboardHost : IAsyncDisposable
{
    /// <summary>Where the page's files are, beside the assembly.</summary>
    public static string WebRoot => Path.Combine(AppContext.BaseDirectory, "dashboard");

    private readonly WebApplication _app;
    private readonly IConnectionMultiplexer? _redis;

    private DashboardHost(WebApplication app, Uri url, IConnectionMultiplexer? redis)
    {
        _app = app;
        Url = url;
        _redis = redis;
    }

    /// <summary>The page's address (the first URL listened on, with the port actually bound).</summary>
    public Uri Url { get; }

    /// <summary>The Hangfire dashboard's address.</summary>
    public Uri HangfireUrl => new(Url, "hangfire");

    /// <summary>The application's services (tests and benchmarks reach the hub context and publisher here).</summary>
    public IServiceProvider Services => _app.Services;

    /// <summary>
    /// The logger factory the host logs through (<see cref="DashboardOptions.LoggerFactory"/> when one was given), for
    /// components that should log alike.
    /// </summary>
    public ILoggerFactory LoggerFactory => _app.Services.GetRequiredService<ILoggerFactory>();

    /// <summary>The address of the health report.</summary>
    public Uri HealthUrl => new(Url, HealthEndpoints.Path.TrimStart('/'));

    /// <summary>
    /// Starts the dashboard over <paramref name="database"/> (migrated first), pushing <paramref name="changes"/> to the
    /// pages. With <paramref name="indexers"/>, the same host runs the Hangfire server and its indexer jobs (they publish
    /// into <paramref name="changes"/>); without, another process indexes and this one only reads. With
    /// <see cref="DashboardOptions.Redis"/>, updates travel through Redis to the pages of every instance on it.
    /// </summary>
    /// <param name="options">What to show, where to listen, how to log.</param>
    /// <param name="database">The index database (sign-in nonces and cookie keys live there too, shared by every instance).</param>
    /// <param name="changes">The indexer's committed changes.</param>
    /// <param name="indexers">The chains this host indexes; null when another process indexes.</param>
    /// <param name="hangfirePostgreSql">A PostgreSQL connection string for Hangfire's job storage; null for memory.</param>
    /// <param name="logging">An extra log provider (tests capture the log with one); added to <see cref="DashboardOptions.LoggerFactory"/> when one is given.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <exception cref="DashboardAddressInUseException">Another program listens on one of the addresses.</exception>
    /// <exception cref="AidDaoException">The database or the configured Redis does not answer.</exception>
    public static async Task<DashboardHost> StartAsync(DashboardOptions options, IndexDatabase database, IndexChangeBroadcaster changes,
        IndexerRegistry? indexers = null, string? hangfirePostgreSql = null, ILoggerProvider? logging = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(changes);
        // The shared sign-in state (schema v4) must exist before the first request; a no-op when already migrated.
        await SchemaMigrations.ApplyAsync(database, cancellationToken).ConfigureAwait(false);
        var redis = options.Redis is null ? null : await RedisBackplane.ConnectAsync(options.Redis, RedisBackplane.ChannelPrefix(options.ChainId, options.Community),
            "aiddao-" + SafeName(options.InstanceName), options.RedisConnectTimeout, cancellationToken).ConfigureAwait(false);
        try
        {
            return await StartAsync(options, database, changes, indexers, hangfirePostgreSql, logging, redis, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            if (redis is not null) await redis.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private static async Task<DashboardHost> StartAsync(DashboardOptions options, IndexDatabase database, IndexChangeBroadcaster changes,
        IndexerRegistry? indexers, string? hangfirePostgreSql, ILoggerProvider? logging, IConnectionMultiplexer? redis, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { WebRootPath = WebRoot, ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.UseUrls([.. options.Urls]);
        builder.Logging.ClearProviders();
        if (options.LoggerFactory is { } shared)
        {
            if (logging is not null) shared.AddProvider(logging);
            builder.Services.AddSingleton(shared);
        }
        else
        {
            DashboardLogging.Configure(builder.Logging, options.LogFormat);
            if (logging is not null) builder.Logging.AddProvider(logging);
        }

        var services = builder.Services;
        var store = new IndexStore(database);
        var chain = new DashboardChain(options.RpcUrl, options.Time);
        services.AddSingleton(options);
        services.AddSingleton(database);
        services.AddSingleton(changes);
        services.AddSingleton<IAidDaoReadModel>(new SqlReadModel(database));
        services.AddSingleton(new RequestDetailsStore(database));
        services.AddSingleton(new ProjectTextStore(database));
        services.AddSingleton(chain);
        services.AddSingleton<DashboardSnapshots>();
        services.AddSingleton(sp => new DashboardHealth(options, store, chain, indexers is not null, redis, sp.GetRequiredService<ILogger<DashboardHealth>>()));
        // Sign-in state every instance on the database shares: a nonce issued by one is redeemed once, on any of them, and
        // the session cookie sealed by one opens on all (same application name, same keys).
        services.AddSingleton<ISiweNonceStore>(new SqlSiweNonceStore(database, options.Time, options.SignInMessageLifetime));
        var keys = new DataProtectionKeyStore(database);
        // One application per chain and community: dashboards of other communities on the same database share the key
        // table but not their cookies (a steward of one is nobody on another's dashboard).
        services.AddDataProtection().SetApplicationName(DataProtectionApplication(options.ChainId, options.Community));
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(new ConfigureOptions<KeyManagementOptions>(keyManagement => keyManagement.XmlRepository = new SqlXmlRepository(keys)));
        services.AddSingleton<DashboardPublisher>();
        services.AddHostedService(sp => sp.GetRequiredService<DashboardPublisher>());
        var signalR = services.AddSignalR();
        // The backplane uses the connection made (and checked) above, whose channels carry this community's prefix.
        if (redis is not null) signalR.AddStackExchangeRedis(backplane => backplane.ConnectionFactory = _ => Task.FromResult(redis));
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
        HealthEndpoints.Map(app);
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
            // The key ring is loaded now (the first instance on an empty database makes the key), under a database-wide
            // lock: instances started together agree on one key instead of sealing cookies the others cannot open.
            await using (await keys.LockForStartAsync(cancellationToken).ConfigureAwait(false))
                app.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("AidDao.Dashboard.Start").Protect([1]);
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (IOException e) when (e.InnerException is System.Net.Sockets.SocketException { SocketErrorCode: System.Net.Sockets.SocketError.AddressAlreadyInUse } || e.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
        {
            await app.DisposeAsync().ConfigureAwait(false);
            indexerHost?.Dispose();
            throw new DashboardAddressInUseException(string.Join(", ", options.Urls), e);
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            indexerHost?.Dispose();
            throw;
        }
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        var host = new DashboardHost(app, new Uri(address.TrimEnd('/') + "/"), redis);
        var logger = host.LoggerFactory.CreateLogger<DashboardHost>();
        if (logger.IsEnabled(LogLevel.Information))
            LogStarted(logger, options.InstanceName, host.Url, database.Description, redis is null ? "none" : RedisBackplane.Describe(RedisBackplane.Parse(options.Redis!)), indexers is not null);
        return host;
    }

    /// <summary>
    /// The application name under which data protection seals the dashboard's cookies: the same on every instance of
    /// one community's dashboard, different for another community or chain.
    /// </summary>
    public static string DataProtectionApplication(long chainId, EthAddress community) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"AidDao.Dashboard:{chainId}:{community.Value.ToLowerInvariant()}");

    private static string SafeName(string name) =>
        string.Concat(name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '-'));

    [LoggerMessage(Level = LogLevel.Information, Message = "Dashboard instance {Instance} serves {Url} over {Database}; backplane: {Backplane}; runs indexer jobs: {RunsIndexer}")]
    private static partial void LogStarted(ILogger logger, string instance, Uri url, string database, string backplane, bool runsIndexer);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        if (_redis is not null) await _redis.DisposeAsync().ConfigureAwait(false);
    }

    private sealed class AnyRequestFilter : IDashboardAuthorizationFilter
    {
        public bool Authorize(DashboardContext context) => true;
    }
}
