using System.Globalization;
using System.Numerics;
using AidDao.Contracts.Testing.GasFloor.ContractDefinition;
using AidDao.Core;
using AidDao.Core.Chain;
using AidDao.Core.Communities;
using AidDao.Core.Pools;
using AidDao.Core.Transactions;
using Nethereum.RPC.Eth.DTOs;
using Nethereum.Web3;
using GasFloorContract = AidDao.Contracts.Testing.GasFloor.GasFloorService;
using PoolContract = AidDao.Contracts.EmergencyPool.EmergencyPoolService;
using TestTokenContract = AidDao.Contracts.Testing.TestToken.TestTokenService;
using TestTokenDeployment = AidDao.Contracts.Testing.TestToken.ContractDefinition.TestTokenDeployment;
using TokenContract = AidDao.Contracts.ContributionToken.ContributionTokenService;

namespace AidDao.Cli.Bench;

/// <summary>
/// Calls every state-changing function of AidDao's contracts on a chain, in the cases that cost differently, and reports
/// each transaction's gas beside a baseline from <c>GasFloor</c> measured in the same run.
/// </summary>
internal static class GasBenchmark
{
    private const string CommunityName = "Community";
    private const string TokenName = "ContributionToken";
    private const string FactoryName = "CommunityFactory";
    private const string PoolName = "EmergencyPool";

