using System.Diagnostics;
using System.Globalization;
using System.Numerics;
using AidDao.Core;
using AidDao.Core.Chain;
using AidDao.Core.Communities;
using AidDao.Core.Pools;
using AidDao.Core.Rounds;
using Nethereum.Hex.HexTypes;

namespace AidDao.Cli.Bench;

/// <summary>
/// Fills a local Anvil chain with a realistic AidDao history for the indexer benchmark (issue 5): AidDao deployed, one
/// community with an emergency pool and three funding rounds, then blocks of neighbours' activity (mostly round
/// contributions, one event per project funded) spread evenly over the requested number of blocks, a round finalised
/// and paid out halfway and the other two finalised at the end. Transactions are signed locally and handed to the node
/// in batches with automining off, a block of them every few blocks (<see cref="BenchTransactionQueue"/>).
/// </summary>
/// <remarks>
/// Anvil computes the full state root for every block it mines, empty ones too, so its time per block grows with the
/// chain's storage; that, not sending transactions, is most of the seeding time. Start the devnet with
/// <see cref="AnvilArguments"/> (through <see cref="DevnetOptions.ExtraArguments"/>): on Anvil's default hardfork the
/// system contracts add a storage slot per block, and without pruning Anvil copies the whole state for every block.
/// </remarks>
internal static class IndexBenchSeeder
{
    /// <summary>A block with transactions every this many blocks, on average.</summary>
    public const int BlocksPerStep = 4;

    private static readonly BigInteger Ether = BigInteger.Pow(10, 18);

    /// <summary>
    /// Anvil arguments for a seeded chain: the hardfork AidDao's contracts are compiled for (<c>cancun</c>, as in
    /// <c>hardhat.config.js</c>) and <c>--prune-history</c> (no state kept for past blocks: logs, receipts and blocks
    /// stay, but calls at a past block fail). Together they make seeding 50,000 events over 10,000 blocks several times faster.
    /// </summary>
    public static IReadOnlyList<string> AnvilArguments { get; } = ["--hardfork", "cancun", "--prune-history"];

