using System.CommandLine;
using System.Globalization;
using AidDao.Cli.Output;
using AidDao.Core;
using AidDao.Core.Communities;
using AidDao.Core.Pools;

namespace AidDao.Cli.Commands;

/// <summary>
/// <c>aiddao deploy</c>: deploys the implementations, the CommunityFactory and the RoundFactory on any chain. Before
/// sending it estimates every transaction and shows the gas, fee, cost and balance; it refuses when the balance cannot
/// cover the most the deployment may cost, and asks before sending (<c>--yes</c> skips the question). Afterwards it writes
/// the deployment record that the other commands read for their factories.
/// </summary>
internal static class DeployCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(ChainOptions chain)
    {
        var yes = new Option<bool>("--yes") { Description = "Deploy without asking (needed when standard input is not a terminal)." };
        var force = new Option<bool>("--force") { Description = "Deploy even though the deployment record names a factory that is still on the chain, and replace the record." };
        var deploy = new Command("deploy", "Deploy AidDao's contracts (implementations, CommunityFactory, RoundFactory) as the signer, and write the deployment record.")
        {
            yes, force,
        };
        chain.AddTo(deploy);
        deploy.SetBody(async (c, ct) =>
        {
            var connection = await ChainConnection.OpenAsync(c, chain, needsSigner: true, ct).ConfigureAwait(false);
            var recordPath = DeploymentRecords.WritePath(c, chain, connection);
            if (!c.Get(force)) await RefuseLiveRecordAsync(connection, recordPath, ct).ConfigureAwait(false);

            var plan = await AidDaoDeployer.PlanAsync(connection.Web3, ct).ConfigureAwait(false);
            var symbol = connection.Profile?.NativeSymbol ?? PoolAsset.Eth.Symbol;
            await c.Out.WriteLineAsync(DeploymentTable.Plan(plan, connection.Description, symbol)).ConfigureAwait(false);
            if (!plan.IsAffordable)
                throw new AidDaoException($"{plan.Deployer} has {TokenAmount.Format(plan.Balance, 18, symbol)}, but the deployment may cost up to "
                    + $"{TokenAmount.Format(plan.MaxCost, 18, symbol)} on {connection.Description}: fund the account and run again; nothing was sent.");
            if (!c.Get(yes) && !await ConfirmAsync(c, plan, connection, ct).ConfigureAwait(false))
            {
                await c.Error.WriteLineAsync("Not deployed; nothing was sent.").ConfigureAwait(false);
                return ExitCodes.Failed;
            }

            var progress = new DeploymentProgress(c.Error, connection.Profile);
            var deployment = await AidDaoDeployer.DeployAsync(connection.Web3, plan, progress, ct).ConfigureAwait(false);
            try
            {
                DeploymentRecord.From(deployment, connection.Profile?.Name, plan.Deployer, TimeProvider.System.GetUtcNow()).Save(recordPath);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                await c.Out.WriteLineAsync(DeploymentTable.Result(deployment, "(not written)")).ConfigureAwait(false);
                throw new AidDaoException($"AidDao is deployed (addresses above), but its record could not be written to {recordPath} ({exception.Message}): "
                    + "give the factories to other commands with --factory.", exception);
            }
            await c.Out.WriteLineAsync(DeploymentTable.Result(deployment, recordPath)).ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        return deploy;
    }

    /// <summary>Refuses when the record to be written already names a CommunityFactory that is still on this chain.</summary>
    private static async Task RefuseLiveRecordAsync(ChainConnection connection, string path, CancellationToken ct)
    {
        if (!File.Exists(path)) return;
        DeploymentRecord record;
        try
        {
            record = DeploymentRecord.Load(path);
        }
        catch (AidDaoInputException exception)
        {
            throw new AidDaoInputException($"{exception.Message.TrimEnd('.')}; nothing was sent (add --force to replace it).", exception);
        }
        if (record.ChainId == connection.ChainId && await DeploymentRecords.HasCodeAsync(connection.Web3, record.CommunityFactory, ct).ConfigureAwait(false))
            throw new AidDaoInputException(string.Create(CultureInfo.InvariantCulture,
                $"AidDao is already deployed on chain {record.ChainId}: the record {path} names the CommunityFactory {record.CommunityFactory}, which is still there. Use it, or add --force to deploy again and replace the record."));
        if (record.ChainId != connection.ChainId)
            throw new AidDaoInputException(string.Create(CultureInfo.InvariantCulture,
                $"The record {path} is for chain {record.ChainId}, not chain {connection.ChainId}: give another --deployment, or add --force to replace it."));
    }

    /// <summary>Asks on the terminal; without one, refuses (the caller must say --yes).</summary>
    private static async Task<bool> ConfirmAsync(CliContext c, AidDaoDeploymentPlan plan, ChainConnection connection, CancellationToken ct)
    {
        if (!HiddenPrompt.Available)
            throw new AidDaoInputException("Standard input is not a terminal, so there is no one to ask: add --yes to deploy without a prompt; nothing was sent.");
        await c.Error.WriteAsync(string.Create(CultureInfo.InvariantCulture,
            $"Deploy {plan.Contracts.Count} contracts to {connection.Description} from {plan.Deployer}? [y/N] ")).ConfigureAwait(false);
        await c.Error.FlushAsync(ct).ConfigureAwait(false);
        var answer = await Task.Run(Console.ReadLine, ct).WaitAsync(ct).ConfigureAwait(false);
        return answer?.Trim().ToUpperInvariant() is "Y" or "YES";
    }
}