    /// <summary>Runs the scenario on <paramref name="devnet"/> and returns the rows in report order.</summary>
    public static async Task<IReadOnlyList<GasRow>> RunAsync(Devnet devnet, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(devnet);
        var ct = cancellationToken;
        var rows = new List<GasRow>();
        var web3 = Enumerable.Range(0, 10).Select(i => devnet.CreateWeb3(devnet.Accounts[i])).ToArray();
        EthAddress A(int i) => EthAddress.FromChain(devnet.Accounts[i].Address);
        void Row(string contract, string operation, string @case, BigInteger gas, BigInteger? floor = null) => rows.Add(Measured(contract, operation, @case, gas, floor));
        void Note(string contract, string operation, string @case, string gas) => rows.Add(Noted(contract, operation, @case, gas));

        // Deployment (once per chain) and the floors.
        var deployment = await AidDaoDeployer.DeployAsync(web3[0], ct).ConfigureAwait(false);
        var floorReceipt = await ChainCall.SendAsync(s => web3[0].Eth.GetContractDeploymentHandler<GasFloorDeployment>()
            .SendRequestAndWaitForReceiptAsync(new GasFloorDeployment(), s), ct).ConfigureAwait(false);
        var floor = new GasFloorContract(web3[0], floorReceipt.ContractAddress);
        var cloneFloor = await Gas(s => floor.CloneTwoRequestAndWaitForReceiptAsync(deployment.CommunityImplementation, deployment.TokenImplementation, s), ct).ConfigureAwait(false);
        var mintNewFloor = await Gas(s => floor.MintRequestAndWaitForReceiptAsync(A(7), ContributionTokenService.UnitsPerToken, s), ct).ConfigureAwait(false);
        var mintAgainFloor = await Gas(s => floor.MintRequestAndWaitForReceiptAsync(A(7), ContributionTokenService.UnitsPerToken, s), ct).ConfigureAwait(false);
        var recordFloor = await Gas(s => floor.RecordRequestAndWaitForReceiptAsync(A(8), s), ct).ConfigureAwait(false);

        Row(CommunityName, "deploy", "implementation (once per chain)", deployment.Transactions[0].GasUsed);
        Row(TokenName, "deploy", "implementation (once per chain)", deployment.Transactions[1].GasUsed);
        Row(PoolName, "deploy", "implementation (once per chain)", deployment.Transactions[2].GasUsed);
        Row(FactoryName, "deploy", "factory (once per chain)", deployment.Transactions[3].GasUsed);

        // Communities: A (3 stewards, M=2, K=2, 2 members), B (2 stewards, M=1, 2 approvals to admit), C (large).
        var factory = new CommunityFactoryService(web3[0], deployment.CommunityFactory);
        var a = await factory.CreateCommunityAsync(new CommunitySettings
        {
            Name = "Bench A", TokenSymbol = "BA", Stewards = [A(0), A(1), A(2)], Threshold = 2, VouchesRequired = 2, Members = [A(3), A(4)],
        }, ct).ConfigureAwait(false);
        Row(FactoryName, "createCommunity", "3 stewards (M=2), 2 members, K=2", a.Transaction.GasUsed, cloneFloor);
        var b = await factory.CreateCommunityAsync(new CommunitySettings
        {
            Name = "Bench B", TokenSymbol = "BB", Stewards = [A(0), A(1)], Threshold = 1, AdmissionApprovals = 2,
        }, ct).ConfigureAwait(false);
        Row(FactoryName, "createCommunity", "2 stewards (M=1), no members", b.Transaction.GasUsed, cloneFloor);
        var c = await factory.CreateCommunityAsync(new CommunitySettings
        {
            Name = "Bench C", TokenSymbol = "BC", Stewards = Addresses(0x5100, 10), Threshold = 6, Members = Addresses(0x5200, 50),
        }, ct).ConfigureAwait(false);
        Row(FactoryName, "createCommunity", "10 stewards (M=6), 50 members", c.Transaction.GasUsed, cloneFloor);
        Row(FactoryName, "createCommunity", "(comparison) full deployment of both contracts, no clones",
            deployment.Transactions[0].GasUsed + deployment.Transactions[1].GasUsed);
        Note(CommunityName, "initialize", "runs inside createCommunity", "in createCommunity");
        Note(TokenName, "initialize", "runs inside createCommunity", "in createCommunity");

        async Task<CommunityService> In(CreatedCommunity community, int account) =>
            await CommunityService.ConnectAsync(web3[account], community.Community, ct).ConfigureAwait(false);
        var a0 = await In(a, 0).ConfigureAwait(false);
        var a1 = await In(a, 1).ConfigureAwait(false);
        var b0 = await In(b, 0).ConfigureAwait(false);
        var b1 = await In(b, 1).ConfigureAwait(false);

        // Admission.
        Row(CommunityName, "approveAdmission", "admits (1 of 1 approvals)", (await a0.AdmitMemberAsync(A(6), ct).ConfigureAwait(false)).Transaction.GasUsed, recordFloor);
        Row(CommunityName, "approveAdmission", "counted, not admitted (1 of 2)", (await b0.AdmitMemberAsync(A(7), ct).ConfigureAwait(false)).Transaction.GasUsed, recordFloor);
        Row(CommunityName, "approveAdmission", "admits (2 of 2 approvals)", (await b1.AdmitMemberAsync(A(7), ct).ConfigureAwait(false)).Transaction.GasUsed, recordFloor);
        var a3 = await In(a, 3).ConfigureAwait(false);
        var a4 = await In(a, 4).ConfigureAwait(false);
        Row(CommunityName, "vouch", "counted, not admitted (1 of 2)", (await a3.VouchAsync(A(8), ct).ConfigureAwait(false)).Transaction.GasUsed, recordFloor);
        Row(CommunityName, "vouch", "admits (2 of 2 vouches)", (await a4.VouchAsync(A(8), ct).ConfigureAwait(false)).Transaction.GasUsed, recordFloor);

        // Governance.
        var addSteward = await a0.ProposeAddStewardAsync(A(3), ct).ConfigureAwait(false);
        Row(CommunityName, "propose", "AddSteward, waits (1 of M=2)", addSteward.Transaction.GasUsed, recordFloor);
        Row(CommunityName, "approve", "reaches M=2, adds a steward", (await a1.ApproveAsync(addSteward.ProposalId, ct).ConfigureAwait(false)).Transaction.GasUsed, recordFloor);
        var removeSteward = await a0.ProposeRemoveStewardAsync(A(3), ct).ConfigureAwait(false);
        Row(CommunityName, "approve", "reaches M=2, removes a steward", (await a1.ApproveAsync(removeSteward.ProposalId, ct).ConfigureAwait(false)).Transaction.GasUsed, recordFloor);
        var toCancel = await a0.ProposeVouchesRequiredAsync(3, ct).ConfigureAwait(false);
        Row(CommunityName, "cancel", "pending proposal, by its proposer", (await a0.CancelAsync(toCancel.ProposalId, ct).ConfigureAwait(false)).GasUsed);
        var waiting = await a0.ProposeAdmissionApprovalsAsync(2, ct).ConfigureAwait(false);
        var lower = await a0.ProposeThresholdAsync(1, ct).ConfigureAwait(false);
        Row(CommunityName, "approve", "reaches M=2, sets the threshold", (await a1.ApproveAsync(lower.ProposalId, ct).ConfigureAwait(false)).Transaction.GasUsed, recordFloor);
        Row(CommunityName, "execute", "SetAdmissionApprovals after M was lowered to 1", (await a1.ExecuteAsync(waiting.ProposalId, ct).ConfigureAwait(false)).GasUsed, recordFloor);
        Row(CommunityName, "propose", "RemoveMember, executes at once (M=1)", (await a0.ProposeRemoveMemberAsync(A(6), ct).ConfigureAwait(false)).Transaction.GasUsed, recordFloor);
        Row(CommunityName, "propose", "SetVouchesRequired, executes at once (M=1)", (await b0.ProposeVouchesRequiredAsync(2, ct).ConfigureAwait(false)).Transaction.GasUsed, recordFloor);
        Row(CommunityName, "propose", "SetMinter, executes at once (M=1; calls the token's setMinter)", (await b0.ProposeMinterAsync(A(9), true, ct).ConfigureAwait(false)).Transaction.GasUsed, recordFloor);
        Note(TokenName, "setMinter", "runs inside Community.propose/approve/execute (SetMinter, UnsetMinter)", "in propose SetMinter");

        // Contribution tokens.
        var minter = new ContributionTokenService(web3[9], b.Token);
        var reason = new byte[32];
        Row(TokenName, "mint", "first mint to a holder (self-delegates)", (await minter.MintAsync(A(5), ContributionTokenService.UnitsPerToken, reason, ct).ConfigureAwait(false)).GasUsed, mintNewFloor);
        Row(TokenName, "mint", "to an existing holder", (await minter.MintAsync(A(5), ContributionTokenService.UnitsPerToken, reason, ct).ConfigureAwait(false)).GasUsed, mintAgainFloor);
        Row(TokenName, "attestHours", "first hours of a member (self-delegates)", (await a0.ContributionToken.AttestHoursAsync(A(4), 3, "bench", ct).ConfigureAwait(false)).Transaction.GasUsed, mintNewFloor);
        Row(TokenName, "attestHours", "more hours of the same member", (await a0.ContributionToken.AttestHoursAsync(A(4), 5, "bench", ct).ConfigureAwait(false)).Transaction.GasUsed, mintAgainFloor);
        Row(CommunityName, "propose", "UnsetMinter, executes at once (M=1; calls the token's setMinter)", (await b0.ProposeMinterAsync(A(9), false, ct).ConfigureAwait(false)).Transaction.GasUsed, recordFloor);

        var token = new TokenContract(web3[5], b.Token);
        foreach (var (operation, call) in new (string, Func<Task<string>>)[]
        {
            ("transfer", () => token.TransferRequestAsync(A(6), 1)),
            ("transferFrom", () => token.TransferFromRequestAsync(A(5), A(6), 1)),
            ("approve", () => token.ApproveRequestAsync(A(6), 1)),
            ("delegate", () => token.DelegateRequestAsync(A(6))),
            ("delegateBySig", () => token.DelegateBySigRequestAsync(A(6), 0, 0, 27, new byte[32], new byte[32])),
        })
        {
            var error = await ExpectRevertAsync(call, ct).ConfigureAwait(false);
            Note(TokenName, operation, $"always reverts ({error})", "reverts");
        }

        var bench = await PoolRowsAsync(devnet, web3, deployment, floor, rows, ct).ConfigureAwait(false);
        await RoundGasBenchmark.RunAsync(devnet, web3, deployment, floor, bench, rows, ct).ConfigureAwait(false);
        return rows;
    }

