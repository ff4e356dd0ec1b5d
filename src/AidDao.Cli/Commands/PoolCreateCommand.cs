using System.CommandLine;
using AidDao.Core;
using AidDao.Core.Communities;
using AidDao.Core.Pools;
using AidDao.Core.Transactions;

namespace AidDao.Cli.Commands;

/// <summary>
/// <c>aiddao pool create</c>: as a steward, creates an emergency pool for a community through the factory. Asset limits
/// are given in whole units of each asset ("ETH:rate=1:max=2:cap=5:reserve=1:fast=0.5") and parsed exactly with the
/// asset's decimals.
/// </summary>
internal static class PoolCreateCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(ChainOptions chain)
    {
        var factory = new Option<string?>("--factory") { Description = "Address of the CommunityFactory (default: from the deployment record 'aiddao deploy' wrote for this chain)." };
        var community = new Option<string>("--community") { Description = "Address of the community the pool serves.", Required = true };
        var name = new Option<string>("--name") { Description = "The pool's name (1-64 bytes).", Required = true };
        var window = new Option<string>("--window") { Description = "Rolling window of the window caps, e.g. 24h (1 hour to 90 days).", DefaultValueFactory = _ => "24h" };
        var cooldown = new Option<string>("--cooldown") { Description = "Time between two payments to the same recipient, e.g. 7d (0s to 90 days).", DefaultValueFactory = _ => "7d" };
        var lifetime = new Option<string>("--request-lifetime") { Description = "How long a request stays open, e.g. 7d (1 hour to 90 days).", DefaultValueFactory = _ => "7d" };
        var emergencyThreshold = new Option<int>("--emergency-threshold") { Description = "Approvals that pay a fast-path request during an emergency.", DefaultValueFactory = _ => 1 };
        var assets = new Option<string[]>("--asset")
        {
            Description = "An accepted asset and its limits in whole units: ETH or a token address, then rate= (contribution tokens per unit, default 0), "
                + "max= (per request), cap= (per window), reserve= (default 0), fast= (emergency fast-path cap, default 0). "
                + "E.g. ETH:rate=1:max=2:cap=5:reserve=1:fast=0.5. Repeat for more assets.",
            Required = true,
        };
        var proposeMinter = new Option<bool>("--propose-minter") { Description = "Also propose, in the community, that the pool may mint contribution tokens (needed before deposits)." };
        var create = new Command("create", "As a steward, create an emergency pool for a community.")
            { factory, community, name, window, cooldown, lifetime, emergencyThreshold, assets, proposeMinter };
        create.SetBody(async (c, ct) =>
        {
            EthAddress? givenFactory = c.Get(factory) is { } f ? EthAddress.Parse(f, "--factory address") : null;
            var communityAddress = EthAddress.Parse(c.Get(community), "--community address");
            var specs = c.Get(assets).Select(PoolInput.AssetSpec).ToList();
            foreach (var (asset, values) in specs)
            {
                if (!values.ContainsKey("max") || !values.ContainsKey("cap"))
                    throw new AidDaoInputException($"--asset {Redaction.Input(asset)} needs at least max= and cap=, e.g. {asset}:max=2:cap=5.");
                PoolInput.AmountSyntax(values);
            }
            var periods = (Window: PoolInput.Duration(c.Get(window), "--window"), Cooldown: PoolInput.Duration(c.Get(cooldown), "--cooldown"),
                Lifetime: PoolInput.Duration(c.Get(lifetime), "--request-lifetime"));

            var connection = await ChainConnection.OpenAsync(c, chain, needsSigner: true, ct).ConfigureAwait(false);
            var rules = new List<AssetRules>(specs.Count);
            foreach (var (asset, values) in specs)
            {
                var what = await ReadAssetAsync(connection, asset, ct).ConfigureAwait(false);
                rules.Add(PoolInput.Rules(what, values, PoolInput.NoRules(what)));
            }
            var configuration = new PoolConfiguration
            {
                Name = c.Get(name),
                Window = periods.Window,
                Cooldown = periods.Cooldown,
                RequestLifetime = periods.Lifetime,
                EmergencyThreshold = c.Get(emergencyThreshold),
                Assets = rules,
            };
            configuration.Validate();
            var factoryAddress = await DeploymentRecords.FactoryAsync(c, chain, connection, givenFactory, AidDaoContract.CommunityFactory, "--factory", ct).ConfigureAwait(false);
            var members = await CommunityService.ConnectAsync(connection.Web3, communityAddress, ct).ConfigureAwait(false);
            var created = await new CommunityFactoryService(connection.Web3, factoryAddress).CreatePoolAsync(communityAddress, configuration, ct).ConfigureAwait(false);
            await c.Out.WriteLineAsync($"Created pool '{configuration.Name}': {created.Pool} (community {communityAddress}, pool #{created.Index + 1} of the community, gas {created.Transaction.GasUsed}).").ConfigureAwait(false);

            // The pool starts paused; the creator's Unpause change is the first vote to accept its rules.
            var pool = await EmergencyPoolService.ConnectAsync(connection.Web3, created.Pool, ct).ConfigureAwait(false);
            var unpause = await pool.ProposeUnpauseAsync(ct).ConfigureAwait(false);
            await c.Out.WriteLineAsync(unpause.Executed
                ? $"Change {unpause.ChangeId} (Unpause) passed with {unpause.Approvals} of {unpause.Threshold} approvals: the pool's rules are accepted and it can pay."
                : $"The pool starts paused: it pays once M stewards accept its rules. Change {unpause.ChangeId} (Unpause) has {unpause.Approvals} of {unpause.Threshold} approvals; other stewards run 'aiddao pool change approve {unpause.ChangeId} --pool {created.Pool}'.")
                .ConfigureAwait(false);

            var minterCommand = $"'aiddao community propose set-minter --target {created.Pool} --community {communityAddress}'";
            if (!c.Get(proposeMinter))
            {
                await c.Out.WriteLineAsync(
                    $"Next: deposits are refused until the community makes the pool a minter of its contribution tokens: a steward runs {minterCommand} and M stewards approve (or re-run with --propose-minter).").ConfigureAwait(false);
                return ExitCodes.Ok;
            }
            var proposal = await members.ProposeMinterAsync(created.Pool, true, ct).ConfigureAwait(false);
            await c.Out.WriteLineAsync(proposal.Executed
                ? $"Proposal {proposal.ProposalId} (SetMinter) passed with {proposal.Approvals} of {proposal.Threshold} approvals: the pool can mint contribution tokens, and deposits are open."
                : $"Proposal {proposal.ProposalId} (SetMinter) has {proposal.Approvals} of {proposal.Threshold} approvals: deposits open once other stewards approve it with 'aiddao community approve {proposal.ProposalId} --community {communityAddress}'.")
                .ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        return create;
    }

    /// <summary>ETH, or the token at <paramref name="text"/> with its symbol and decimals read from it.</summary>
    private static async Task<PoolAsset> ReadAssetAsync(ChainConnection connection, string text, CancellationToken ct)
    {
        if (string.Equals(text, "ETH", StringComparison.OrdinalIgnoreCase)) return PoolAsset.Eth;
        var address = EthAddress.Parse(text, "token address in --asset");
        if (address.IsZero) return PoolAsset.Eth;
        await ContractCode.RequireAsync(connection.Web3, address, "token", ct).ConfigureAwait(false);
        var erc20 = connection.Web3.Eth.ERC20.GetContractService(address.Value);
        try
        {
            var symbol = await ChainCall.QueryAsync(() => erc20.SymbolQueryAsync(), ct).ConfigureAwait(false);
            var decimals = await ChainCall.QueryAsync(() => erc20.DecimalsQueryAsync(), ct).ConfigureAwait(false);
            if (decimals > TokenAmount.MaxDecimals) throw new AidDaoInputException($"The token {address} has {decimals} decimals; AidDao handles at most {TokenAmount.MaxDecimals}.");
            return new PoolAsset(address, string.IsNullOrWhiteSpace(symbol) ? address.Value : symbol, decimals);
        }
        catch (Exception exception) when (exception is not OperationCanceledException and not ChainUnavailableException and not AidDaoInputException)
        {
            throw new AidDaoInputException($"The contract at {address} does not answer symbol() and decimals() like an ERC-20 token, so amounts in whole units cannot be read for it.", exception);
        }
    }
}
