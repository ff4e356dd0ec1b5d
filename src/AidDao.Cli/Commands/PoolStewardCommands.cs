using System.CommandLine;
using AidDao.Core;
using AidDao.Core.Pools;

namespace AidDao.Cli.Commands;

/// <summary>
/// The stewards' <c>aiddao pool</c> commands: pause, propose unpausing, declare and end emergencies, change an asset's
/// limits, approve or cancel pool changes. Every change but a pause needs M approvals of the community's stewards.
/// </summary>
internal static class PoolStewardCommands
{
    /// <summary>Adds the stewards' commands to the <c>pool</c> group.</summary>
    public static void AddTo(Command group, ChainOptions chain, Option<string> pool)
    {
        ArgumentNullException.ThrowIfNull(group);

        var pause = new Command("pause", "As a steward, stop payments at once; resuming needs an Unpause change approved by M stewards.") { pool };
        pause.SetBody(async (c, ct) =>
        {
            var (_, service) = await PoolCommand.ConnectAsync(c, chain, pool, needsSigner: true, ct).ConfigureAwait(false);
            await service.PauseAsync(ct).ConfigureAwait(false);
            await c.Out.WriteLineAsync(
                $"Payments from the pool are paused; deposits stay open. To resume, M stewards approve an Unpause change: 'aiddao pool unpause --pool {service.Address}'.").ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        group.Subcommands.Add(pause);

        group.Subcommands.Add(ChangeCommand(new Command("unpause", "As a steward, propose resuming payments (an Unpause change; your approval counts at once)."),
            chain, pool, (_, service, ct) => Proposed(service, service.ProposeUnpauseAsync(ct), "resume payments")));

        var duration = new Option<string>("--duration") { Description = "How long the emergency lasts, e.g. 48h or 7d (at most 30 days; declare again to extend).", Required = true };
        var statement = new Option<string>("--statement") { Description = "The public statement of the emergency; only its hash is recorded on-chain.", Required = true };
        var declare = ChangeCommand(
            new Command("declare", "As a steward, propose an emergency: the reserve may be used and small requests need fewer approvals.") { duration, statement },
            chain, pool, (c, service, ct) =>
            {
                var length = PoolInput.Duration(c.Get(duration), "--duration");
                return Proposed(service, service.DeclareEmergencyAsync(length, c.Get(statement), ct), $"declare an emergency for {PoolInput.Duration(length)}",
                    " Only the statement's hash is recorded: publish the statement itself where members can read it.");
            });
        var end = ChangeCommand(new Command("end", "As a steward, propose ending the emergency early."),
            chain, pool, (_, service, ct) => Proposed(service, service.EndEmergencyAsync(ct), "end the emergency"));
        group.Subcommands.Add(new Command("emergency", "Declare or end an emergency (each needs M steward approvals).") { declare, end });

        group.Subcommands.Add(LimitsCommand(chain, pool));

        var approveChange = PoolCommand.IdCommand("approve", "As a steward, approve a pool change; the approval that reaches M applies it.", "change-id", chain, pool,
            async (service, id, ct) => Progress(await service.ApproveChangeAsync(id, ct).ConfigureAwait(false), null, service.Address));
        var cancelChange = PoolCommand.IdCommand("cancel", "As the steward who proposed it, withdraw a pending pool change.", "change-id", chain, pool,
            async (service, id, ct) =>
            {
                await service.CancelChangeAsync(id, ct).ConfigureAwait(false);
                return $"Change {id} cancelled.";
            });
        group.Subcommands.Add(new Command("change", "Approve or cancel a proposed pool change (unpause, emergency, limits).") { approveChange, cancelChange });
    }

    private static Command LimitsCommand(ChainOptions chain, Option<string> pool)
    {
        var asset = new Option<string>("--asset") { Description = "The asset: ETH, a token symbol the pool accepts, or a token address (a new address proposes accepting it).", Required = true };
        var values = PoolInput.LimitKeys.ToDictionary(key => key, key => new Option<string?>("--" + key) { Description = LimitDescription(key) });
        var limits = new Command("limits", "As a steward, propose new limits for an asset (values not given stay as they are); M stewards must approve.") { asset };
        foreach (var option in values.Values) limits.Options.Add(option);
        return ChangeCommand(limits, chain, pool, async (c, service, ct) =>
        {
            var given = values.Where(v => c.Get(v.Value) is not null).ToDictionary(v => v.Key, v => c.Get(v.Value), StringComparer.OrdinalIgnoreCase);
            if (given.Count == 0) throw new AidDaoInputException($"Give at least one of {string.Join(", ", PoolInput.LimitKeys.Select(k => "--" + k))}.");
            PoolInput.AmountSyntax(given);
            var what = await PoolCommand.ResolveAssetAsync(c.Connection, service, c.Get(asset), ct).ConfigureAwait(false);
            var status = await service.GetStatusAsync(scanLimit: 0, ct).ConfigureAwait(false);
            var current = status.Assets.FirstOrDefault(a => a.Asset.Address == what.Address)?.Rules;
            if (current is null && (!given.ContainsKey("max") || !given.ContainsKey("cap")))
                throw new AidDaoInputException($"The pool does not accept {what.Symbol} yet: give at least --max and --cap to propose accepting it.");
            var rules = PoolInput.Rules(what, given, current ?? PoolInput.NoRules(what));
            return await Proposed(service, service.ProposeAssetRulesAsync(rules, ct), $"{(current is null ? "accept" : "limits of")} {what.Symbol}: {Describe(rules, what)}").ConfigureAwait(false);
        });
    }

    private static string LimitDescription(string key) => key switch
    {
        "rate" => "Contribution tokens minted per whole unit deposited (0: none).",
        "max" => "The largest request, in whole units.",
        "cap" => "The most that may leave in one rolling window, in whole units.",
        "reserve" => "What must stay in the pool outside an emergency, in whole units.",
        _ => "The largest request the emergency fast path may pay, in whole units (0: no fast path).",
    };

    /// <summary>An asset's rules in the words of <c>--asset</c>: "rate 1, max 2, cap 5, reserve 1, fast 0.5".</summary>
    internal static string Describe(AssetRules rules, PoolAsset asset) =>
        $"rate {PoolInput.Rate(rules.MintRate, asset)}, max {asset.Format(rules.PerRequestMax)}, cap {asset.Format(rules.WindowCap)}, reserve {asset.Format(rules.ReserveFloor)}, fast {asset.Format(rules.FastPathCap)}";

    /// <summary>A command that proposes a pool change as the signer and prints its progress.</summary>
    private static Command ChangeCommand(Command command, ChainOptions chain, Option<string> pool,
        Func<ChangeContext, EmergencyPoolService, CancellationToken, Task<string>> propose)
    {
        command.Options.Add(pool);
        command.SetBody(async (c, ct) =>
        {
            var (connection, service) = await PoolCommand.ConnectAsync(c, chain, pool, needsSigner: true, ct).ConfigureAwait(false);
            await c.Out.WriteLineAsync(await propose(new ChangeContext(c, connection), service, ct).ConfigureAwait(false)).ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static async Task<string> Proposed(EmergencyPoolService service, Task<PoolChangeResult> proposal, string what, string note = "") =>
        Progress(await proposal.ConfigureAwait(false), what, service.Address) + note;

    private static string Progress(PoolChangeResult result, string? what, EthAddress pool)
    {
        var name = what is null ? $"Change {result.ChangeId}" : $"Change {result.ChangeId} ({what})";
        return result.Executed
            ? $"{name} passed with {result.Approvals} of {result.Threshold} approvals; it is in effect now."
            : $"{name} has {result.Approvals} of {result.Threshold} approvals; other stewards approve it with 'aiddao pool change approve {result.ChangeId} --pool {pool}'.";
    }

    /// <summary>The invocation and its chain connection, for the bodies of change commands.</summary>
    private sealed record ChangeContext(CliContext Invocation, ChainConnection Connection)
    {
        public T Get<T>(Option<T> option) => Invocation.Get(option);
    }
}
