using System.Numerics;
using AidDao.Contracts.FundingRound.ContractDefinition;
using AidDao.Contracts.Testing.GasFloor.ContractDefinition;
using AidDao.Contracts.RoundFactory.ContractDefinition;
using RoundSetup = AidDao.Contracts.RoundFactory.ContractDefinition.RoundSetup;
using AidDao.Core;
using AidDao.Core.Chain;
using AidDao.Core.Communities;
using AidDao.Core.Transactions;
using Nethereum.Contracts;
using Nethereum.RPC.Eth.DTOs;
using GasFloorContract = AidDao.Contracts.Testing.GasFloor.GasFloorService;
using RoundContract = AidDao.Contracts.FundingRound.FundingRoundService;
using RoundFactoryContract = AidDao.Contracts.RoundFactory.RoundFactoryService;
using TestTokenContract = AidDao.Contracts.Testing.TestToken.TestTokenService;

namespace AidDao.Cli.Bench;

/// <summary>
/// Funding-round rows of the gas report: every state-changing function of FundingRound and RoundFactory, the issue's
/// targets in the case text, each beside a same-run floor (a minimal contract that only forwards the same value and
/// emits one event, or one recorded decision). Rounds belong to the pool benchmark's community (stewards 0-2, M=2,
/// members 0-4) and use its pool.
/// </summary>
internal static class RoundGasBenchmark
{
    private const string RoundName = "FundingRound";
    private const string FactoryName = "RoundFactory";
    private const ulong Day = 86_400;

    private const ulong PinnedStartStep = 1UL << 24;