    /// <summary>
    /// Seeds <paramref name="devnet"/> with at least <paramref name="targetEvents"/> AidDao events over at least
    /// <paramref name="targetBlocks"/> blocks, then counts the events exactly with <c>eth_getLogs</c> and checks that
    /// every transaction it sent ran. Meant for a fresh Anvil started with <see cref="AnvilArguments"/> (its ten funded
    /// dev accounts act, 64 generated accounts are funded with <c>anvil_setBalance</c>, and the chain's clock moves about
    /// seventy days); automining is off while it runs and on again afterwards.
    /// </summary>
    /// <param name="devnet">An Anvil devnet.</param>
    /// <param name="targetEvents">At least this many events (100 to 5,000,000); the count may pass it by a little.</param>
    /// <param name="targetBlocks">At least this many blocks from the first deployment block (100 to 1,000,000).</param>
    /// <param name="progress">Told, in a sentence, how far seeding has come.</param>
    /// <param name="ct">Cancels seeding between blocks.</param>
    /// <exception cref="InvalidOperationException">The node refused a call or a seeded transaction did not run.</exception>
    public static async Task<SeededChain> SeedAsync(Devnet devnet, int targetEvents, int targetBlocks, IProgress<string>? progress, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(devnet);
        ArgumentOutOfRangeException.ThrowIfLessThan(targetEvents, 100);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(targetEvents, 5_000_000);
        ArgumentOutOfRangeException.ThrowIfLessThan(targetBlocks, 100);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(targetBlocks, 1_000_000);
        var clock = Stopwatch.StartNew();
        using var rpc = new BenchRpc(devnet.RpcUrl);
        var cast = new IndexBenchCast(devnet.Accounts);
        var firstBlock = BenchRpc.Quantity(await rpc.CallAsync("eth_blockNumber", [], ct).ConfigureAwait(false)) + 1;

        progress?.Report("Deploying AidDao and setting up the community, its pool and three rounds.");
        var chain = await IndexBenchSetup.RunAsync(devnet, cast, ct).ConfigureAwait(false);
        await rpc.BatchAsync([.. cast.Neighbours.Select(n => ("anvil_setBalance", new object?[] { n.Address, new HexBigInteger(10_000 * Ether).HexValue }))],
            i => $"anvil_setBalance for {cast.Neighbours[i].Address}", ct).ConfigureAwait(false);

        var projects = Math.Clamp(targetEvents / 200, 3, RoundConfiguration.MaxProjectsLimit);
        var voiceProjects = Math.Clamp(targetEvents / 2_000, 3, 25);
        BenchTransactionQueue queue;
        await rpc.CallAsync("evm_setAutomine", [false], ct).ConfigureAwait(false);
        try
        {
            queue = await BenchTransactionQueue.CreateAsync(rpc, devnet.ChainId, [.. cast.Signers.Select(s => s.PrivateKey)], ct).ConfigureAwait(false);
            var random = new Random(2026);
            var rounds = new IndexBenchRounds(queue, cast, random);
            var spring = rounds.Add(chain.Spring.Round.Value, "Spring Projects", quadraticVoting: false, claimsTokens: true, projects);
            var autumn = rounds.Add(chain.Autumn.Round.Value, "Autumn Projects", quadraticVoting: false, claimsTokens: false, projects);
            var voice = rounds.Add(chain.Voice.Round.Value, "Neighbourhood Priorities", quadraticVoting: true, claimsTokens: false, voiceProjects);
            var activity = new IndexBenchActivity(queue, cast, rounds, chain.Community.Value, chain.Token.Value, chain.Pool.Value, random);
            await rounds.ApplyAndReviewAsync(ct).ConfigureAwait(false);
            await queue.MineAtAsync(chain.VotingStart.ToUnixTimeSeconds(), ct).ConfigureAwait(false);
            await activity.FundAsync(ct).ConfigureAwait(false);

            // The end: a jump past the last voting window and the two finalisations, in two blocks.
            var endEvents = projects + 1 + voiceProjects + 1;
            var loopStart = queue.BlockNumber + 1;
            var loopBlocks = Math.Max(1, targetBlocks - (loopStart - firstBlock) - 2);
            var steps = Math.Max(1, loopBlocks / BlocksPerStep);
            for (var step = 0; step < steps; step++)
            {
                ct.ThrowIfCancellationRequested();
                if (step == steps / 2 && step > 0)
                {
                    await queue.MineAtAsync(chain.SpringFinalizeFrom.ToUnixTimeSeconds(), ct).ConfigureAwait(false);
                    rounds.Close(spring);
                    await rounds.FinalizeAsync(spring, ct).ConfigureAwait(false);
                    await queue.MineAsync(1, ct).ConfigureAwait(false);
                    await rounds.PayOutAsync(spring, ct).ConfigureAwait(false);
                }
                var remaining = targetEvents - endEvents - queue.PredictedEvents;
                await activity.StepAsync(Math.Max(1, remaining / (double)(steps - step)), ct).ConfigureAwait(false);
                var nextStepBlock = loopStart + (long)(step + 1) * loopBlocks / steps;
                await queue.MineAsync((int)Math.Max(1, nextStepBlock - 1 - queue.BlockNumber), ct).ConfigureAwait(false);
                if ((step + 1) % Math.Max(1, steps / 10) == 0)
                {
                    progress?.Report(string.Create(CultureInfo.InvariantCulture,
                        $"Seeded up to block {queue.BlockNumber} ({100 * (step + 1) / steps}%): {queue.Sent.Count:N0} transactions, at least {queue.PredictedEvents:N0} events."));
                }
            }

            await queue.MineAtAsync(chain.LastFinalizeFrom.ToUnixTimeSeconds(), ct).ConfigureAwait(false);
            rounds.Close(autumn);
            rounds.Close(voice);
            await rounds.FinalizeAsync(autumn, ct).ConfigureAwait(false);
            await rounds.FinalizeAsync(voice, ct).ConfigureAwait(false);
            await queue.MineAsync(1, ct).ConfigureAwait(false);
            var missing = targetBlocks - (queue.BlockNumber - firstBlock + 1);
            if (missing > 0) await queue.MineAsync((int)missing, ct).ConfigureAwait(false);
        }
        catch
        {
            await RestoreAutomineAsync(rpc, rethrow: false).ConfigureAwait(false);
            throw;
        }
        await RestoreAutomineAsync(rpc, rethrow: true).ConfigureAwait(false);

        progress?.Report("Counting the seeded events with eth_getLogs.");
        var lastBlock = BenchRpc.Quantity(await rpc.CallAsync("eth_blockNumber", [], ct).ConfigureAwait(false));
        var count = await SeededLogCounter.CountAsync(rpc, chain.Contracts, firstBlock, lastBlock, ct).ConfigureAwait(false);
        await SeededLogCounter.RequireAllRanAsync(rpc, queue.Sent, count.Transactions, ct).ConfigureAwait(false);
        if (count.Total < targetEvents || lastBlock - firstBlock + 1 < targetBlocks)
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                $"Seeding produced {count.Total:N0} events over {lastBlock - firstBlock + 1:N0} blocks, short of {targetEvents:N0} over {targetBlocks:N0}: the events counted per transaction in IndexBenchActivity and IndexBenchRounds are too high."));
        }
        return new SeededChain(chain.Deployment, chain.Community, chain.Token, chain.Pool, [chain.Spring.Round, chain.Autumn.Round, chain.Voice.Round],
            chain.Contracts, firstBlock, lastBlock, count.Total, count.ByContract, queue.Sent.Count, clock.Elapsed.TotalSeconds);
    }

    private static async Task RestoreAutomineAsync(BenchRpc rpc, bool rethrow)
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await rpc.CallAsync("evm_setAutomine", [true], limit.Token).ConfigureAwait(false);
        }
        catch (Exception) when (!rethrow)
        {
            // Already failing: the first error is the one to report.
        }
    }
}