    /// <summary>
    /// Emergency pools: community D (stewards 0-2, M=2, members 3-4) with a pool for ETH and a 6-decimal test stablecoin.
    /// Floors: a plain ETH transfer (deposits and payouts of ETH), a plain ERC-20 transferFrom (token deposits), one recorded
    /// decision (requests, approvals, rejections, changes).
    /// </summary>
    private static async Task<PoolBench> PoolRowsAsync(Devnet devnet, Nethereum.Web3.Web3[] web3, AidDaoDeployment deployment, GasFloorContract floor,
        List<GasRow> rows, CancellationToken ct)
    {
        void Row(string contract, string operation, string @case, BigInteger gas, BigInteger? floor) => rows.Add(Measured(contract, operation, @case, gas, floor));
        EthAddress A(int i) => EthAddress.FromChain(devnet.Accounts[i].Address);
        var ether = BigInteger.Pow(10, 18);
        var usd = BigInteger.Pow(10, 6);
        var recordFloor = await Gas(s => floor.RecordRequestAndWaitForReceiptAsync(A(9), s), ct).ConfigureAwait(false);
        var ethFloor = (await ChainCall.SendAsync(s => web3[8].Eth.GetEtherTransferService().TransferEtherAndWaitForReceiptAsync(A(9).Value, 0.001m, cancellationToken: s.Token), ct)
            .ConfigureAwait(false)).GasUsed.Value;
        await Gas(s => floor.MintRequestAndWaitForReceiptAsync(A(8), 10 * ether, s), ct).ConfigureAwait(false);
        await Gas(s => new GasFloorContract(web3[8], floor.ContractHandler.ContractAddress).ApproveRequestAndWaitForReceiptAsync(A(9), ether, s), ct).ConfigureAwait(false);
        var transferFromFloor = await Gas(s => new GasFloorContract(web3[9], floor.ContractHandler.ContractAddress)
            .TransferFromRequestAndWaitForReceiptAsync(A(8), A(9), ether, s), ct).ConfigureAwait(false);

        var stable = await ChainCall.SendAsync(s => web3[0].Eth.GetContractDeploymentHandler<TestTokenDeployment>()
            .SendRequestAndWaitForReceiptAsync(new TestTokenDeployment { Name = "Test Dollar", Symbol = "TUSD", Decimals = 6 }, s), ct).ConfigureAwait(false);
        var stableAddress = EthAddress.FromChain(stable.ContractAddress);
        await Gas(s => new TestTokenContract(web3[7], stableAddress.Value).MintRequestAndWaitForReceiptAsync(A(7), 1_000 * usd, s), ct).ConfigureAwait(false);

        var factory = new CommunityFactoryService(web3[0], deployment.CommunityFactory);
        var d = await factory.CreateCommunityAsync(new CommunitySettings
        {
            Name = "Bench D", TokenSymbol = "BD", Stewards = [A(0), A(1), A(2)], Threshold = 2, Members = [A(3), A(4)],
        }, ct).ConfigureAwait(false);
        var created = await factory.CreatePoolAsync(d.Community, new PoolConfiguration
        {
            Name = "Bench pool",
            Assets =
            [
                new AssetRules(EthAddress.Zero, ether, 2 * ether, 10 * ether, BigInteger.Zero, ether),
                new AssetRules(stableAddress, ether * ether / usd, 500 * usd, 2_000 * usd, BigInteger.Zero, 100 * usd),
            ],
        }, ct).ConfigureAwait(false);
        Row(FactoryName, "createPool", "ETH and one ERC-20 with limits", created.Transaction.GasUsed, null);
        rows.Add(Noted(PoolName, "initialize", "runs inside createPool", "in createPool"));
        var minter = await (await CommunityService.ConnectAsync(web3[0], d.Community, ct).ConfigureAwait(false)).ProposeMinterAsync(created.Pool, true, ct).ConfigureAwait(false);
        await (await CommunityService.ConnectAsync(web3[1], d.Community, ct).ConfigureAwait(false)).ApproveAsync(minter.ProposalId, ct).ConfigureAwait(false);

        async Task<EmergencyPoolService> As(int account) => await EmergencyPoolService.ConnectAsync(web3[account], created.Pool, ct).ConfigureAwait(false);
        var accept = await (await As(0).ConfigureAwait(false)).ProposeUnpauseAsync(ct).ConfigureAwait(false);
        Row(PoolName, "proposeChange", "Unpause, waits (1 of M=2)", accept.Transaction.GasUsed, recordFloor);
        Row(PoolName, "approveChange", "reaches M=2, accepts a new pool's rules (unpauses)",
            (await (await As(1).ConfigureAwait(false)).ApproveChangeAsync(accept.ChangeId, ct).ConfigureAwait(false)).Transaction.GasUsed, recordFloor);
        var donor5 = await As(5).ConfigureAwait(false);
        var donor7 = await As(7).ConfigureAwait(false);
        Row(PoolName, "deposit", "ETH, mints to a new holder (self-delegates)", (await donor5.DepositAsync(PoolAsset.Eth, 3 * ether, ct).ConfigureAwait(false)).Transaction.GasUsed, ethFloor);
        Row(PoolName, "deposit", "ETH, mints to an existing holder", (await donor5.DepositAsync(PoolAsset.Eth, 3 * ether, ct).ConfigureAwait(false)).Transaction.GasUsed, ethFloor);
        Row(PoolName, "receive", "plain ETH transfer, mints to an existing holder", (await ChainCall.SendAsync(s => web3[5].Eth.GetEtherTransferService()
            .TransferEtherAndWaitForReceiptAsync(created.Pool.Value, 1m, gas: 300_000, cancellationToken: s.Token), ct).ConfigureAwait(false)).GasUsed.Value, ethFloor);
        var stableAsset = await donor7.GetAssetAsync(stableAddress, ct).ConfigureAwait(false);
        await new TestTokenContract(web3[7], stableAddress.Value).ApproveRequestAndWaitForReceiptAsync(created.Pool.Value, 1_000 * usd).ConfigureAwait(false);
        Row(PoolName, "depositToken", "ERC-20 (approved before), mints to a new holder", (await donor7.DepositAsync(stableAsset, 800 * usd, ct).ConfigureAwait(false)).Transaction.GasUsed, transferFromFloor);
        Row(PoolName, "depositToken", "ERC-20, mints to an existing holder", (await donor7.DepositAsync(stableAsset, 100 * usd, ct).ConfigureAwait(false)).Transaction.GasUsed, transferFromFloor);

        var member3 = await As(3).ConfigureAwait(false);
        var member4 = await As(4).ConfigureAwait(false);
        var steward0 = await As(0).ConfigureAwait(false);
        var steward1 = await As(1).ConfigureAwait(false);
        var steward2 = await As(2).ConfigureAwait(false);
        var details = DetailsHash.Of("bench");
        var first = await member3.RequestAidAsync(PoolAsset.Eth, ether, A(3), 5, details, ct).ConfigureAwait(false);
        Row(PoolName, "requestAid", "ETH", first.Transaction.GasUsed, recordFloor);
        Row(PoolName, "approve", "counted, not paid (1 of M=2)", (await steward0.ApproveAsync(first.RequestId, ct).ConfigureAwait(false)).Transaction.GasUsed, recordFloor);
        Row(PoolName, "approve", "reaches M=2 and pays ETH (approve-and-pay)", (await steward1.ApproveAsync(first.RequestId, ct).ConfigureAwait(false)).Transaction.GasUsed, ethFloor + recordFloor);
        var second = await member4.RequestAidAsync(stableAsset, 300 * usd, A(4), 4, details, ct).ConfigureAwait(false);
        Row(PoolName, "requestAid", "ERC-20", second.Transaction.GasUsed, recordFloor);
        await steward0.ApproveAsync(second.RequestId, ct).ConfigureAwait(false);
        Row(PoolName, "approve", "reaches M=2 and pays ERC-20 (approve-and-pay)", (await steward2.ApproveAsync(second.RequestId, ct).ConfigureAwait(false)).Transaction.GasUsed, transferFromFloor + recordFloor);
        var third = await member3.RequestAidAsync(PoolAsset.Eth, ether / 2, A(6), 2, details, ct).ConfigureAwait(false);
        Row(PoolName, "reject", "counted (1 of M=2)", (await steward0.RejectAsync(third.RequestId, ct).ConfigureAwait(false)).Transaction.GasUsed, recordFloor);
        Row(PoolName, "reject", "reaches M=2, declines the request", (await steward1.RejectAsync(third.RequestId, ct).ConfigureAwait(false)).Transaction.GasUsed, recordFloor);
        var fourth = await member4.RequestAidAsync(PoolAsset.Eth, ether / 10, A(7), 1, details, ct).ConfigureAwait(false);
        Row(PoolName, "cancel", "pending request, by its requester", (await member4.CancelAsync(fourth.RequestId, ct).ConfigureAwait(false)).GasUsed, recordFloor);

        var fast = await member3.RequestAidAsync(PoolAsset.Eth, ether / 2, A(8), 5, details, ct).ConfigureAwait(false);
        await steward2.ApproveAsync(fast.RequestId, ct).ConfigureAwait(false);
        var declare = await steward0.DeclareEmergencyAsync(TimeSpan.FromDays(2), "bench", ct).ConfigureAwait(false);
        Row(PoolName, "proposeChange", "DeclareEmergency, waits (1 of M=2)", declare.Transaction.GasUsed, recordFloor);
        Row(PoolName, "approveChange", "reaches M=2, declares the emergency", (await steward1.ApproveChangeAsync(declare.ChangeId, ct).ConfigureAwait(false)).Transaction.GasUsed, recordFloor);
        // A payout in the same second as the previous one updates its window checkpoint instead of adding one: move the
        // clock so the row measures the usual case, the same in every run.
        await devnet.IncreaseTimeAsync(TimeSpan.FromMinutes(1), ct).ConfigureAwait(false);
        Row(PoolName, "execute", "emergency fast path (1 approval), pays ETH", (await steward0.ExecuteAsync(fast.RequestId, ct).ConfigureAwait(false)).Transaction.GasUsed, ethFloor + recordFloor);
        Row(PoolName, "pause", "by one steward", (await steward2.PauseAsync(ct).ConfigureAwait(false)).GasUsed, recordFloor);
        var unpause = await steward0.ProposeUnpauseAsync(ct).ConfigureAwait(false);
        Row(PoolName, "approveChange", "reaches M=2, unpauses", (await steward1.ApproveChangeAsync(unpause.ChangeId, ct).ConfigureAwait(false)).Transaction.GasUsed, recordFloor);
        return new PoolBench(d, created.Pool, stableAddress);
    }

