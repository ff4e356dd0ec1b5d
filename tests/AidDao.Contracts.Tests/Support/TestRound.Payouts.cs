using System.Numerics;
using AidDao.Contracts.RoundFactory.ContractDefinition;
using AidDao.Contracts.Testing.HostileRoundRecipient;
using AidDao.Contracts.Testing.HostileRoundRecipient.ContractDefinition;
using AidDao.Core;
using AidDao.Core.Chain;
using AidDao.Core.Rounds;
using Nethereum.Contracts;
using Nethereum.JsonRpc.Client;
using Nethereum.RPC.Eth.DTOs;
using FactoryRoundSetup = AidDao.Contracts.RoundFactory.ContractDefinition.RoundSetup;
using RoundFactoryContract = AidDao.Contracts.RoundFactory.RoundFactoryService;

namespace AidDao.Contracts.Tests.Support;

/// <summary>Helpers for a round's outcome and money out: finalise, claims, distribute, contribution tokens, cancel and refunds, sweep.</summary>
internal sealed partial class TestRound
{
    /// <summary>
    /// Creates a round with <paramref name="setup"/> through the RoundFactory as steward 0, without the builder's extras
    /// (no minter right, no projects): for assets the builder does not offer, such as the pool's fee token.
    /// </summary>
    public static async Task<TestRound> CreateAsync(Devnet devnet, TestPool pool, FactoryRoundSetup setup)
    {
        var factory = new RoundFactoryContract(pool.Web3(0), pool.Community.Deployment.RoundFactory.Value);
        var receipt = await SendAsync(s => factory.CreateRoundRequestAndWaitForReceiptAsync(pool.Community.Address.Value, setup, s));
        var address = EthAddress.FromChain(receipt.DecodeAllEvents<RoundCreatedEventDTO>().Single().Event.Round);
        return new TestRound(devnet, pool, address, setup, receipt);
    }

    /// <summary>Account <paramref name="applicantIndex"/> applies with <paramref name="recipient"/> and steward 0 approves (application window).</summary>
    public async Task<BigInteger> AddProjectAsync(int applicantIndex, string recipient)
    {
        var id = await ApplyAsync(applicantIndex, recipient);
        await ReviewAsync(0, id, approve: true);
        return id;
    }

    /// <summary>Deploys a HostileRoundRecipient aimed at this round (acting as account 0, checksummed address) in <paramref name="mode"/>.</summary>
    public async Task<HostileRoundRecipientService> DeployHostileAsync(byte mode)
    {
        var deployment = new HostileRoundRecipientDeployment { Round = Address.Value };
        var deployed = await SendAsync(s => HostileRoundRecipientService.DeployContractAndWaitForReceiptAsync(Pool.Web3(0), deployment, s));
        var hostile = new HostileRoundRecipientService(Pool.Web3(0), EthAddress.FromChain(deployed.ContractAddress).Value);
        if (mode != 0) await SetHostileModeAsync(hostile, mode);
        return hostile;
    }

    /// <summary>
    /// A HostileRoundRecipient in <paramref name="mode"/> applies as its own recipient and steward 0 approves it
    /// (application window); returns it and its project id.
    /// </summary>
    public async Task<(HostileRoundRecipientService Hostile, BigInteger ProjectId)> AddHostileProjectAsync(byte mode)
    {
        var hostile = await DeployHostileAsync(mode);
        await SendAsync(s => hostile.ApplyAsRecipientRequestAndWaitForReceiptAsync(Metadata, s));
        var id = await hostile.ProjectIdQueryAsync();
        await ReviewAsync(0, id, approve: true);
        return (hostile, id);
    }

    public static Task<TransactionReceipt> SetHostileModeAsync(HostileRoundRecipientService hostile, byte mode) =>
        SendAsync(s => hostile.SetModeRequestAndWaitForReceiptAsync(mode, s));

    public Task<TransactionReceipt> ClaimAsync(int accountIndex, BigInteger projectId, string to) =>
        SendAsync(s => As(accountIndex).ClaimRequestAndWaitForReceiptAsync(projectId, to, s));

