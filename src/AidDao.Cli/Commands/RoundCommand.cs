using System.CommandLine;
using System.Numerics;
using AidDao.Cli.Output;
using AidDao.Core;
using AidDao.Core.Communities;
using AidDao.Core.Pools;
using AidDao.Core.Rounds;
using AidDao.Core.Transactions;

namespace AidDao.Cli.Commands;

/// <summary>
/// <c>aiddao round ...</c>: a community's quadratic funding (or voting) round. Projects apply, stewards approve them,
/// donors contribute, members vote, and the matching pool is split so that broad support counts more than deep pockets.
/// Amounts are typed and printed in whole units of the round's asset (0.1 ETH), parsed exactly with its decimals.
/// </summary>
internal static class RoundCommand
{
    /// <summary>Builds the command group.</summary>
    public static Command Create(ChainOptions chain)
    {
        var round = new Option<string>("--round") { Description = "Address of the funding round contract.", Required = true, Recursive = true };
        var group = new Command("round", "Funding rounds: apply, approve, fund matching, contribute, vote, finalise, claim, cancel and refund, read results.");
        chain.AddTo(group);

        group.Subcommands.Add(RoundCreateCommand.Create(chain));
        group.Subcommands.Add(ListCommand(chain));
        group.Subcommands.Add(ApplyCommand(chain, round));
        group.Subcommands.Add(ProjectCommand("approve", "As a steward, approve an application (until voting opens); it then takes contributions.", chain, round,
            async (service, id, ct) =>
            {
                await service.ReviewAsync(id, approve: true, ct).ConfigureAwait(false);
                return $"Project {id} approved: it takes contributions when voting opens at {PoolStatusTable.Time(service.Configuration.Schedule.VotingStart)}.";
            }));
        group.Subcommands.Add(ProjectCommand("reject", "As a steward, reject an application (until voting opens).", chain, round,
            async (service, id, ct) =>
            {
                await service.ReviewAsync(id, approve: false, ct).ConfigureAwait(false);
                return $"Project {id} rejected: it takes no contributions.";
            }));
        group.Subcommands.Add(FundCommand(chain, round));
        group.Subcommands.Add(ContributeCommand(chain, round));
        group.Subcommands.Add(VoteCommand(chain, round));
        group.Subcommands.Add(EstimateCommand(chain, round));
        RoundPayoutCommands.AddTo(group, chain, round);

        var show = new Command("show", "Show the round: set-up, what it allows now, matching pool, and every application.") { round };
        show.SetBody(async (c, ct) =>
        {
            var (_, service) = await ConnectAsync(c, chain, round, needsSigner: false, ct).ConfigureAwait(false);
            var info = await service.GetInfoAsync(ct).ConfigureAwait(false);
            await c.Out.WriteLineAsync(RoundTable.Describe(info, await service.GetProjectsAsync(ct).ConfigureAwait(false))).ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        group.Subcommands.Add(show);

        var results = new Command("results", "Show the results: each approved project's contributions, contributors, match and total (projected until the round is finalised).") { round };
        results.SetBody(async (c, ct) =>
        {
            var (_, service) = await ConnectAsync(c, chain, round, needsSigner: false, ct).ConfigureAwait(false);
            await c.Out.WriteLineAsync(RoundTable.Results(await service.GetResultsAsync(ct).ConfigureAwait(false))).ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        group.Subcommands.Add(results);
        return group;
    }

    private static Command ListCommand(ChainOptions chain)
    {
        var factory = new Option<string?>("--factory") { Description = "Address of the RoundFactory (default: from the deployment record 'aiddao deploy' wrote for this chain)." };
        var community = new Option<string>("--community") { Description = "Address of the community.", Required = true };
        var list = new Command("list", "List a community's funding rounds with what each allows now.") { factory, community };
        list.SetBody(async (c, ct) =>
        {
            EthAddress? givenFactory = c.Get(factory) is { } f ? EthAddress.Parse(f, "--factory address") : null;
            var communityAddress = EthAddress.Parse(c.Get(community), "--community address");
            var connection = await ChainConnection.OpenAsync(c, chain, needsSigner: false, ct).ConfigureAwait(false);
            var factoryAddress = await DeploymentRecords.FactoryAsync(c, chain, connection, givenFactory, AidDaoContract.RoundFactory, "--factory", ct).ConfigureAwait(false);
            var addresses = await new RoundFactoryService(connection.Web3, factoryAddress).GetRoundsAsync(communityAddress, ct).ConfigureAwait(false);
            var rounds = new List<RoundInfo>(addresses.Count);
            foreach (var address in addresses)
                rounds.Add(await (await FundingRoundService.ConnectAsync(connection.Web3, address, ct).ConfigureAwait(false)).GetInfoAsync(ct).ConfigureAwait(false));
            await c.Out.WriteLineAsync(RoundTable.List(rounds)).ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        return list;
    }

    private static Command ApplyCommand(ChainOptions chain, Option<string> round)
    {
        var recipient = new Option<string?>("--recipient") { Description = "Who receives the project's money (default: you)." };
        var details = new Option<string?>("--details") { Description = "What the project is; only its hash is recorded, the text stays with you." };
        var detailsFile = new Option<string?>("--details-file") { Description = "A file with the application (e.g. a plan and budget); only its hash is recorded." };
        var apply = new Command("apply", "Apply for funding while applications are open; the details stay off-chain (only their hash is recorded).")
            { recipient, details, detailsFile, round };
        apply.SetBody(async (c, ct) =>
        {
            EthAddress? to = c.Get(recipient) is { } r ? EthAddress.Parse(r, "--recipient address") : null;
            var hash = RoundInput.ApplicationHash(c.Get(details), c.Get(detailsFile));
            var (_, service) = await ConnectAsync(c, chain, round, needsSigner: true, ct).ConfigureAwait(false);
            var result = await service.ApplyAsync(to ?? service.Caller, hash, ct).ConfigureAwait(false);
            await c.Out.WriteLineAsync(string.Join(Environment.NewLine,
                $"Project {result.ProjectId} applied, paying {result.Recipient}; stewards can review it until voting opens at {PoolStatusTable.Time(service.Configuration.Schedule.VotingStart)}.",
                $"Only the hash of the details (0x{Convert.ToHexStringLower(hash)}) was sent: share the application itself with the stewards and donors."))
                .ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        return apply;
    }

    private static Command FundCommand(ChainOptions chain, Option<string> round)
    {
        var amount = new Argument<string>("amount") { Description = "How much to add to the matching pool, in whole units of the round's asset (e.g. 1.5)." };
        var fund = new Command("fund", "Add to the matching pool (until voting ends). Only money actually deposited is matched.") { amount, round };
        fund.SetBody(async (c, ct) =>
        {
            var text = PoolInput.AmountSyntax(c.Get(amount));
            var (_, service) = await ConnectAsync(c, chain, round, needsSigner: true, ct).ConfigureAwait(false);
            var result = await service.FundMatchingAsync(service.Asset.Parse(text), ct).ConfigureAwait(false);
            await c.Out.WriteLineAsync($"Added {service.Asset.Format(result.Amount)} to the matching pool; it now holds {service.Asset.Format(result.MatchingPool)}.").ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        return fund;
    }

    private static Command ContributeCommand(ChainOptions chain, Option<string> round)
    {
        var amount = new Argument<string?>("amount") { Description = "How much to give each named project, in whole units (e.g. 0.1); omit when every --project has its own.", Arity = ArgumentArity.ZeroOrOne };
        var projects = ProjectsOption("The project to give to: ID (takes the amount argument) or ID=AMOUNT. Repeat to give to several in one transaction.");
        var contribute = new Command("contribute", "Give to approved projects while voting is open; members' contributions attract matching.") { amount, projects, round };
        contribute.SetBody(async (c, ct) =>
        {
            var allocations = RoundInput.Allocations(c.Get(amount), c.Get(projects), "amount", text => PoolInput.AmountSyntax(text));
            var (_, service) = await ConnectAsync(c, chain, round, needsSigner: true, ct).ConfigureAwait(false);
            var units = allocations.Select(a => (a.ProjectId, Amount: service.Asset.Parse(a.Value))).ToList();
            var result = units.Count == 1
                ? await service.ContributeAsync(units[0].ProjectId, units[0].Amount, ct).ConfigureAwait(false)
                : await service.ContributeAsync(units, ct).ConfigureAwait(false);
            var lines = result.Contributions.Select(x => $"Contributed {service.Asset.Format(x.Amount)} to project {x.ProjectId} ({MatchNote(service, x.Matched)}).").ToList();
            if (service.Configuration.TokenRate.Sign > 0)
                lines.Add("Contribution tokens accrue for it; claim them once the round is finalised with 'aiddao round tokens'.");
            await c.Out.WriteLineAsync(string.Join(Environment.NewLine, lines)).ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        return contribute;
    }

    private static Command VoteCommand(ChainOptions chain, Option<string> round)
    {
        var credits = new Argument<string?>("credits") { Description = "Voice credits to spend on each named project (a whole number); omit when every --project has its own.", Arity = ArgumentArity.ZeroOrOne };
        var projects = ProjectsOption("The project to vote for: ID (takes the credits argument) or ID=CREDITS. Repeat for several.");
        var vote = new Command("vote", "As a member of a quadratic-voting round, spend voice credits; your votes on a project are the square root of the credits you spent on it.")
            { credits, projects, round };
        vote.SetBody(async (c, ct) =>
        {
            var allocations = RoundInput.Allocations(c.Get(credits), c.Get(projects), "credits", text => RoundInput.Credits(text));
            var (_, service) = await ConnectAsync(c, chain, round, needsSigner: true, ct).ConfigureAwait(false);
            var result = await service.VoteAsync([.. allocations.Select(a => (a.ProjectId, RoundInput.Credits(a.Value)))], ct).ConfigureAwait(false);
            var lines = result.Votes.Select(v => $"Spent {v.Credits} credit(s) on project {v.ProjectId}: you now have {v.Votes} vote(s) on it.").ToList();
            lines.Add($"Credits left: {result.CreditsLeft}.");
            await c.Out.WriteLineAsync(string.Join(Environment.NewLine, lines)).ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        return vote;
    }

    private static Command EstimateCommand(ChainOptions chain, Option<string> round)
    {
        var amount = new Argument<string>("amount") { Description = "The contribution to try, in whole units (e.g. 0.1)." };
        var project = new Option<string>("--project") { Description = "The project.", Required = true };
        var contributor = new Option<string?>("--contributor") { Description = "Whose contribution (default: the signer): their membership and current stake count." };
        var estimate = new Command("estimate", "Estimate how a project's match would change if you added an amount (with the tallies and matching pool of now).")
            { amount, project, contributor, round };
        estimate.SetBody(async (c, ct) =>
        {
            var text = PoolInput.AmountSyntax(c.Get(amount));
            var id = RoundInput.ProjectId(c.Get(project));
            EthAddress? who = c.Get(contributor) is { } w ? EthAddress.Parse(w, "--contributor address") : null;
            var (_, service) = await ConnectAsync(c, chain, round, needsSigner: who is null, ct).ConfigureAwait(false);
            var result = await service.EstimateAsync(id, service.Asset.Parse(text), who, ct).ConfigureAwait(false);
            await c.Out.WriteLineAsync(Estimate(service, result, who is null)).ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        return estimate;
    }

    /// <summary>The estimate in one sentence: "If you add 0.1 ETH to project 2, its match changes by +0.05 ETH: …".</summary>
    internal static string Estimate(FundingRoundService service, ContributionEstimate estimate, bool isSigner)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(estimate);
        var asset = service.Asset;
        var who = isSigner ? "you add" : $"{estimate.Contributor} adds";
        var lead = $"If {who} {asset.Format(estimate.Amount)} to project {estimate.ProjectId}";
        if (!estimate.Counts)
        {
            var why = estimate.Mode == RoundMode.QuadraticVoting
                ? "in a quadratic-voting round contributions are not matched; members' votes are"
                : $"only members' contributions attract matching, and {(isSigner ? "you are" : $"{estimate.Contributor} is")} not a member";
            return $"{lead}, its match does not change ({asset.Format(estimate.CurrentMatch)}): {why}.";
        }
        var sign = estimate.Change.Sign > 0 ? "+" : "";
        return $"{lead}, its match changes by {sign}{asset.Format(estimate.Change)}: from {asset.Format(estimate.CurrentMatch)} to {asset.Format(estimate.EstimatedMatch)} "
            + $"(if the round were finalised now, with the {asset.Format(estimate.MatchingPool)} matching pool deposited so far; others' contributions change it).";
    }

    private static string MatchNote(FundingRoundService service, bool matched) =>
        matched ? "counts for matching"
        : service.Configuration.Mode == RoundMode.QuadraticVoting ? "not matched: in a quadratic-voting round members' votes are matched"
        : "not matched: only members' contributions attract matching";

    private static Option<string[]> ProjectsOption(string description) => new("--project") { Description = description, Required = true, AllowMultipleArgumentsPerToken = false };

    /// <summary>A command that takes a project id and prints the line <paramref name="body"/> returns.</summary>
    internal static Command ProjectCommand(string name, string description, ChainOptions chain, Option<string> round,
        Func<FundingRoundService, BigInteger, CancellationToken, Task<string>> body, bool needsSigner = true)
    {
        var id = new Argument<string>("project-id") { Description = "The project id (a number)." };
        var command = new Command(name, description) { id, round };
        command.SetBody(async (c, ct) =>
        {
            var number = RoundInput.ProjectId(c.Get(id));
            var (_, service) = await ConnectAsync(c, chain, round, needsSigner, ct).ConfigureAwait(false);
            await c.Out.WriteLineAsync(await body(service, number, ct).ConfigureAwait(false)).ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>Connects to the round that <c>--round</c> names, as the signer when <paramref name="needsSigner"/>.</summary>
    internal static async Task<(ChainConnection Connection, FundingRoundService Round)> ConnectAsync(CliContext c, ChainOptions chain, Option<string> round,
        bool needsSigner, CancellationToken ct)
    {
        var address = EthAddress.Parse(c.Get(round), "--round address");
        var connection = await ChainConnection.OpenAsync(c, chain, needsSigner, ct).ConfigureAwait(false);
        return (connection, await FundingRoundService.ConnectAsync(connection.Web3, address, ct).ConfigureAwait(false));
    }
}
