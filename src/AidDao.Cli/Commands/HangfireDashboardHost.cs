using Hangfire;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AidDao.Cli.Commands;

/// <summary>
/// The Hangfire dashboard for operators (the indexer's recurring job, its runs and failures) at <c>/hangfire</c> on a
/// free port of 127.0.0.1. Hangfire's default authorisation lets only local requests in.
/// </summary>
internal sealed class HangfireDashboardHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private HangfireDashboardHost(WebApplication app, Uri url)
    {
        _app = app;
        Url = url;
    }

    /// <summary>The dashboard's address.</summary>
    public Uri Url { get; }

    /// <summary>Starts the dashboard over <paramref name="storage"/>.</summary>
    public static async Task<HangfireDashboardHost> StartAsync(JobStorage storage, CancellationToken ct)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddHangfire(configuration => configuration.UseStorage(storage));
        var app = builder.Build();
        app.UseHangfireDashboard("/hangfire", new DashboardOptions { DashboardTitle = "AidDao indexer jobs" }, storage);
        await app.StartAsync(ct).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new HangfireDashboardHost(app, new Uri(new Uri(address), "/hangfire"));
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
