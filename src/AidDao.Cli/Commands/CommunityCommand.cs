using System.CommandLine;
using System.Globalization;
using System.Numerics;
using AidDao.Core;
using AidDao.Core.Communities;
using AidDao.Core.Transactions;

namespace AidDao.Cli.Commands;

/// <summary><c>aiddao community ...</c>: what stewards and members do, against any RPC URL.</summary>
internal static class CommunityCommand
{
    private static readonly Dictionary<string, ProposalAction> Actions = new(StringComparer.OrdinalIgnoreCase)
    {
        ["add-steward"] = ProposalAction.AddSteward,
        ["remove-steward"] = ProposalAction.RemoveSteward,
        ["set-threshold"] = ProposalAction.SetThreshold,
        ["set-admission-approvals"] = ProposalAction.SetAdmissionApprovals,
        ["set-vouches"] = ProposalAction.SetVouchesRequired,
        ["remove-member"] = ProposalAction.RemoveMember,
        ["set-minter"] = ProposalAction.SetMinter,
        ["unset-minter"] = ProposalAction.UnsetMinter,
    };

    /// <summary>Builds the command group.</summary>
    public static Command Create(ChainOptions chain)
    {
        var community = new Option<string>("--community") { Description = "Address of the community contract.", Required = true, Recursive = true };
        var group = new Command("community", "Stewards and members: admit, vouch, propose and approve changes, attest hours.");
        chain.AddTo(group);

        group.Subcommands.Add(CreateCommand(chain));

        var info = new Command("info", "Show the community's name, stewards, rules and counts.") { community };
        info.SetBody(async (c, ct) =>
        {
            var service = await ConnectAsync(c, chain, community, false, ct).ConfigureAwait(false);
            var about = await service.GetInfoAsync(ct).ConfigureAwait(false);
            await c.Out.WriteLineAsync(Describe(about)).ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        group.Subcommands.Add(info);

        var candidate = new Argument<string>("candidate") { Description = "Address of the person to admit." };
        var admit = new Command("admit", "As a steward, approve admitting a new member.") { candidate, community };
        admit.SetBody(async (c, ct) =>
        {
            var who = EthAddress.Parse(c.Get(candidate), "candidate address");
            var service = await ConnectAsync(c, chain, community, true, ct).ConfigureAwait(false);
            var result = await service.AdmitMemberAsync(who, ct).ConfigureAwait(false);
            await c.Out.WriteLineAsync(result.Admitted
                ? $"{who} is now a member ({result.Count} of {result.Required} steward approvals)."
                : $"Approval recorded: {result.Count} of {result.Required} steward approvals to admit {who}.").ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        group.Subcommands.Add(admit);

        var vouchFor = new Argument<string>("candidate") { Description = "Address of the person you vouch for." };
        var vouch = new Command("vouch", "As a member, vouch for a new member.") { vouchFor, community };
        vouch.SetBody(async (c, ct) =>
        {
            var who = EthAddress.Parse(c.Get(vouchFor), "candidate address");
            var service = await ConnectAsync(c, chain, community, true, ct).ConfigureAwait(false);
            var result = await service.VouchAsync(who, ct).ConfigureAwait(false);
            await c.Out.WriteLineAsync(result.Admitted
                ? $"{who} is now a member ({result.Count} of {result.Required} vouches)."
                : $"Vouch recorded: {result.Count} of {result.Required} vouches to admit {who}.").ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        group.Subcommands.Add(vouch);

        var action = new Argument<string>("action") { Description = $"One of: {string.Join(", ", Actions.Keys)}." };
        var target = new Option<string?>("--target") { Description = "The steward, member or minter the change is about." };
        var value = new Option<string?>("--value") { Description = "The number to set (threshold, approvals, vouches)." };
        var propose = new Command("propose", "As a steward, propose a change; your approval counts at once.") { action, target, value, community };
        propose.SetBody(async (c, ct) =>
        {
            if (!Actions.TryGetValue(c.Get(action), out var kind))
                throw new AidDaoInputException($"'{Redaction.Input(c.Get(action))}' is not a proposal action: use one of {string.Join(", ", Actions.Keys)}.");
            EthAddress? targetAddress = c.Get(target) is { } t ? EthAddress.Parse(t, "--target address") : null;
            BigInteger? number = c.Get(value) is { } v ? ParseCount(v, "--value") : null;
            var service = await ConnectAsync(c, chain, community, true, ct).ConfigureAwait(false);
            var result = await service.ProposeAsync(kind, targetAddress, number, ct).ConfigureAwait(false);
            await c.Out.WriteLineAsync($"Proposal {result.ProposalId} ({kind}) {Progress(result)}").ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        group.Subcommands.Add(propose);

        group.Subcommands.Add(ProposalCommand("approve", "As a steward, approve a proposal; the approval that reaches M makes the change.", chain, community,
            async (service, id, c, ct) =>
            {
                var result = await service.ApproveAsync(id, ct).ConfigureAwait(false);
                await c.Out.WriteLineAsync($"Proposal {id} {Progress(result)}").ConfigureAwait(false);
            }));
        group.Subcommands.Add(ProposalCommand("execute", "Make the change of a proposal that already has M approvals.", chain, community,
            async (service, id, c, ct) =>
            {
                await service.ExecuteAsync(id, ct).ConfigureAwait(false);
                await c.Out.WriteLineAsync($"Proposal {id} executed.").ConfigureAwait(false);
            }));
        group.Subcommands.Add(ProposalCommand("cancel", "As its proposer, withdraw a pending proposal.", chain, community,
            async (service, id, c, ct) =>
            {
                await service.CancelAsync(id, ct).ConfigureAwait(false);
                await c.Out.WriteLineAsync($"Proposal {id} cancelled.").ConfigureAwait(false);
            }));
        group.Subcommands.Add(ProposalCommand("proposal", "Show a proposal and its approvals.", chain, community,
            async (service, id, c, ct) =>
            {
                var p = await service.GetProposalAsync(id, ct).ConfigureAwait(false);
                await c.Out.WriteLineAsync(
                    $"Proposal {p.Id}: {p.Action} target={p.Target} value={p.Value} status={p.Status} approvals={p.Approvals} proposer={p.Proposer} expires={p.ExpiresAt:u}").ConfigureAwait(false);
            }, needsSigner: false));

        var volunteer = new Argument<string>("volunteer") { Description = "Address of the member who did the work." };
        var hours = new Argument<string>("hours") { Description = "Whole hours (one hour = one token)." };
        var evidence = new Option<string>("--evidence") { Description = "What was done, kept off-chain; only its hash is recorded.", Required = true };
        var attest = new Command("attest-hours", "As a steward, attest a member's volunteer hours.") { volunteer, hours, evidence, community };
        attest.SetBody(async (c, ct) =>
        {
            var who = EthAddress.Parse(c.Get(volunteer), "volunteer address");
            var count = (int)ParseCount(c.Get(hours), "hours", max: 1_000_000);
            var service = await ConnectAsync(c, chain, community, true, ct).ConfigureAwait(false);
            var token = service.ContributionToken;
            var result = await token.AttestHoursAsync(who, count, c.Get(evidence), ct).ConfigureAwait(false);
            await c.Out.WriteLineAsync($"Attestation {result.AttestationId}: {result.Hours} hour(s) for {who}.").ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        group.Subcommands.Add(attest);

        var account = new Argument<string>("account") { Description = "Address whose votes to show." };
        var block = new Option<string?>("--block") { Description = "Read votes at the end of this past block." };
        var votes = new Command("votes", "Show an account's contribution tokens and voting power (now or at a past block).") { account, block, community };
        votes.SetBody(async (c, ct) =>
        {
            var who = EthAddress.Parse(c.Get(account), "account address");
            BigInteger? at = c.Get(block) is { } b ? ParseCount(b, "--block") : null;
            var service = await ConnectAsync(c, chain, community, false, ct).ConfigureAwait(false);
            var token = service.ContributionToken;
            var power = at is { } pastBlock
                ? await token.GetPastVotesAsync(who, pastBlock, ct).ConfigureAwait(false)
                : await token.GetVotesAsync(who, ct).ConfigureAwait(false);
            await c.Out.WriteLineAsync($"{who}: {Tokens(power)} votes{(at is null ? "" : $" at block {at}")}.").ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        group.Subcommands.Add(votes);
        return group;
    }

    private static Command CreateCommand(ChainOptions chain)
    {
        var factory = new Option<string?>("--factory") { Description = "Address of the CommunityFactory (default: from the deployment record 'aiddao deploy' wrote for this chain)." };
        var name = new Option<string>("--name") { Description = "The community's name.", Required = true };
        var symbol = new Option<string>("--symbol") { Description = "Contribution token symbol (1-11 bytes, e.g. RIVER).", Required = true };
        var stewards = new Option<string>("--stewards") { Description = "Comma-separated steward addresses.", Required = true };
        var members = new Option<string?>("--members") { Description = "Comma-separated founding member addresses." };
        var threshold = new Option<string?>("--threshold") { Description = "Steward approvals M for changes (default: a majority)." };
        var admission = new Option<string?>("--admission-approvals") { Description = "Steward approvals to admit a member (default 1)." };
        var vouches = new Option<string?>("--vouches") { Description = "Member vouches K that admit a member (default 0: stewards only)." };
        var create = new Command("create", "Create a community and its contribution token.") { factory, name, symbol, stewards, members, threshold, admission, vouches };
        create.SetBody(async (c, ct) =>
        {
            var settings = new CommunitySettings
            {
                Name = c.Get(name),
                TokenSymbol = c.Get(symbol),
                Stewards = ParseAddresses(c.Get(stewards), "--stewards"),
                Members = c.Get(members) is { } m ? ParseAddresses(m, "--members") : [],
                Threshold = c.Get(threshold) is { } t ? (int)ParseCount(t, "--threshold", 1_000) : null,
                AdmissionApprovals = c.Get(admission) is { } a ? (int)ParseCount(a, "--admission-approvals", 1_000) : 1,
                VouchesRequired = c.Get(vouches) is { } k ? (int)ParseCount(k, "--vouches", 1_000) : 0,
            };
            settings.Validate();
            EthAddress? givenFactory = c.Get(factory) is { } f ? EthAddress.Parse(f, "--factory address") : null;
            var connection = await ChainConnection.OpenAsync(c, chain, needsSigner: true, ct).ConfigureAwait(false);
            var factoryAddress = await DeploymentRecords.FactoryAsync(c, chain, connection, givenFactory, AidDaoContract.CommunityFactory, "--factory", ct).ConfigureAwait(false);
            var created = await new CommunityFactoryService(connection.Web3, factoryAddress).CreateCommunityAsync(settings, ct).ConfigureAwait(false);
            await c.Out.WriteLineAsync($"Created '{settings.Name}': community {created.Community}, token {created.Token} (gas {created.Transaction.GasUsed}).").ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        return create;
    }

    private static Command ProposalCommand(string name, string description, ChainOptions chain, Option<string> community,
        Func<CommunityService, BigInteger, CliContext, CancellationToken, Task> body, bool needsSigner = true)
    {
        var id = new Argument<string>("proposal-id") { Description = "The proposal's number." };
        var command = new Command(name, description) { id, community };
        command.SetBody(async (c, ct) =>
        {
            var proposalId = ParseCount(c.Get(id), "proposal id");
            var service = await ConnectAsync(c, chain, community, needsSigner, ct).ConfigureAwait(false);
            await body(service, proposalId, c, ct).ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static async Task<CommunityService> ConnectAsync(CliContext c, ChainOptions chain, Option<string> community, bool needsSigner, CancellationToken ct)
    {
        var address = EthAddress.Parse(c.Get(community), "--community address");
        var connection = await ChainConnection.OpenAsync(c, chain, needsSigner, ct).ConfigureAwait(false);
        return await CommunityService.ConnectAsync(connection.Web3, address, ct).ConfigureAwait(false);
    }

    private static List<EthAddress> ParseAddresses(string text, string what) =>
        text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(a => EthAddress.Parse(a, $"address in {what}")).ToList();

    private static BigInteger ParseCount(string text, string what, long max = long.MaxValue)
    {
        if (BigInteger.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value <= max) return value;
        throw new AidDaoInputException($"'{Redaction.Input(text)}' is not a valid {what}: give a whole number from 0{(max == long.MaxValue ? "" : $" to {max}")}.");
    }

    private static string Progress(ProposalResult result) => result.Executed
        ? $"passed with {result.Approvals} of {result.Threshold} approvals; the change is made."
        : $"has {result.Approvals} of {result.Threshold} approvals.";

    private static string Tokens(BigInteger units)
    {
        var whole = BigInteger.DivRem(units, ContributionTokenService.UnitsPerToken, out var rest);
        return rest.IsZero ? whole.ToString(CultureInfo.InvariantCulture) : $"{whole}.{rest.ToString(CultureInfo.InvariantCulture).PadLeft(18, '0').TrimEnd('0')}";
    }

    /// <summary>A readable description of a community.</summary>
    public static string Describe(CommunityInfo about)
    {
        ArgumentNullException.ThrowIfNull(about);
        return string.Join(Environment.NewLine,
            $"Community  {about.Name}",
            $"Address    {about.Address}",
            $"Token      {about.Token}",
            $"Stewards   {about.Stewards.Count} (threshold {about.Threshold} of {about.Stewards.Count}): {string.Join(", ", about.Stewards)}",
            $"Members    {about.MemberCount}",
            $"Admission  {about.AdmissionApprovals} steward approval(s){(about.VouchesRequired > 0 ? $", or {about.VouchesRequired} member vouches" : " (vouching off)")}",
            $"Proposals  {about.ProposalCount}");
    }
}
