using AidDao.Core;
using AidDao.Core.ReadModel;
using AidDao.Dashboard.Views;
using AidDao.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace AidDao.Dashboard;

/// <summary>
/// Private request details: a requester posts the text whose hash went on-chain (the server keeps it only when the hash
/// matches); signed-in stewards of the community read it.
/// </summary>
internal static class RequestDetailsEndpoints
{
    /// <summary>Maps <c>/api/pools/{pool}/requests/{id}/details</c>.</summary>
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/api/pools/{pool}/requests/{id:long}/details", async (string pool, long id, DetailsSubmission submission, RequestDetailsStore store,
            IAidDaoReadModel readModel, DashboardOptions options, CancellationToken ct) =>
        {
            if (await PoolOfCommunityAsync(pool, readModel, options, ct).ConfigureAwait(false) is not { } address)
                return ApiEndpoints.NotFound($"{pool} is not a pool of this community.");
            if (string.IsNullOrWhiteSpace(submission.Details)) return ApiEndpoints.BadRequest("Send the request's details: the text whose hash is on-chain.");
            try
            {
                return await store.SaveAsync(options.ChainId, address, id, submission.Details, ct).ConfigureAwait(false) switch
                {
                    TextSaveResult.Saved => Results.Created($"/api/pools/{address}/requests/{id}/details", null),
                    TextSaveResult.AlreadySaved => Results.Ok(),
                    TextSaveResult.HashMismatch => ApiEndpoints.BadRequest($"These details do not match the hash recorded on-chain for request {id}: send exactly the text that was hashed when the request was made."),
                    _ => ApiEndpoints.NotFound($"Request {id} of this pool is not in the index yet: try again in a few seconds."),
                };
            }
            catch (AidDaoInputException e)
            {
                return ApiEndpoints.BadRequest(e.Message);
            }
        });
        app.MapGet("/api/pools/{pool}/requests/{id:long}/details", async (string pool, long id, HttpContext http, RequestDetailsStore store,
            IAidDaoReadModel readModel, DashboardOptions options, CancellationToken ct) =>
        {
            var auth = await http.AuthenticateAsync(CookieAuthenticationDefaults.AuthenticationScheme).ConfigureAwait(false);
            if (SignInEndpoints.SignedIn(auth.Principal) is not { } steward)
                return Results.Json(new ErrorView("Sign in as a steward to see request details."), statusCode: StatusCodes.Status401Unauthorized);
            var community = await readModel.GetCommunityAsync(options.ChainId, options.Community, ct).ConfigureAwait(false);
            if (community is null || !community.Stewards.Contains(steward))
                return Results.Json(new ErrorView($"{steward} is not a steward of this community (any more): only stewards see request details."), statusCode: StatusCodes.Status403Forbidden);
            if (await PoolOfCommunityAsync(pool, readModel, options, ct).ConfigureAwait(false) is not { } address)
                return ApiEndpoints.NotFound($"{pool} is not a pool of this community.");
            var details = await store.GetAsync(options.ChainId, address, id, ct).ConfigureAwait(false);
            if (details is null) return ApiEndpoints.NotFound($"The requester has not sent the details of request {id}.");
            return Results.Ok(new RequestDetailsView(details, "0x" + Convert.ToHexStringLower(AidDao.Core.Pools.DetailsHash.Of(details))));
        });
    }

    private static async Task<EthAddress?> PoolOfCommunityAsync(string pool, IAidDaoReadModel readModel, DashboardOptions options, CancellationToken ct)
    {
        if (!EthAddress.TryParse(pool, out var address)) return null;
        var community = await readModel.GetCommunityAsync(options.ChainId, options.Community, ct).ConfigureAwait(false);
        return community?.Pools.Contains(address) == true ? address : null;
    }
}