    /// <summary>Appends the round rows to <paramref name="rows"/>.</summary>
    public static async Task RunAsync(Devnet devnet, Nethereum.Web3.Web3[] web3, AidDaoDeployment deployment, GasFloorContract floor,
        PoolBench bench, List<GasRow> rows, CancellationToken ct)
    {
        void Row(string operation, string @case, BigInteger gas, BigInteger? floorGas, string contract = RoundName) =>
            rows.Add(GasBenchmark.Measured(contract, operation, @case, gas, floorGas));
        string A(int i) => devnet.Accounts[i].Address;
        var ether = BigInteger.Pow(10, 18);
        var usd = BigInteger.Pow(10, 6);

        // Floors: forward the same value and emit one event; one recorded decision.
        var recordFloor = await Gas(s => floor.RecordRequestAndWaitForReceiptAsync(A(6), s), ct).ConfigureAwait(false);
        var floorAs8 = new GasFloorContract(web3[8], floor.ContractHandler.ContractAddress);
        await Gas(s => floorAs8.ForwardEthRequestAndWaitForReceiptAsync(new ForwardEthFunction { To = A(9), AmountToSend = ether / 100 }, s), ct).ConfigureAwait(false);
        var ethFloor = await Gas(s => floorAs8.ForwardEthRequestAndWaitForReceiptAsync(new ForwardEthFunction { To = A(9), AmountToSend = ether / 100 }, s), ct).ConfigureAwait(false);
        var stableAs3 = new TestTokenContract(web3[3], bench.Stablecoin.Value);
        await Gas(s => stableAs3.MintRequestAndWaitForReceiptAsync(A(3), 10_000 * usd, s), ct).ConfigureAwait(false);
        await Gas(s => stableAs3.ApproveRequestAndWaitForReceiptAsync(floor.ContractHandler.ContractAddress, 10 * usd, s), ct).ConfigureAwait(false);
        var tokenFloor = await Gas(s => new GasFloorContract(web3[3], floor.ContractHandler.ContractAddress)
            .ForwardTokenRequestAndWaitForReceiptAsync(bench.Stablecoin.Value, A(9), 10 * usd, s), ct).ConfigureAwait(false);

        Row("deploy", "implementation (once per chain)", deployment.Transactions[4].GasUsed, null);
        Row("deploy", "factory (once per chain)", deployment.Transactions[5].GasUsed, null, FactoryName);

        // Calldata gas depends on its bytes (zero bytes are cheaper), and a round's set-up carries timestamps: the rounds
        // start at a multiple of 2^24 s (about 194 days), so their set-ups hold the same bytes in every run.
        var chainNow = (ulong)(await devnet.GetBlockTimeAsync(ct).ConfigureAwait(false)).ToUnixTimeSeconds();
        var now = (chainNow / PinnedStartStep + 1) * PinnedStartStep;
        await devnet.RequestAsync("evm_setNextBlockTimestamp", [now], ct).ConfigureAwait(false);
        await devnet.MineAsync(1, ct).ConfigureAwait(false);
        var factory = new RoundFactoryContract(web3[0], deployment.RoundFactory.Value);
        async Task<(RoundContract[] As, BigInteger Gas)> CreateAsync(string asset, byte mode, ushort capBps)
        {
            var setup = new RoundSetup
            {
                Name = "Bench round", Asset = asset, EmergencyPool = bench.Pool.Value,
                ApplicationsStart = now, ApplicationsEnd = now + Day, VotingStart = now + Day, VotingEnd = now + 8 * Day,
                ReviewPeriod = Day, ClaimPeriod = 30 * Day, MinimumContribution = asset == EthAddress.Zero.Value ? ether / 1_000 : usd,
                MatchingCapBps = capBps, MaxProjects = 250, SpreadWholePool = true, Mode = mode, CreditMode = 0, CreditsPerMember = 10_000,
                TokenRate = ether,
            };
            var receipt = await ChainCall.SendAsync(s => factory.CreateRoundRequestAndWaitForReceiptAsync(bench.Community.Community.Value, setup, s), ct).ConfigureAwait(false);
            var address = receipt.DecodeAllEvents<RoundCreatedEventDTO>().Single().Event.Round;
            return ([.. web3.Select(w => new RoundContract(w, address))], receipt.GasUsed.Value);
        }

        var (qf, createGas) = await CreateAsync(EthAddress.Zero.Value, 0, 2_500).ConfigureAwait(false);
        Row("createRound", "ETH, quadratic funding (clone with immutable arguments + initialize)", createGas, null, FactoryName);
        rows.Add(GasBenchmark.Noted(RoundName, "initialize", "runs inside createRound", "in createRound"));
        var (qv, _) = await CreateAsync(EthAddress.Zero.Value, 1, 0).ConfigureAwait(false);
        var (stable, _) = await CreateAsync(bench.Stablecoin.Value, 0, 0).ConfigureAwait(false);
        var (large, _) = await CreateAsync(EthAddress.Zero.Value, 0, 500).ConfigureAwait(false);
        var steward0 = await CommunityService.ConnectAsync(web3[0], bench.Community.Community, ct).ConfigureAwait(false);
        var steward1 = await CommunityService.ConnectAsync(web3[1], bench.Community.Community, ct).ConfigureAwait(false);
        var minter = await steward0.ProposeMinterAsync(EthAddress.FromChain(qf[0].ContractHandler.ContractAddress), true, ct).ConfigureAwait(false);
        await steward1.ApproveAsync(minter.ProposalId, ct).ConfigureAwait(false);

        // Applications: recipients 5-9 (outsiders); stewards review.
        Row("applyForFunding", "a project applies", await Gas(s => qf[5].ApplyForFundingRequestAndWaitForReceiptAsync(A(5), new byte[32], s), ct).ConfigureAwait(false), recordFloor);
        for (var k = 6; k <= 8; k++) await Gas(s => qf[k].ApplyForFundingRequestAndWaitForReceiptAsync(A(k), new byte[32], s), ct).ConfigureAwait(false);
        Row("reviewProject", "approves", await Gas(s => qf[0].ReviewProjectRequestAndWaitForReceiptAsync(1, true, s), ct).ConfigureAwait(false), recordFloor);
        Row("reviewProject", "rejects", await Gas(s => qf[0].ReviewProjectRequestAndWaitForReceiptAsync(4, false, s), ct).ConfigureAwait(false), recordFloor);
        await Gas(s => qf[0].ReviewProjectRequestAndWaitForReceiptAsync(2, true, s), ct).ConfigureAwait(false);
        await Gas(s => qf[0].ReviewProjectRequestAndWaitForReceiptAsync(3, true, s), ct).ConfigureAwait(false);
        foreach (var round in new[] { qv, stable })
        {
            for (var k = 5; k <= 7; k++) await Gas(s => round[k].ApplyForFundingRequestAndWaitForReceiptAsync(A(k), new byte[32], s), ct).ConfigureAwait(false);
            for (var id = 1; id <= 3; id++) await Gas(s => round[0].ReviewProjectRequestAndWaitForReceiptAsync(id, true, s), ct).ConfigureAwait(false);
        }
        const int LargeProjects = 100;
        for (var k = 0; k < LargeProjects; k++)
        {
            await Gas(s => large[9].ApplyForFundingRequestAndWaitForReceiptAsync(A(5 + k % 5), new byte[32], s), ct).ConfigureAwait(false);
            await Gas(s => large[1].ReviewProjectRequestAndWaitForReceiptAsync(k + 1, true, s), ct).ConfigureAwait(false);
        }

        await devnet.IncreaseTimeAsync(TimeSpan.FromSeconds(Day + 60), ct).ConfigureAwait(false);
        Row("fundMatching", "ETH, first funder", await Gas(s => qf[9].FundMatchingRequestAndWaitForReceiptAsync(new FundMatchingFunction { Amount = 10 * ether, AmountToSend = 10 * ether }, s), ct).ConfigureAwait(false), ethFloor);
        Row("fundMatching", "ETH, same funder again", await Gas(s => qf[9].FundMatchingRequestAndWaitForReceiptAsync(new FundMatchingFunction { Amount = ether, AmountToSend = ether }, s), ct).ConfigureAwait(false), ethFloor);
        await Gas(s => qv[9].FundMatchingRequestAndWaitForReceiptAsync(new FundMatchingFunction { Amount = 5 * ether, AmountToSend = 5 * ether }, s), ct).ConfigureAwait(false);
        await Gas(s => large[9].FundMatchingRequestAndWaitForReceiptAsync(new FundMatchingFunction { Amount = 50 * ether, AmountToSend = 50 * ether }, s), ct).ConfigureAwait(false);

        // Contributions (ETH). Member 4 funds project 1 first so the measured member meets an active project.
        Task<BigInteger> To(int account, int project, BigInteger amount) =>
            Gas(s => qf[account].ContributeToRequestAndWaitForReceiptAsync(new ContributeToFunction { ProjectId = project, Amount = amount, AmountToSend = amount }, s), ct);
        Task<BigInteger> Batch(RoundContract[] round, int account, int[] projects, BigInteger each) =>
            Gas(s => round[account].ContributeRequestAndWaitForReceiptAsync(new ContributeFunction
            {
                ProjectIds = [.. projects.Select(p => new BigInteger(p))], Amounts = [.. projects.Select(_ => each)], AmountToSend = each * projects.Length,
            }, s), ct);
        await To(4, 1, ether).ConfigureAwait(false);
        var first = await To(3, 1, ether).ConfigureAwait(false);
        Row("contributeTo", "ETH, member, a project they have not funded (target ≤ 70,000)", first, ethFloor);
        var repeat = await To(3, 1, ether).ConfigureAwait(false);
        Row("contributeTo", "ETH, member, the same project again (target ≤ 45,000)", repeat, ethFloor);
        Row("contributeTo", "ETH, non-member (reaches the project, unmatched)", await To(6, 2, ether).ConfigureAwait(false), ethFloor);
        var batch1 = await Batch(qf, 2, [1], ether).ConfigureAwait(false);
        Row("contribute", "ETH batch, member, 1 new project", batch1, ethFloor);
        var batch3 = await Batch(qf, 0, [1, 2, 3], ether).ConfigureAwait(false);
        Row("contribute", "ETH batch, member, 3 new projects", batch3, ethFloor);
        rows.Add(new GasRow(RoundName, "contribute", "each extra new project in a batch, (3 − 1 projects) / 2 (target ≤ 30,000)",
            GasBenchmark.Text((batch3 - batch1) / 2), "-"));
        await Batch(qf, 1, [2, 3], ether).ConfigureAwait(false);

        // Contributions (ERC-20): approved before, as a wallet does.
        var stableRound = stable[0].ContractHandler.ContractAddress;
        await Gas(s => new TestTokenContract(web3[4], bench.Stablecoin.Value).MintRequestAndWaitForReceiptAsync(A(4), 100 * usd, s), ct).ConfigureAwait(false);
        await Gas(s => new TestTokenContract(web3[4], bench.Stablecoin.Value).ApproveRequestAndWaitForReceiptAsync(stableRound, 100 * usd, s), ct).ConfigureAwait(false);
        await Gas(s => stable[4].ContributeToRequestAndWaitForReceiptAsync(1, 10 * usd, s), ct).ConfigureAwait(false);
        await Gas(s => stableAs3.ApproveRequestAndWaitForReceiptAsync(stableRound, 20 * usd, s), ct).ConfigureAwait(false);
        Row("contributeTo", "ERC-20, member, a project they have not funded (target ≤ 85,000)",
            await Gas(s => stable[3].ContributeToRequestAndWaitForReceiptAsync(1, 10 * usd, s), ct).ConfigureAwait(false), tokenFloor);
        Row("contributeTo", "ERC-20, member, the same project again",
            await Gas(s => stable[3].ContributeToRequestAndWaitForReceiptAsync(1, 10 * usd, s), ct).ConfigureAwait(false), tokenFloor);

        // Quadratic voting (equal credits).
        Task<BigInteger> Vote(int account, int project, int credits) =>
            Gas(s => qv[account].VoteRequestAndWaitForReceiptAsync([project], [credits], s), ct);
        await Vote(4, 1, 100).ConfigureAwait(false);
        Row("vote", "member's first vote in the round (sets their credit budget)", await Vote(3, 1, 100).ConfigureAwait(false), recordFloor);
        Row("vote", "member, another project (target ≤ 70,000)", await Vote(3, 2, 100).ConfigureAwait(false), recordFloor);
        Row("vote", "member, the same project again", await Vote(3, 2, 44).ConfigureAwait(false), recordFloor);
        await Vote(2, 3, 400).ConfigureAwait(false);

        // The large round: 100 projects, members 1-4 each fund every project (batch), a few get more.
        var all = Enumerable.Range(1, LargeProjects).ToArray();
        for (var account = 1; account <= 4; account++) await Batch(large, account, all, ether / 100 * account).ConfigureAwait(false);
        await Batch(large, 0, [1, 2, 3], 20 * ether).ConfigureAwait(false);

        await devnet.IncreaseTimeAsync(TimeSpan.FromSeconds(8 * Day), ct).ConfigureAwait(false);
        Row("finalize", "3 projects with contributions (cap 25%)", await Gas(s => qf[8].FinalizeRequestAndWaitForReceiptAsync(s), ct).ConfigureAwait(false), null);
        Row("finalize", "100 projects with contributions, cap 5% binds (target ≤ 3,000,000)", await Gas(s => large[8].FinalizeRequestAndWaitForReceiptAsync(s), ct).ConfigureAwait(false), null);
        Row("finalize", "quadratic voting, 3 projects", await Gas(s => qv[8].FinalizeRequestAndWaitForReceiptAsync(s), ct).ConfigureAwait(false), null);

        Row("claim", "ETH, by the recipient, to itself (target ≤ 60,000)", await Gas(s => qf[5].ClaimRequestAndWaitForReceiptAsync(1, A(5), s), ct).ConfigureAwait(false), ethFloor);
        Row("distribute", "ETH, pushes to the 2 other approved projects", await Gas(s => qf[8].DistributeRequestAndWaitForReceiptAsync(0, 3, s), ct).ConfigureAwait(false), 2 * ethFloor);
        Row("claimTokens", "member, 2 projects (mints accrued contribution tokens)", await Gas(s => qf[3].ClaimTokensRequestAndWaitForReceiptAsync([1, 2], s), ct).ConfigureAwait(false), null);
        Row("sweep", "remainder to the emergency pool (ETH deposit)", await Gas(s => qf[8].SweepRequestAndWaitForReceiptAsync(s), ct).ConfigureAwait(false), ethFloor);

        // Cancel and refunds: the stablecoin round (3 approved projects).
        Row("approveCancel", "counted (1 of M=2)", await Gas(s => stable[0].ApproveCancelRequestAndWaitForReceiptAsync(s), ct).ConfigureAwait(false), recordFloor);
        Row("approveCancel", "reaches M=2, cancels (marks 3 projects)", await Gas(s => stable[1].ApproveCancelRequestAndWaitForReceiptAsync(s), ct).ConfigureAwait(false), recordFloor);
        Row("refundContributions", "ERC-20, 2 contributor-project pairs", await Gas(s => stable[8].RefundContributionsRequestAndWaitForReceiptAsync([A(3), A(4)], [1, 1], s), ct).ConfigureAwait(false), 2 * tokenFloor);
    }

    private static Task<BigInteger> Gas(Func<CancellationTokenSource, Task<TransactionReceipt>> send, CancellationToken ct) =>
        GasBenchmark.Gas(send, ct);
}
