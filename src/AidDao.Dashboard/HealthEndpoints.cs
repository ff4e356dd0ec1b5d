using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace AidDao.Dashboard;

/// <summary><c>GET /health</c>: for load balancers, orchestrators and people; no sign-in, never cached.</summary>
internal static class HealthEndpoints
{
    /// <summary>The path of the health report.</summary>
    public const string Path = "/health";

    /// <summary>
    /// Maps <see cref="Path"/>: 200 when healthy or degraded (also when the chain's node or Redis does not answer: pages
    /// and the API still serve from the index, so a load balancer should keep the instance), 503 when unhealthy (the
    /// index database does not answer).
    /// </summary>
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet(Path, async (HttpContext http, DashboardHealth health, CancellationToken ct) =>
        {
            var report = await health.CheckAsync(ct).ConfigureAwait(false);
            http.Response.Headers.CacheControl = "no-store";
            return Results.Json(report, statusCode: report.Status == "unhealthy" ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status200OK);
        });
}
