using AidDao.Contracts.Community.ContractDefinition;
using AidDao.Contracts.CommunityFactory.ContractDefinition;
using AidDao.Contracts.ContributionToken.ContractDefinition;
using AidDao.Contracts.EmergencyPool.ContractDefinition;
using AidDao.Contracts.FundingRound.ContractDefinition;
using AidDao.Contracts.RoundFactory.ContractDefinition;
using System.Globalization;
using AidDao.Core.Transactions;
using Nethereum.Hex.HexTypes;
using Nethereum.RPC.Eth.DTOs;
using Nethereum.Util;
using Nethereum.Web3;

namespace AidDao.Core.Communities;

/// <summary>
/// Deploys AidDao's shared contracts on a chain: the Community, ContributionToken and EmergencyPool implementations
/// (never used directly; communities and pools are clones of them) and the CommunityFactory that makes the clones;
/// then the FundingRound implementation and the RoundFactory that makes rounds for those communities.
/// </summary>
public static partial class AidDaoDeployer
{
    /// <summary>
    /// Deploys the implementations and the factories as <paramref name="web3"/>'s account, estimating each transaction
    /// as it goes (for tests and the local dev chain; on a real network, plan first with <see cref="PlanAsync"/>).
    /// </summary>
    public static async Task<AidDaoDeployment> DeployAsync(IWeb3 web3, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(web3);
        var chainId = await ChainCall.QueryAsync(() => web3.Eth.ChainId.SendRequestAsync(), cancellationToken).ConfigureAwait(false);
        var community = await ChainCall.SendAsync(source => web3.Eth.GetContractDeploymentHandler<CommunityDeployment>()
            .SendRequestAndWaitForReceiptAsync(new CommunityDeployment(), source), cancellationToken).ConfigureAwait(false);
        var token = await ChainCall.SendAsync(source => web3.Eth.GetContractDeploymentHandler<ContributionTokenDeployment>()
            .SendRequestAndWaitForReceiptAsync(new ContributionTokenDeployment(), source), cancellationToken).ConfigureAwait(false);
        var pool = await ChainCall.SendAsync(source => web3.Eth.GetContractDeploymentHandler<EmergencyPoolDeployment>()
            .SendRequestAndWaitForReceiptAsync(new EmergencyPoolDeployment(), source), cancellationToken).ConfigureAwait(false);
        var factory = await ChainCall.SendAsync(source => web3.Eth.GetContractDeploymentHandler<CommunityFactoryDeployment>()
            .SendRequestAndWaitForReceiptAsync(new CommunityFactoryDeployment
            {
                Communityimplementation = community.ContractAddress,
                Tokenimplementation = token.ContractAddress,
                Poolimplementation = pool.ContractAddress,
            }, source), cancellationToken).ConfigureAwait(false);
        // The round implementation names the factory allowed to set up its clones, and the factory checks it: the
        // factory's address follows from the deployer's address and the nonce after the implementation's.
        var deployer = web3.TransactionManager.Account.Address;
        var nonce = await ChainCall.QueryAsync(() => web3.Eth.Transactions.GetTransactionCount.SendRequestAsync(deployer, BlockParameter.CreatePending()),
            cancellationToken).ConfigureAwait(false);
        var futureFactory = ContractUtils.CalculateContractAddress(deployer, nonce.Value + 1);
        var round = await ChainCall.SendAsync(source => web3.Eth.GetContractDeploymentHandler<FundingRoundDeployment>()
            .SendRequestAndWaitForReceiptAsync(new FundingRoundDeployment { Factory = futureFactory }, source), cancellationToken).ConfigureAwait(false);
        var roundFactory = await ChainCall.SendAsync(source => web3.Eth.GetContractDeploymentHandler<RoundFactoryDeployment>()
            .SendRequestAndWaitForReceiptAsync(new RoundFactoryDeployment
            {
                Communityfactory = factory.ContractAddress,
                Roundimplementation = round.ContractAddress,
            }, source), cancellationToken).ConfigureAwait(false);
        return new AidDaoDeployment((long)chainId.Value, EthAddress.FromChain(factory.ContractAddress),
            EthAddress.FromChain(community.ContractAddress), EthAddress.FromChain(token.ContractAddress),
            EthAddress.FromChain(pool.ContractAddress), EthAddress.FromChain(roundFactory.ContractAddress),
            EthAddress.FromChain(round.ContractAddress),
            [community.Outcome(), token.Outcome(), pool.Outcome(), factory.Outcome(), round.Outcome(), roundFactory.Outcome()]);
    }

