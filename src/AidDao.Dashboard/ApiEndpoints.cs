using System.Globalization;
using AidDao.Core;
using AidDao.Core.ReadModel;
using AidDao.Core.Rounds;
using AidDao.Dashboard.Views;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace AidDao.Dashboard;

/// <summary>The read model's JSON endpoints and the revert decoder.</summary>
internal static class ApiEndpoints
{
    /// <summary>Maps <c>/api/...</c>.</summary>
    public static void Map(IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api");
        api.MapGet("/overview", (DashboardSnapshots s, CancellationToken ct) => s.OverviewAsync(ct));
        api.MapGet("/pools/{pool}", async (string pool, DashboardSnapshots s, CancellationToken ct) =>
            !EthAddress.TryParse(pool, out var address, out var problem) ? BadRequest($"The pool address is not valid: {problem}")
            : await s.PoolAsync(address, ct).ConfigureAwait(false) is { } view ? Results.Ok(view)
            : NotFound($"The index knows no pool {address} in this community."));
        api.MapGet("/rounds/{round}", async (string round, DashboardSnapshots s, CancellationToken ct) =>
            !EthAddress.TryParse(round, out var address, out var problem) ? BadRequest($"The round address is not valid: {problem}")
            : await s.RoundAsync(address, ct).ConfigureAwait(false) is { } view ? Results.Ok(view)
            : NotFound($"The index knows no round {address} in this community."));
        api.MapGet("/rounds/{round}/estimate", EstimateAsync);
        api.MapGet("/members/{account}", async (string account, IAidDaoReadModel readModel, DashboardOptions options, CancellationToken ct) =>
        {
            if (!EthAddress.TryParse(account, out var address, out var problem)) return BadRequest($"The account address is not valid: {problem}");
            var history = await readModel.GetMemberHistoryAsync(options.ChainId, options.Community, address, ct).ConfigureAwait(false);
            return Results.Ok(new
            {
                account = history.Account.Value,
                isSteward = history.IsSteward,
                isMember = history.IsMember,
                tokens = S(history.Tokens),
                activity = history.Activities.Select(a => new { block = a.BlockNumber, tx = a.TransactionHash, kind = a.Kind, contract = a.Contract.Value, amount = a.Amount is { } n ? S(n) : null, reference = a.Reference }),
            });
        });
        api.MapGet("/events", async (long? afterBlock, long? afterLogIndex, int? limit, DashboardSnapshots s, CancellationToken ct) =>
            Results.Ok(await s.EventsAfterAsync(afterBlock ?? -1, afterLogIndex ?? -1, limit ?? DashboardSnapshots.CatchUpPage, ct).ConfigureAwait(false)));
        api.MapPost("/revert", (RevertSubmission submission) =>
        {
            if (string.IsNullOrWhiteSpace(submission.Data)) return BadRequest("Send the revert data as { \"data\": \"0x...\" }.");
            var decoded = RevertDecoder.Decode(submission.Data.Trim());
            return Results.Ok(new RevertView(decoded.ErrorName == "Unknown" ? null : decoded.ErrorName, decoded.Message));
        });
    }

    private static async Task<IResult> EstimateAsync(string round, string? project, string? amount, string? contributor, DashboardChain chain, DashboardSnapshots snapshots, CancellationToken ct)
    {
        if (!EthAddress.TryParse(round, out var roundAddress, out var problem)) return BadRequest($"The round address is not valid: {problem}");
        if (!long.TryParse(project, NumberStyles.None, CultureInfo.InvariantCulture, out var projectId) || projectId < 1) return BadRequest("Give the project's number (project=1, 2, ...).");
        if (string.IsNullOrWhiteSpace(amount)) return BadRequest("Give an amount, for example amount=10.");
        if (string.IsNullOrWhiteSpace(contributor)) return BadRequest("Connect your wallet: the estimate depends on whether you are a member and what you already gave.");
        if (!EthAddress.TryParse(contributor, out var who, out problem)) return BadRequest($"The contributor address is not valid: {problem}");
        if (await snapshots.RoundAsync(roundAddress, ct).ConfigureAwait(false) is null) return NotFound($"The index knows no round {roundAddress} in this community.");
        try
        {
            var service = await chain.RoundAsync(roundAddress, ct).ConfigureAwait(false);
            var units = service.Asset.Parse(amount.Trim());
            var estimate = await service.EstimateAsync(projectId, units, who, ct).ConfigureAwait(false);
            var asset = service.Asset;
            var text = estimate.Mode == RoundMode.QuadraticVoting
                ? $"In this round members' votes decide the matching: your {asset.Format(units)} goes to project {projectId} as it is."
                : !estimate.Counts
                    ? $"Your {asset.Format(units)} would reach project {projectId} but would not be matched: only members' contributions are matched."
                    : $"Your {asset.Format(units)} to project {projectId} adds about {asset.Format(estimate.Change)} of matching ({asset.Format(estimate.CurrentMatch)} → {asset.Format(estimate.EstimatedMatch)}).";
            return Results.Ok(new EstimateView(projectId, S(units), estimate.Counts, estimate.IsMember, S(estimate.CurrentMatch), S(estimate.EstimatedMatch), S(estimate.Change), text));
        }
        catch (AidDaoException e)
        {
            return BadRequest(e.Message);
        }
    }

    internal static IResult BadRequest(string error) => Results.BadRequest(new ErrorView(error));

    internal static IResult NotFound(string error) => Results.NotFound(new ErrorView(error));

    private static string S(System.Numerics.BigInteger value) => value.ToString(CultureInfo.InvariantCulture);
}
