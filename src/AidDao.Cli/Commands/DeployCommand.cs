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
/// cover the most the deployment may cost, and asks before sending (<c>--yes</c> skips the question). It reads the fees
/// and the balance again after the answer, waits a bounded time for each receipt (<c>--receipt-timeout</c>), and writes
/// the deployment record that the other commands read for their factories; a deployment that stops part-way leaves an
/// incomplete record listing what was mined.
/// </summary>
internal static class DeployCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(ChainOptions chain)
    {
        var yes = new Option<bool>("--yes") { Description = "Deploy without asking (needed when standard input is not a terminal)." };
        var force = new Option<bool>("--force") { Description = "Deploy even though the deployment record names a factory that is still on the chain, and replace the record." };
        var receiptTimeout = new Option<string>("--receipt-timeout")
        {
            Description = "How long to wait for each transaction to be mined before stopping and naming the pending one (e.g. 90s, 10m).",
            DefaultValueFactory = _ => "5m",
        };
        var deploy = new Command("deploy", "Deploy AidDao's contracts (implementations, CommunityFactory, RoundFactory) as the signer, and write the deployment record.")
        {
            yes, force, receiptTimeout,
        };
        chain.AddTo(deploy);
        deploy.SetBody(async (c, ct) =>
        {
            var timeout = PoolInput.Duration(c.Get(receiptTimeout), "--receipt-timeout");
            if (timeout < TimeSpan.FromSeconds(1)) throw new AidDaoInputException("--receipt-timeout must be at least 1s.");
            var connection = await ChainConnection.OpenAsync(c, chain, needsSigner: true, ct).ConfigureAwait(false);
            var recordPath = DeploymentRecords.WritePath(c, chain, connection);
            if (!c.Get(force)) await RefuseLiveRecordAsync(c, connection, recordPath, ct).ConfigureAwait(false);

            var plan = await AidDaoDeployer.PlanAsync(connection.Web3, ct).ConfigureAwait(false);
            var symbol = connection.Profile?.NativeSymbol ?? PoolAsset.Eth.Symbol;
            await c.Out.WriteLineAsync(DeploymentTable.Plan(plan, connection.Description, symbol)).ConfigureAwait(false);
            RefuseUnaffordable(plan, connection, symbol, "");
            if (!c.Get(yes) && !await ConfirmAsync(c, plan, connection, ct).ConfigureAwait(false))
            {
                await c.Error.WriteLineAsync("Not deployed; nothing was sent.").ConfigureAwait(false);
                return ExitCodes.Failed;
            }

            // The answer may have taken minutes: send with the fees of now, not those of the estimate.
            var current = await AidDaoDeployer.RefreshAsync(connection.Web3, plan, ct).ConfigureAwait(false);
            if (current.MaxCost != plan.MaxCost)
                await c.Error.WriteLineAsync($"Fees read again before sending: the deployment may now cost up to {TokenAmount.Format(current.MaxCost, 18, symbol)} "
                    + $"(estimated: {TokenAmount.Format(plan.MaxCost, 18, symbol)}).").ConfigureAwait(false);
            RefuseUnaffordable(current, connection, symbol, "now ");

            var progress = new DeploymentProgress(c.Error, connection.Profile);
            AidDaoDeployment deployment;
            try
            {
                deployment = await AidDaoDeployer.DeployAsync(connection.Web3, current, progress, timeout, ct).ConfigureAwait(false);
            }
            catch (DeploymentIncompleteException stopped)
            {
                throw await RecordIncompleteAsync(c, stopped, connection, recordPath).ConfigureAwait(false);
            }
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

    /// <summary>Refuses, sending nothing, when the balance does not cover the most <paramref name="plan"/> may cost.</summary>
    private static void RefuseUnaffordable(AidDaoDeploymentPlan plan, ChainConnection connection, string symbol, string now)
    {
        if (!plan.IsAffordable)
            throw new AidDaoException($"{plan.Deployer} has {TokenAmount.Format(plan.Balance, 18, symbol)}, but the deployment may {now}cost up to "
                + $"{TokenAmount.Format(plan.MaxCost, 18, symbol)} on {connection.Description}: fund the account and run again; nothing was sent.");
    }

    /// <summary>
    /// Shows what was mined before the deployment stopped and records it as incomplete: at <paramref name="recordPath"/>,
    /// unless that holds a finished deployment's record (deploying again with --force), which stays, and the incomplete
    /// one goes beside it. Returns the error to end the command with.
    /// </summary>
    private static async Task<AidDaoException> RecordIncompleteAsync(CliContext c, DeploymentIncompleteException stopped, ChainConnection connection, string recordPath)
    {
        if (stopped.Mined.Count == 0)
            return new AidDaoException($"{stopped.Message.TrimEnd('.')}. No contract was mined, so there is nothing to record.", stopped);
        var path = IsFinishedRecord(recordPath) ? Path.ChangeExtension(recordPath, ".incomplete.json") : recordPath;
        string recorded;
        try
        {
            DeploymentRecord.Incomplete(stopped, connection.Profile?.Name, TimeProvider.System.GetUtcNow()).Save(path);
            recorded = $"recorded in {path} as incomplete (no command takes it for a deployment)";
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            recorded = $"not recorded: {path} could not be written ({exception.Message.TrimEnd('.')})";
        }
        await c.Out.WriteLineAsync(DeploymentTable.Incomplete(stopped.Mined, path)).ConfigureAwait(false);
        return new AidDaoException(string.Create(CultureInfo.InvariantCulture,
            $"{stopped.Message.TrimEnd('.')}. The deployment is incomplete: {stopped.Mined.Count} of {Enum.GetValues<AidDaoContract>().Length} contracts "
            + $"were mined (listed above), {recorded}; 'aiddao deploy' starts over."), stopped);
    }

    private static bool IsFinishedRecord(string path)
    {
        try
        {
            return File.Exists(path) && !DeploymentRecord.Load(path).IsIncomplete;
        }
        catch (AidDaoInputException)
        {
            return false;
        }
    }

    /// <summary>
    /// Refuses when the record to be written is for another chain, or names a CommunityFactory that is still on this
    /// chain. An incomplete record is no deployment: it is named, and replaced.
    /// </summary>
    private static async Task RefuseLiveRecordAsync(CliContext c, ChainConnection connection, string path, CancellationToken ct)
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
        if (record.ChainId != connection.ChainId)
            throw new AidDaoInputException(string.Create(CultureInfo.InvariantCulture,
                $"The record {path} is for chain {record.ChainId}, not chain {connection.ChainId}: give another --deployment, or add --force to replace it."));
        if (record.IsIncomplete)
        {
            await c.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"The record {path} is of a deployment that did not finish ({record.Contracts.Count} of {Enum.GetValues<AidDaoContract>().Length} contracts mined), "
                + $"not of a finished one: deploying all of them anew, and replacing it.")).ConfigureAwait(false);
            return;
        }
        if (await DeploymentRecords.HasCodeAsync(connection.Web3, record.CommunityFactory, ct).ConfigureAwait(false))
            throw new AidDaoInputException(string.Create(CultureInfo.InvariantCulture,
                $"AidDao is already deployed on chain {record.ChainId}: the record {path} names the CommunityFactory {record.CommunityFactory}, which is still there. Use it, or add --force to deploy again and replace the record."));
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
