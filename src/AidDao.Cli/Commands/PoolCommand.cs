using System.CommandLine;
using System.Numerics;
using AidDao.Cli.Output;
using AidDao.Core;
using AidDao.Core.Pools;
using AidDao.Core.Transactions;

namespace AidDao.Cli.Commands;

/// <summary>
/// <c>aiddao pool ...</c>: what donors, members and stewards do with an emergency pool. Amounts are typed and printed in
/// whole units of the asset (0.5 ETH), parsed exactly with the asset's decimals.
/// </summary>
internal static class PoolCommand
{
    /// <summary>How to withdraw a payment the recipient could not take.</summary>
    private const string KeptForRecipient = "the recipient could not take the payment; it is kept for them to withdraw with 'aiddao pool withdraw'.";

    /// <summary>Builds the command group.</summary>
    public static Command Create(ChainOptions chain)
    {
        var pool = new Option<string>("--pool") { Description = "Address of the emergency pool contract.", Required = true, Recursive = true };
        var group = new Command("pool", "Emergency pools: deposit, ask for aid, approve and pay, pause, declare emergencies, read the pool.");
        chain.AddTo(group);

        group.Subcommands.Add(PoolCreateCommand.Create(chain));
        group.Subcommands.Add(DepositCommand(chain, pool));
        group.Subcommands.Add(RequestCommand(chain, pool));

        group.Subcommands.Add(RequestIdCommand("approve", "As a steward, approve a request; the approval that reaches the threshold pays it.", chain, pool,
            async (service, id, ct) =>
            {
                var result = await service.ApproveAsync(id, ct).ConfigureAwait(false);
                return result.Paid
                    ? await PaidAsync(service, id, "approved and paid", result.Delivered, ct).ConfigureAwait(false)
                    : $"Request {id} approved ({result.Count} of {result.Required} approvals).";
            }));
        group.Subcommands.Add(RequestIdCommand("reject", "As a steward, reject a request; M rejections close it.", chain, pool,
            async (service, id, ct) =>
            {
                var result = await service.RejectAsync(id, ct).ConfigureAwait(false);
                return result.Declined
                    ? $"Request {id} rejected and closed ({result.Count} of {result.Required} rejections)."
                    : $"Request {id} rejected ({result.Count} of {result.Required} rejections).";
            }));
        group.Subcommands.Add(RequestIdCommand("execute", "Pay a request that already has enough approvals (after a pause, an emergency or a full window).", chain, pool,
            async (service, id, ct) =>
            {
                var result = await service.ExecuteAsync(id, ct).ConfigureAwait(false);
                return await PaidAsync(service, id, "paid", result.Delivered, ct).ConfigureAwait(false);
            }));
        group.Subcommands.Add(RequestIdCommand("cancel", "As the member who filed it, withdraw a pending request.", chain, pool,
            async (service, id, ct) =>
            {
                await service.CancelAsync(id, ct).ConfigureAwait(false);
                return $"Request {id} cancelled.";
            }));
        group.Subcommands.Add(RequestIdCommand("show", "Show one request in full: amount, recipient, urgency, decisions, expiry, details hash.", chain, pool,
            async (service, id, ct) => PoolStatusTable.Describe(await service.GetRequestAsync(id, ct).ConfigureAwait(false)), needsSigner: false));

        group.Subcommands.Add(WithdrawCommand(chain, pool));

        var status = new Command("status", "Show the pool: rules, money per asset, limits, and the requests waiting for stewards.") { pool };
        status.SetBody(async (c, ct) =>
        {
            var (_, service) = await ConnectAsync(c, chain, pool, needsSigner: false, ct).ConfigureAwait(false);
            await c.Out.WriteLineAsync(PoolStatusTable.Render(await service.GetStatusAsync(cancellationToken: ct).ConfigureAwait(false))).ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        group.Subcommands.Add(status);

        PoolStewardCommands.AddTo(group, chain, pool);
        return group;
    }

    private static Command DepositCommand(ChainOptions chain, Option<string> pool)
    {
        var amount = AmountArgument("How much to give, in whole units of the asset (e.g. 0.5).");
        var asset = AssetOption("What to give: ETH (default), a token symbol the pool accepts, or the token's address.");
        var deposit = new Command("deposit", "Give to the pool; you receive contribution tokens at the asset's rate.") { amount, asset, pool };
        deposit.SetBody(async (c, ct) =>
        {
            var text = PoolInput.AmountSyntax(c.Get(amount));
            var (connection, service) = await ConnectAsync(c, chain, pool, needsSigner: true, ct).ConfigureAwait(false);
            var what = await service.FindAssetAsync(c.Get(asset), ct).ConfigureAwait(false);
            var sent = what.Parse(text);
            var result = await service.DepositAsync(what, sent, ct).ConfigureAwait(false);
            var arrived = result.Amount == sent ? "" : $"; you sent {what.Format(sent)}, the token kept {what.Format(sent - result.Amount)} as a transfer fee";
            var tokens = result.Minted.IsZero
                ? "no contribution tokens were minted for it (this asset's rate gives none for this amount)"
                : $"you received {TokenAmount.Format(result.Minted, 18)} {await TokenSymbolAsync(connection, service.ContributionToken, ct).ConfigureAwait(false)} contribution tokens";
            await c.Out.WriteLineAsync($"Deposited {what.Format(result.Amount)} (deposit {result.DepositId}{arrived}); {tokens}.").ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        return deposit;
    }

    private static Command RequestCommand(ChainOptions chain, Option<string> pool)
    {
        var amount = AmountArgument("How much to ask for, in whole units of the asset (e.g. 0.5).");
        var asset = AssetOption("What to ask for: ETH (default), a token symbol the pool accepts, or the token's address.");
        var recipient = new Option<string>("--recipient") { Description = "Who is paid: you, or for instance your landlord.", Required = true };
        var urgency = new Option<int>("--urgency") { Description = "1 (can wait) to 5 (life or safety).", Required = true };
        var details = new Option<string?>("--details") { Description = "What the aid is for; only its hash is sent, the text stays with you." };
        var detailsFile = new Option<string?>("--details-file") { Description = "A file with the details (e.g. a letter); only its hash is sent." };
        var request = new Command("request", "As a member, ask the pool for aid; the details stay off-chain (only their hash is recorded).")
            { amount, asset, recipient, urgency, details, detailsFile, pool };
        request.SetBody(async (c, ct) =>
        {
            var text = PoolInput.AmountSyntax(c.Get(amount));
            var to = EthAddress.Parse(c.Get(recipient), "--recipient address");
            var level = PoolInput.Urgency(c.Get(urgency));
            var hash = PoolInput.DetailsHashOf(c.Get(details), c.Get(detailsFile));
            var (_, service) = await ConnectAsync(c, chain, pool, needsSigner: true, ct).ConfigureAwait(false);
            var what = await service.FindAssetAsync(c.Get(asset), ct).ConfigureAwait(false);
            var units = what.Parse(text);
            var result = await service.RequestAidAsync(what, units, to, level, hash, ct).ConfigureAwait(false);
            await c.Out.WriteLineAsync(string.Join(Environment.NewLine,
                $"Request {result.RequestId} filed: {what.Format(units)} for {to}, urgency {level}; stewards can approve it until {PoolStatusTable.Time(result.ExpiresAt)}.",
                $"Only the hash of the details (0x{Convert.ToHexStringLower(hash)}) was sent; the details themselves were not: share them with the stewards privately."))
                .ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        return request;
    }

    private static Command WithdrawCommand(ChainOptions chain, Option<string> pool)
    {
        var asset = AssetOption("Which asset: ETH (default), a token symbol, or the token's address.");
        var to = new Option<string?>("--to") { Description = "Where to send it (default: your own address)." };
        var withdraw = new Command("withdraw", "Take a payment that was kept for you because your address could not receive it.") { asset, to, pool };
        withdraw.SetBody(async (c, ct) =>
        {
            EthAddress? destination = c.Get(to) is { } t ? EthAddress.Parse(t, "--to address") : null;
            var (connection, service) = await ConnectAsync(c, chain, pool, needsSigner: true, ct).ConfigureAwait(false);
            var what = await ResolveAssetAsync(connection, service, c.Get(asset), ct).ConfigureAwait(false);
            var target = destination ?? service.Caller;
            var owed = await service.GetOwedAsync(service.Caller, what, ct).ConfigureAwait(false);
            await service.WithdrawAsync(what, target, ct).ConfigureAwait(false);
            await c.Out.WriteLineAsync($"Withdrew {what.Format(owed)} kept for {service.Caller}; sent to {target}.").ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        return withdraw;
    }

    /// <summary>A command that takes a request id (or change id) and prints the line <paramref name="body"/> returns.</summary>
    internal static Command IdCommand(string name, string description, string idName, ChainOptions chain, Option<string> pool,
        Func<EmergencyPoolService, BigInteger, CancellationToken, Task<string>> body, bool needsSigner = true)
    {
        var id = new Argument<string>(idName) { Description = $"The {idName.Replace('-', ' ')} (a number)." };
        var command = new Command(name, description) { id, pool };
        command.SetBody(async (c, ct) =>
        {
            var number = PoolInput.Id(c.Get(id), idName.Replace('-', ' '));
            var (_, service) = await ConnectAsync(c, chain, pool, needsSigner, ct).ConfigureAwait(false);
            await c.Out.WriteLineAsync(await body(service, number, ct).ConfigureAwait(false)).ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command RequestIdCommand(string name, string description, ChainOptions chain, Option<string> pool,
        Func<EmergencyPoolService, BigInteger, CancellationToken, Task<string>> body, bool needsSigner = true) =>
        IdCommand(name, description, "request-id", chain, pool, body, needsSigner);

    /// <summary>Connects to the pool that <c>--pool</c> names, as the signer when <paramref name="needsSigner"/>.</summary>
    internal static async Task<(ChainConnection Connection, EmergencyPoolService Pool)> ConnectAsync(CliContext c, ChainOptions chain, Option<string> pool,
        bool needsSigner, CancellationToken ct)
    {
        var address = EthAddress.Parse(c.Get(pool), "--pool address");
        var connection = await ChainConnection.OpenAsync(c, chain, needsSigner, ct).ConfigureAwait(false);
        return (connection, await EmergencyPoolService.ConnectAsync(connection.Web3, address, ct).ConfigureAwait(false));
    }

    /// <summary>
    /// The asset <paramref name="text"/> names among those the pool accepts; a token address it does not accept (yet,
    /// or any more) is read from the token itself.
    /// </summary>
    internal static async Task<PoolAsset> ResolveAssetAsync(ChainConnection connection, EmergencyPoolService service, string text, CancellationToken ct)
    {
        try
        {
            return await service.FindAssetAsync(text, ct).ConfigureAwait(false);
        }
        catch (AidDaoInputException) when (EthAddress.TryParse(text, out var address) && !address.IsZero)
        {
            await ContractCode.RequireAsync(connection.Web3, address, "token", ct).ConfigureAwait(false);
            return await service.GetAssetAsync(address, ct).ConfigureAwait(false);
        }
    }

    /// <summary>The <c>--asset</c> option of the commands that move money; ETH unless given.</summary>
    internal static Option<string> AssetOption(string description) => new("--asset") { Description = description, DefaultValueFactory = _ => "ETH" };

    private static Argument<string> AmountArgument(string description) => new("amount") { Description = description };

    private static async Task<string> PaidAsync(EmergencyPoolService service, BigInteger id, string verb, bool delivered, CancellationToken ct)
    {
        var request = await service.GetRequestAsync(id, ct).ConfigureAwait(false);
        var amount = request.Asset.Format(request.Amount);
        return delivered
            ? $"Request {id} {verb}: {amount} sent to {request.Recipient}."
            : $"Request {id} {verb}: {amount} for {request.Recipient}, but {KeptForRecipient}";
    }

    private static async Task<string> TokenSymbolAsync(ChainConnection connection, EthAddress token, CancellationToken ct)
    {
        var erc20 = connection.Web3.Eth.ERC20.GetContractService(token.Value);
        return await ChainCall.QueryAsync(() => erc20.SymbolQueryAsync(), ct).ConfigureAwait(false);
    }
}
