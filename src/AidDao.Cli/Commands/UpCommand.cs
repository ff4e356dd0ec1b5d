using System.CommandLine;
using AidDao.Cli.Output;
using AidDao.Core.Chain;
using AidDao.Core.Demo;

namespace AidDao.Cli.Commands;

/// <summary>
/// <c>aiddao up</c>: starts the embedded local chain (Anvil on 127.0.0.1), deploys AidDao, creates the demo community,
/// its emergency pool and a funding round run to its results, and keeps running until Ctrl-C, when the chain is shut down. AIDDAO_RPC_URL points it at an existing node instead.
/// </summary>
internal static class UpCommand
{
    /// <summary>The line printed once everything is ready.</summary>
    public const string ReadyLine = "AidDao is up. Press Ctrl-C to stop.";

    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var exitAfterSetup = new Option<bool>("--exit-after-setup") { Description = "Set everything up, print it, then stop (for scripts)." };
        var dashboardUrl = new Option<string>("--dashboard-url")
        {
            Description = "Where the dashboard listens (default http://127.0.0.1:5080; port 0 picks a free port).",
            DefaultValueFactory = _ => "http://127.0.0.1:5080",
        };
        var up = new Command("up", "Start a local chain, deploy AidDao, a demo community, its emergency pool, a finished and an open funding round, and the dashboard; run until Ctrl-C.") { exitAfterSetup, dashboardUrl };
        up.SetBody(async (c, ct) =>
        {
            await c.Error.WriteLineAsync("Starting the local chain...").ConfigureAwait(false);
            var options = DevnetOptions.FromEnvironment();
            options.Progress = new LineProgress(c.Error);
            await using var devnet = await Devnet.StartAsync(options, ct).ConfigureAwait(false);
            await c.Error.WriteLineAsync("Deploying AidDao and the demo community...").ConfigureAwait(false);
            var demo = await DemoCommunity.CreateAsync(devnet, ct).ConfigureAwait(false);
            await c.Error.WriteLineAsync("Creating the demo emergency pool...").ConfigureAwait(false);
            var pool = await DemoPool.CreateAsync(devnet, demo, ct).ConfigureAwait(false);
            await c.Error.WriteLineAsync("Running the demo funding round (the local chain's clock moves on four days, past voting)...").ConfigureAwait(false);
            var round = await DemoRound.CreateAsync(devnet, demo, pool, ct).ConfigureAwait(false);
            await c.Error.WriteLineAsync("Opening a second round for contributions (the clock moves on one hour)...").ConfigureAwait(false);
            var openRound = await DemoOpenRound.CreateAsync(devnet, demo, pool, ct).ConfigureAwait(false);
            await c.Error.WriteLineAsync("Indexing the demo (a Hangfire job follows the chain into a local SQLite index) and starting the dashboard...").ConfigureAwait(false);
            var indexFolder = Directory.CreateTempSubdirectory("aiddao-up-").FullName;
            try
            {
                await using var index = await DemoIndex.StartAsync(devnet, demo, Path.Combine(indexFolder, "index.db"), c.Get(dashboardUrl), ct).ConfigureAwait(false);
                await index.ShareTextsAsync(pool.Pool, [(round.Round, round.Projects), (openRound.Round, openRound.Projects)], ct).ConfigureAwait(false);
                await c.Out.WriteLineAsync(Summary(devnet, demo, pool, round, openRound)).ConfigureAwait(false);
                await c.Out.WriteLineAsync(index.Describe()).ConfigureAwait(false);
                return await RunUntilStoppedAsync(c, exitAfterSetup, ct).ConfigureAwait(false);
            }
            finally
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                try
                {
                    Directory.Delete(indexFolder, recursive: true);
                }
                catch (IOException)
                {
                    // Best effort: the folder is under the temporary directory.
                }
            }
        });
        return up;
    }

    private static async Task<int> RunUntilStoppedAsync(CliContext c, Option<bool> exitAfterSetup, CancellationToken ct)
    {
        {
            await c.Out.WriteLineAsync(ReadyLine).ConfigureAwait(false);
            await c.Out.FlushAsync(ct).ConfigureAwait(false);
            if (c.Get(exitAfterSetup)) return ExitCodes.Ok;
            try
            {
                await Task.Delay(Timeout.Infinite, ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                await c.Error.WriteLineAsync("Stopping: shutting the local chain down.").ConfigureAwait(false);
            }
            return ExitCodes.Ok;
        }
    }

    private static string Summary(Devnet devnet, DemoCommunity demo, DemoPool pool, DemoRound round, DemoOpenRound openRound)
    {
        var community = demo.Community;
        var rpc = devnet.RpcUrl.ToString().TrimEnd('/');
        return string.Join(Environment.NewLine,
            "",
            $"Local chain     {rpc} (chain {devnet.ChainId}){(devnet.OwnsProcess ? "" : ", an existing node")}",
            $"Factory         {demo.Deployment.CommunityFactory}",
            $"Round factory   {demo.Deployment.RoundFactory}",
            "",
            CommunityCommand.Describe(community),
            $"Demo members    {string.Join(", ", demo.Members)} ({demo.VouchedMember.Abbreviated} joined by two vouches)",
            $"Waiting         proposal {demo.PendingProposalId}: make {demo.Members[0].Abbreviated} a steward (1 of 2 approvals)",
            "",
            $"Pool            {DemoPool.Name} {pool.Pool}",
            $"Donors          {string.Join(", ", pool.Donors)} (4 ETH and 1.5 ETH)",
            $"Requests        {pool.PaidRequestId} paid, {pool.HalfApprovedRequestId} waiting (1 of 2 approvals), {pool.NewRequestId} new, {pool.RejectedRequestId} rejected, {pool.CancelledRequestId} cancelled",
            "",
            $"Round           {DemoRound.Name} {round.Round} (finalised)",
            $"Projects        {string.Join("; ", round.Projects.Select(p => $"{p.Id} {p.Name}"))}; {round.RejectedProjectId} rejected",
            "Gifts           garden: six members gave 0.02 ETH each; tool library: one member gave 1 ETH, another 0.01 ETH;",
            "                football kits: two members gave 0.05 ETH each, a non-member 0.5 ETH (not matched)",
            "",
            RoundTable.Results(round.Results),
            "",
            $"Open round      {DemoOpenRound.Name} {openRound.Round} (voting for two weeks; projects {string.Join(", ", openRound.Projects.Select(p => p.Id))})",
            "",
            "Try, in another terminal (aiddao = dotnet run --project src/AidDao.Cli --; dev accounts 0-9 are the chain's public test accounts):",
            $"  aiddao community info --rpc {rpc} --community {community.Address}",
            $"  aiddao community approve {demo.PendingProposalId} --rpc {rpc} --community {community.Address} --dev-account 1",
            $"  aiddao community votes {demo.Members[0]} --rpc {rpc} --community {community.Address}",
            $"  aiddao pool status --rpc {rpc} --pool {pool.Pool}",
            $"  aiddao pool approve {pool.HalfApprovedRequestId} --rpc {rpc} --pool {pool.Pool} --dev-account 0",
            $"  aiddao pool deposit 0.25 --rpc {rpc} --pool {pool.Pool} --dev-account 8",
            $"  aiddao round show --rpc {rpc} --round {round.Round}",
            $"  aiddao round distribute --rpc {rpc} --round {round.Round} --dev-account 9",
            $"  aiddao round tokens --rpc {rpc} --round {round.Round} --dev-account 3",
            "");
    }
}