    /// <summary>How long <see cref="DeployAsync(IWeb3, AidDaoDeploymentPlan, IProgress{DeploymentStep}?, TimeSpan?, CancellationToken)"/> waits for each receipt unless told otherwise.</summary>
    public static TimeSpan DefaultReceiptTimeout { get; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Sends the transactions of <paramref name="plan"/> (made by <see cref="PlanAsync"/> for the same account, and
    /// best refreshed by <see cref="RefreshAsync"/> just before) one after another with the planned nonces and gas limits
    /// and the plan's fees, waiting up to <paramref name="receiptTimeout"/> (default <see cref="DefaultReceiptTimeout"/>)
    /// for each receipt; <paramref name="progress"/> hears of each transaction when it is sent and when it is mined.
    /// Refuses, sending nothing, when the account has sent another transaction since the plan (the planned addresses
    /// would no longer hold). Once something was sent, every failure (a refusal, a revert, a receipt that does not come
    /// in time, cancellation) is a <see cref="DeploymentIncompleteException"/> holding the contracts mined before it.
    /// </summary>
    public static async Task<AidDaoDeployment> DeployAsync(IWeb3 web3, AidDaoDeploymentPlan plan, IProgress<DeploymentStep>? progress = null,
        TimeSpan? receiptTimeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(web3);
        ArgumentNullException.ThrowIfNull(plan);
        if (receiptTimeout is { } given) ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(given, TimeSpan.Zero, nameof(receiptTimeout));
        var timeout = receiptTimeout ?? DefaultReceiptTimeout;
        var from = web3.TransactionManager?.Account?.Address ?? throw new ArgumentException("The client has no account to deploy as.", nameof(web3));
        if (EthAddress.FromChain(from) != plan.Deployer) throw new ArgumentException($"The plan is for {plan.Deployer}, not {from}.", nameof(plan));
        var nonce = (await ChainCall.QueryAsync(() => web3.Eth.Transactions.GetTransactionCount.SendRequestAsync(from, BlockParameter.CreatePending()),
            cancellationToken).ConfigureAwait(false)).Value;
        if (nonce != plan.Contracts[0].Nonce)
            throw new ChainRefusedException($"{plan.Deployer} has sent another transaction since the deployment was estimated (its next nonce is {nonce}, "
                + $"not {plan.Contracts[0].Nonce}), so the planned addresses no longer hold; nothing was sent: run the deployment again.");

        var outcomes = new List<TransactionOutcome>(plan.Contracts.Count);
        var mined = new Dictionary<AidDaoContract, DeployedContract>();
        foreach (var planned in plan.Contracts)
        {
            var step = new DeploymentStep(planned.Contract, outcomes.Count + 1, plan.Contracts.Count, "", null);
            string? hash = null;
            TransactionReceipt receipt;
            try
            {
                receipt = await ChainCall.SendAsync(async source =>
                {
                    hash = await web3.TransactionManager.SendTransactionAsync(Input(from, plan, planned)).ConfigureAwait(false);
                    step = step with { TransactionHash = hash };
                    progress?.Report(step);
                    source.CancelAfter(timeout);
                    return await web3.TransactionManager.TransactionReceiptService.PollForReceiptAsync(hash, source.Token).ConfigureAwait(false);
                }, cancellationToken).ConfigureAwait(false);
                if (!string.Equals(receipt.ContractAddress, planned.Address.Value, StringComparison.OrdinalIgnoreCase))
                    throw new ChainRefusedException($"Transaction {receipt.TransactionHash} created {receipt.ContractAddress}, not the planned {planned.Address}.");
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested && mined.Count == 0 && hash is null)
            {
                throw;  // Nothing was sent: a plain cancellation.
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                var pending = exception is OperationCanceledException && hash is not null ? hash : null;
                throw new DeploymentIncompleteException(StopMessage(plan, planned, step.Number, hash, timeout, exception, cancellationToken),
                    plan.ChainId, plan.Deployer, planned.Contract, mined, pending, exception);
            }
            var outcome = receipt.Outcome();
            outcomes.Add(outcome);
            mined[planned.Contract] = new DeployedContract(planned.Address, (long)outcome.BlockNumber, outcome.TransactionHash);
            progress?.Report(step with { Mined = outcome });
        }
        return new AidDaoDeployment(plan.ChainId, plan.AddressOf(AidDaoContract.CommunityFactory),
            plan.AddressOf(AidDaoContract.CommunityImplementation), plan.AddressOf(AidDaoContract.TokenImplementation),
            plan.AddressOf(AidDaoContract.PoolImplementation), plan.AddressOf(AidDaoContract.RoundFactory),
            plan.AddressOf(AidDaoContract.RoundImplementation), outcomes);
    }

    /// <summary>The transaction of <paramref name="planned"/> with the plan's nonce, gas limit and fees.</summary>
    private static TransactionInput Input(string from, AidDaoDeploymentPlan plan, PlannedContract planned)
    {
        var input = new TransactionInput
        {
            From = from,
            Data = DeploymentData(planned.Contract, plan.AddressOf),
            Gas = new HexBigInteger(planned.GasLimit),
            Nonce = new HexBigInteger(planned.Nonce),
            Value = new HexBigInteger(0),
        };
        if (plan.Fee.IsEip1559)
        {
            input.Type = new HexBigInteger(2);
            input.MaxFeePerGas = new HexBigInteger(plan.Fee.MaxFeePerGas);
            input.MaxPriorityFeePerGas = new HexBigInteger(plan.Fee.MaxPriorityFeePerGas!.Value);
        }
        else
        {
            input.GasPrice = new HexBigInteger(plan.Fee.MaxFeePerGas);
        }
        return input;
    }

    /// <summary>Why the deployment stopped at <paramref name="planned"/>, and what to do.</summary>
    private static string StopMessage(AidDaoDeploymentPlan plan, PlannedContract planned, int number, string? hash, TimeSpan timeout, Exception exception,
        CancellationToken cancellationToken)
    {
        var which = string.Create(CultureInfo.InvariantCulture, $"the {Describe(planned.Contract)} (transaction {number} of {plan.Contracts.Count}, nonce {planned.Nonce})");
        if (exception is OperationCanceledException && cancellationToken.IsCancellationRequested)
            return hash is null
                ? $"The deployment was stopped before sending {which}."
                : $"The deployment was stopped while waiting for transaction {hash}, {which}; it may still be mined.";
        if (exception is OperationCanceledException && hash is not null)
            return string.Create(CultureInfo.InvariantCulture,
                $"Transaction {hash}, {which}, was sent but not mined within {Duration(timeout)}, and is still pending: its fee may be too low for the chain now, "
                + $"or an earlier transaction of {plan.Deployer} is stuck before it. Wait until it is mined or dropped (look it up on a block explorer), or replace it "
                + $"with a transaction of nonce {planned.Nonce} and a higher fee; then deploy again (give a longer --receipt-timeout on a slow chain).");
        var reason = exception is AidDaoException ? exception.Message.TrimEnd('.') : $"{exception.GetType().Name}: {exception.Message.TrimEnd('.')}";
        return hash is null
            ? $"Sending {which} failed: {reason}."
            : $"Transaction {hash}, {which}, failed: {reason}.";
    }

    private static string Duration(TimeSpan timeout) => timeout.TotalSeconds % 60 == 0
        ? string.Create(CultureInfo.InvariantCulture, $"{timeout.TotalMinutes:0} min")
        : string.Create(CultureInfo.InvariantCulture, $"{timeout.TotalSeconds:0.#} s");
}