    internal static GasRow Measured(string contract, string operation, string @case, BigInteger gas, BigInteger? floor) =>
        new(contract, operation, @case, Text(gas), floor is { } f ? Text(f) : "-");

    internal static GasRow Noted(string contract, string operation, string @case, string gas) => new(contract, operation, @case, gas, "-");

    internal static async Task<BigInteger> Gas(Func<CancellationTokenSource, Task<TransactionReceipt>> send, CancellationToken ct) =>
        (await ChainCall.SendAsync(send, ct).ConfigureAwait(false)).GasUsed.Value;

    private static async Task<string> ExpectRevertAsync(Func<Task<string>> call, CancellationToken ct)
    {
        try
        {
            await ChainCall.QueryAsync(call, ct).ConfigureAwait(false);
        }
        catch (ContractRevertedException reverted)
        {
            return reverted.ErrorName;
        }
        throw new InvalidOperationException("A soulbound-token call that must revert was accepted.");
    }

    private static List<EthAddress> Addresses(int seed, int count) =>
        Enumerable.Range(seed, count).Select(i => EthAddress.Parse("0x" + i.ToString("x", CultureInfo.InvariantCulture).PadLeft(40, '0'))).ToList();

    internal static string Text(BigInteger gas) => gas.ToString("N0", CultureInfo.InvariantCulture);
}