    /// <summary>Anyone (account 8 by default) pushes payouts to positions [<paramref name="from"/>, <paramref name="to"/>) of the approved list.</summary>
    public Task<TransactionReceipt> DistributeAsync(BigInteger from, BigInteger to, int accountIndex = 8) =>
        SendAsync(s => As(accountIndex).DistributeRequestAndWaitForReceiptAsync(from, to, s));

    public Task<TransactionReceipt> ClaimTokensAsync(int accountIndex, params BigInteger[] projectIds) =>
        SendAsync(s => As(accountIndex).ClaimTokensRequestAndWaitForReceiptAsync([.. projectIds], s));

    public Task<TransactionReceipt> SweepAsync(int accountIndex = 8) =>
        SendAsync(s => As(accountIndex).SweepRequestAndWaitForReceiptAsync(s));

    /// <summary>Account 8 (a bystander) pushes refunds of the pairs (<paramref name="contributors"/>[k], <paramref name="projectIds"/>[k]).</summary>
    public Task<TransactionReceipt> RefundContributionsAsync(IReadOnlyList<string> contributors, IReadOnlyList<BigInteger> projectIds) =>
        SendAsync(s => As(8).RefundContributionsRequestAndWaitForReceiptAsync([.. contributors], [.. projectIds], s));

    /// <summary>Account 8 (a bystander) pushes matching refunds to <paramref name="funders"/>.</summary>
    public Task<TransactionReceipt> RefundMatchingAsync(params string[] funders) =>
        SendAsync(s => As(8).RefundMatchingRequestAndWaitForReceiptAsync([.. funders], s));

    public Task<TransactionReceipt> WithdrawAsync(int accountIndex, string to) =>
        SendAsync(s => As(accountIndex).WithdrawRequestAndWaitForReceiptAsync(to, s));

    public Task<BigInteger> PayoutOfAsync(BigInteger projectId) => As(0).PayoutOfQueryAsync(projectId);

    public Task<BigInteger> MatchOfAsync(BigInteger projectId) => As(0).MatchOfQueryAsync(projectId);

    public Task<byte> StatusAsync() => As(0).StatusQueryAsync();

    /// <summary>The contribution-token balance of <paramref name="account"/>.</summary>
    public Task<BigInteger> TokenBalanceAsync(string account) => Community.TokenContractAs(0).BalanceOfQueryAsync(account);

    /// <summary>Moves to the claim deadline (the first second claims are closed).</summary>
    public async Task MoveToClaimDeadlineAsync() => await MoveToAsync((await OutcomeAsync()).ClaimDeadline);

    /// <summary>Finalises at the first allowed second (votingEnd + reviewPeriod); returns the receipt.</summary>
    public async Task<TransactionReceipt> MoveToFinalizeAndFinalizeAsync()
    {
        await Pool.SetNextBlockTimeAsync(Setup.VotingEnd + Setup.ReviewPeriod);
        return await FinalizeAsync();
    }

    /// <summary>
    /// What the C# engine (<see cref="QuadraticMatching.Compute"/>) makes of the contract's own tallies (roots and eligible
    /// sums of the approved projects, in approval order) with this round's pool, cap, spread flag and mode.
    /// </summary>
    public async Task<(IReadOnlyList<BigInteger> ProjectIds, QuadraticMatchingResult Result)> EngineOutcomeAsync()
    {
        var ids = await As(0).ApprovedProjectsQueryAsync();
        var tallies = new List<ProjectTally>();
        foreach (var id in ids)
        {
            var totals = await TotalsAsync(id);
            tallies.Add(new ProjectTally(totals.Roots, totals.Eligible));
        }
        var options = new QuadraticMatchingOptions(await As(0).MatchingPoolQueryAsync(), Setup.MatchingCapBps, Setup.SpreadWholePool, (RoundMode)Setup.Mode);
        return (ids, QuadraticMatching.Compute(tallies, options));
    }

    /// <summary>Replaces the code at <paramref name="account"/> (anvil_setCode); "0x" makes it a plain account again.</summary>
    public Task SetCodeAsync(string account, string code) =>
        Pool.Web3(0).Client.SendRequestAsync(new RpcRequest(Guid.NewGuid().ToString(), "anvil_setCode", account, code));
}
