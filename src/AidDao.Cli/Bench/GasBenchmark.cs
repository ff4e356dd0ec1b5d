using System.Globalization;
using System.Numerics;
using AidDao.Contracts.Testing.GasFloor.ContractDefinition;
using AidDao.Core;
using AidDao.Core.Chain;
using AidDao.Core.Communities;
using AidDao.Core.Transactions;
using Nethereum.RPC.Eth.DTOs;
using Nethereum.Web3;
using GasFloorContract = AidDao.Contracts.Testing.GasFloor.GasFloorService;
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

    /// <summary>Runs the scenario on <paramref name="devnet"/> and returns the rows in report order.</summary>
    public static async Task<IReadOnlyList<GasRow>> RunAsync(Devnet devnet, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(devnet);
        var ct = cancellationToken;
        var rows = new List<GasRow>();
        var web3 = Enumerable.Range(0, 10).Select(i => devnet.CreateWeb3(devnet.Accounts[i])).ToArray();
        EthAddress A(int i) => EthAddress.FromChain(devnet.Accounts[i].Address);
        void Row(string contract, string operation, string @case, BigInteger gas, BigInteger? floor = null) =>
            rows.Add(new GasRow(contract, operation, @case, Text(gas), floor is { } f ? Text(f) : "-"));
        void Note(string contract, string operation, string @case, string gas) => rows.Add(new GasRow(contract, operation, @case, gas, "-"));

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
        Row(FactoryName, "deploy", "factory (once per chain)", deployment.Transactions[2].GasUsed);

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
        return rows;
    }

    private static async Task<BigInteger> Gas(Func<CancellationTokenSource, Task<TransactionReceipt>> send, CancellationToken ct) =>
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

    private static string Text(BigInteger gas) => gas.ToString("N0", CultureInfo.InvariantCulture);
}
