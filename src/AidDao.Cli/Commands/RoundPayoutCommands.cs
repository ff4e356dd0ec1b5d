using System.CommandLine;
using AidDao.Cli.Output;
using AidDao.Core;
using AidDao.Core.Pools;
using AidDao.Core.Rounds;
using AidDao.Core.Transactions;

namespace AidDao.Cli.Commands;

/// <summary>
/// The <c>aiddao round</c> commands after voting: finalise, claim, distribute, claim contribution tokens, sweep; and the
/// way out: cancel (M stewards), refund, withdraw.
/// </summary>
internal static class RoundPayoutCommands
{
    /// <summary>Adds the commands to the <c>round</c> group.</summary>
    public static void AddTo(Command group, ChainOptions chain, Option<string> round)
    {
        ArgumentNullException.ThrowIfNull(group);

        group.Subcommands.Add(Simple("finalize", "Fix every project's match once the review period after voting is over (anyone may do it).", chain, round,
            async (connection, service, ct) =>
            {
                var result = await service.FinalizeAsync(ct).ConfigureAwait(false);
                var asset = service.Asset;
                var remainder = result.Remainder.IsZero ? "" : $"; {asset.Format(result.Remainder)} was not matched and goes to the emergency pool ('aiddao round sweep')";
                return string.Join(Environment.NewLine,
                    $"Round finalised: {asset.Format(result.Matched)} of the {asset.Format(result.MatchingPool)} matching pool matched{remainder}. Recipients can claim until {PoolStatusTable.Time(result.ClaimDeadline)} ('aiddao round claim' or 'aiddao round distribute').",
                    "",
                    RoundTable.Results(await service.GetResultsAsync(ct).ConfigureAwait(false)));
            }));

        var to = new Option<string?>("--to") { Description = "Where to send the money (default: your own address)." };
        var id = new Argument<string>("project-id") { Description = "The project id (a number)." };
        var claim = new Command("claim", "As a project's recipient, take its contributions and match (after finalisation, before the claim deadline).") { id, to, round };
        claim.SetBody(async (c, ct) =>
        {
            var project = RoundInput.ProjectId(c.Get(id));
            EthAddress? destination = c.Get(to) is { } t ? EthAddress.Parse(t, "--to address") : null;
            var (_, service) = await RoundCommand.ConnectAsync(c, chain, round, needsSigner: true, ct).ConfigureAwait(false);
            await c.Out.WriteLineAsync(Paid(service, await service.ClaimAsync(project, destination, ct).ConfigureAwait(false))).ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        group.Subcommands.Add(claim);

        group.Subcommands.Add(Simple("distribute", "Send every unpaid project its contributions and match (anyone may do it, after finalisation).", chain, round,
            async (connection, service, ct) =>
            {
                var result = await service.DistributeAsync(ct).ConfigureAwait(false);
                return result.Transactions.Count == 0 ? "Every approved project is already paid." : Paid(service, result);
            }));

        group.Subcommands.Add(Simple("tokens", "Claim the contribution tokens your contributions earned (after finalisation).", chain, round,
            async (connection, service, ct) =>
            {
                var result = await service.ClaimTokensAsync(ct).ConfigureAwait(false);
                var erc20 = connection.Web3.Eth.ERC20.GetContractService(service.ContributionToken.Value);
                var symbol = await ChainCall.QueryAsync(() => erc20.SymbolQueryAsync(), ct).ConfigureAwait(false);
                return $"Claimed {TokenAmount.Format(result.Amount, 18)} {symbol} contribution tokens for your contributions to project(s) {string.Join(", ", result.ProjectIds)}.";
            }));

        group.Subcommands.Add(Simple("sweep", "Send what is left to the community's emergency pool: the unmatched remainder, and after the claim deadline what nobody claimed.", chain, round,
            async (connection, service, ct) =>
            {
                var result = await service.SweepAsync(ct).ConfigureAwait(false);
                return $"Swept {service.Asset.Format(result.Amount)} to the emergency pool {result.To}.";
            }));

        group.Subcommands.Add(Simple("cancel", "As a steward, approve cancelling the round (before finalisation); the approval that reaches M cancels it.", chain, round,
            async (connection, service, ct) =>
            {
                var result = await service.ApproveCancelAsync(ct).ConfigureAwait(false);
                return result.Cancelled
                    ? $"Round cancelled ({result.Approvals} of {result.Threshold} approvals): refund contributions and matching funds with 'aiddao round refund --round {service.Address}'."
                    : $"Cancelling approved ({result.Approvals} of {result.Threshold} approvals); other stewards approve with 'aiddao round cancel --round {service.Address}'.";
            }));

        group.Subcommands.Add(Simple("refund", "After a cancel, send every contribution and matching fund back (anyone may do it).", chain, round,
            async (connection, service, ct) =>
            {
                var contributions = await service.RefundContributionsAsync(ct).ConfigureAwait(false);
                var matching = await service.RefundMatchingAsync(ct).ConfigureAwait(false);
                var refunds = contributions.Refunds.Concat(matching.Refunds).ToList();
                if (refunds.Count == 0) return "Nothing left to refund: every contribution and matching fund was already refunded.";
                var asset = service.Asset;
                string Sum(IEnumerable<RoundRefund> list) => asset.Format(list.Aggregate(System.Numerics.BigInteger.Zero, (s, r) => s + r.Amount));
                var kept = refunds.Where(r => !r.Delivered).ToList();
                var line = $"Refunded {contributions.Refunds.Count} contribution(s) ({Sum(contributions.Refunds)}) and {matching.Refunds.Count} matching fund(s) ({Sum(matching.Refunds)}).";
                return kept.Count == 0 ? line
                    : $"{line} {kept.Count} refund(s) ({Sum(kept)}) could not be delivered and are kept for their owners to withdraw with 'aiddao round withdraw'.";
            }));

        var withdrawTo = new Option<string?>("--to") { Description = "Where to send it (default: your own address)." };
        var withdraw = new Command("withdraw", "Take a refund that was kept for you because your address could not receive it.") { withdrawTo, round };
        withdraw.SetBody(async (c, ct) =>
        {
            EthAddress? destination = c.Get(withdrawTo) is { } t ? EthAddress.Parse(t, "--to address") : null;
            var (_, service) = await RoundCommand.ConnectAsync(c, chain, round, needsSigner: true, ct).ConfigureAwait(false);
            var result = await service.WithdrawAsync(destination, ct).ConfigureAwait(false);
            await c.Out.WriteLineAsync($"Withdrew {service.Asset.Format(result.Amount)} kept for {service.Caller}; sent to {result.To}.").ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        group.Subcommands.Add(withdraw);
    }

    /// <summary>A command that takes only the round, signs, and prints what <paramref name="body"/> returns.</summary>
    private static Command Simple(string name, string description, ChainOptions chain, Option<string> round,
        Func<ChainConnection, FundingRoundService, CancellationToken, Task<string>> body)
    {
        var command = new Command(name, description) { round };
        command.SetBody(async (c, ct) =>
        {
            var (connection, service) = await RoundCommand.ConnectAsync(c, chain, round, needsSigner: true, ct).ConfigureAwait(false);
            await c.Out.WriteLineAsync(await body(connection, service, ct).ConfigureAwait(false)).ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static string Paid(FundingRoundService service, PayoutResult result) => string.Join(Environment.NewLine, result.Payouts.Select(p => p.Delivered
        ? $"Project {p.ProjectId} paid: {service.Asset.Format(p.Amount)} sent to {p.To}."
        : $"Project {p.ProjectId}: {p.To} could not take {service.Asset.Format(p.Amount)}; its recipient can still claim it with 'aiddao round claim {p.ProjectId}'."));
}
