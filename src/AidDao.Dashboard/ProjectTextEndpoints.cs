using AidDao.Core;
using AidDao.Core.ReadModel;
using AidDao.Dashboard.Views;
using AidDao.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace AidDao.Dashboard;

/// <summary>
/// A project's application text (public): anyone who has it may send it; it is kept only when it hashes to the
/// project's on-chain metadata, and the leaderboard then shows its first line as the project's name.
/// </summary>
internal static class ProjectTextEndpoints
{
    /// <summary>Maps <c>/api/rounds/{round}/projects/{id}/text</c>.</summary>
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/api/rounds/{round}/projects/{id:long}/text", async (string round, long id, ProjectTextSubmission submission, ProjectTextStore store,
            IAidDaoReadModel readModel, DashboardOptions options, CancellationToken ct) =>
        {
            var community = await readModel.GetCommunityAsync(options.ChainId, options.Community, ct).ConfigureAwait(false);
            if (!EthAddress.TryParse(round, out var address) || community?.Rounds.Contains(address) != true)
                return ApiEndpoints.NotFound($"{round} is not a round of this community.");
            if (string.IsNullOrWhiteSpace(submission.Text)) return ApiEndpoints.BadRequest("Send the project's application text: the text whose hash is its on-chain metadata.");
            try
            {
                return await store.SaveAsync(options.ChainId, address, id, submission.Text, ct).ConfigureAwait(false) switch
                {
                    TextSaveResult.Saved => Results.Created($"/api/rounds/{address}/projects/{id}/text", null),
                    TextSaveResult.AlreadySaved => Results.Ok(),
                    TextSaveResult.HashMismatch => ApiEndpoints.BadRequest($"This text does not match project {id}'s metadata on-chain: send exactly the text that was hashed when it applied."),
                    _ => ApiEndpoints.NotFound($"Project {id} of this round is not in the index yet: try again in a few seconds."),
                };
            }
            catch (AidDaoInputException e)
            {
                return ApiEndpoints.BadRequest(e.Message);
            }
        });
    }
}
