using System.Numerics;
using AidDao.Contracts.Community.ContractDefinition;
using AidDao.Contracts.CommunityFactory.ContractDefinition;
using AidDao.Contracts.ContributionToken.ContractDefinition;
using AidDao.Contracts.EmergencyPool.ContractDefinition;
using AidDao.Contracts.FundingRound.ContractDefinition;
using AidDao.Contracts.RoundFactory.ContractDefinition;
using AidDao.Core.Chain;
using AidDao.Core.Transactions;
using Nethereum.Contracts;
using Nethereum.Hex.HexConvertors.Extensions;
using Nethereum.Hex.HexTypes;
using Nethereum.JsonRpc.Client;
using Nethereum.RPC.Eth.DTOs;
using Nethereum.Util;
using Nethereum.Web3;

namespace AidDao.Core.Communities;

/// <content>
/// Planning: every address follows from the deployer's address and nonce (CREATE), so all six transactions are known
/// before the first is sent, and each is estimated up front. The two factories check, in their constructors, that the
/// contracts they are given have code, which they do not have yet; their estimates run with a state override that
/// puts the earlier contracts' real runtime code (from an <c>eth_call</c> of their creation) at the planned addresses,
/// so the node executes the same constructor the chain will. A node that does not take state overrides in
/// <c>eth_estimateGas</c> cannot estimate them; they then get a bound from their size
/// (<see cref="PlannedContract.IsUpperBound"/>).
/// </content>
public static partial class AidDaoDeployer
{
    /// <summary>Gas a factory constructor may use beyond its code and calldata when its estimate is a bound.</summary>
    private const int ConstructorAllowance = 250_000;

    /// <summary>
    /// Plans a deployment as <paramref name="web3"/>'s account: addresses, nonces, gas estimates, the fee per gas (the
    /// node's tip on top of twice the latest base fee, or the gas price on a chain without EIP-1559), the L1 data fee on
    /// an OP Stack chain (see <see cref="AidDaoDeploymentPlan.L1DataFee"/>) and the balance. Sends nothing.
    /// </summary>
    public static async Task<AidDaoDeploymentPlan> PlanAsync(IWeb3 web3, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(web3);
        var from = web3.TransactionManager?.Account?.Address ?? throw new ArgumentException("The client has no account to deploy as.", nameof(web3));
        var chainId = await ChainCall.QueryAsync(() => web3.Eth.ChainId.SendRequestAsync(), cancellationToken).ConfigureAwait(false);
        var nonce = (await ChainCall.QueryAsync(() => web3.Eth.Transactions.GetTransactionCount.SendRequestAsync(from, BlockParameter.CreatePending()),
            cancellationToken).ConfigureAwait(false)).Value;
        var contracts = Enum.GetValues<AidDaoContract>();
        var addresses = contracts.ToDictionary(c => c, c => EthAddress.FromChain(ContractUtils.CalculateContractAddress(from, nonce + (int)c)));

        var deployed = new Dictionary<string, object>();
        var planned = new List<PlannedContract>(contracts.Length);
        foreach (var contract in contracts)
        {
            var data = DeploymentData(contract, c => addresses[c]);
            // The state as it will be: the earlier contracts' code in place, and the deployer's nonce at this transaction's,
            // so the simulated creation lands on its planned address (not on the first one, which would collide).
            var state = new Dictionary<string, object>(deployed)
            {
                [from] = new Dictionary<string, string> { ["nonce"] = new HexBigInteger(nonce + (int)contract).HexValue },
            };
            var dependent = contract is AidDaoContract.CommunityFactory or AidDaoContract.RoundFactory;
            var estimate = await EstimateAsync(web3.Client, from, data, dependent ? state : null, cancellationToken).ConfigureAwait(false);
            if (estimate is null && !dependent)
                throw new ChainRefusedException($"The node cannot run the {Describe(contract)}'s deployment (its estimate fails), so it would fail on this chain too: "
                    + "check that the chain supports the Cancun EVM that AidDao is compiled for.");
            planned.Add(estimate is { } gas
                ? new PlannedContract(contract, addresses[contract], nonce + (int)contract, gas, GasMarginTransactionManager.WithMargin(gas), false)
                : new PlannedContract(contract, addresses[contract], nonce + (int)contract, UpperBound(data), UpperBound(data), true));
            if (contract != AidDaoContract.RoundFactory
                && await RuntimeCodeAsync(web3.Client, from, data, state, cancellationToken).ConfigureAwait(false) is { } code)
                deployed[addresses[contract].Value] = new Dictionary<string, string> { ["code"] = code };
        }

        var plan = new AidDaoDeploymentPlan((long)chainId.Value, EthAddress.FromChain(from), planned, new GasFee(0, null, null), 0);
        return await RefreshAsync(web3, plan, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// <paramref name="plan"/> with its fee per gas, L1 data fee and balance read again, as they are now: a plan is
    /// shown, and perhaps confirmed minutes later, when the fees may have moved. The transactions stay as planned.
    /// </summary>
    public static async Task<AidDaoDeploymentPlan> RefreshAsync(IWeb3 web3, AidDaoDeploymentPlan plan, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(web3);
        ArgumentNullException.ThrowIfNull(plan);
        var fee = await FeeAsync(web3, cancellationToken).ConfigureAwait(false);
        var l1Fee = await OpStackGasPriceOracle.L1FeeAsync(web3, plan.Contracts.Select(c => DeploymentData(c.Contract, plan.AddressOf)), cancellationToken)
            .ConfigureAwait(false);
        var balance = await ChainCall.QueryAsync(() => web3.Eth.GetBalance.SendRequestAsync(plan.Deployer.Value), cancellationToken).ConfigureAwait(false);
        return plan with { Fee = fee, Balance = balance.Value, L1DataFee = l1Fee };
    }

    /// <summary>The contract's creation code with its constructor arguments (the planned addresses of the others).</summary>
    internal static string DeploymentData(AidDaoContract contract, Func<AidDaoContract, EthAddress> at) => (contract switch
    {
        AidDaoContract.CommunityImplementation => new CommunityDeployment().GetDeploymentData(),
        AidDaoContract.TokenImplementation => new ContributionTokenDeployment().GetDeploymentData(),
        AidDaoContract.PoolImplementation => new EmergencyPoolDeployment().GetDeploymentData(),
        AidDaoContract.CommunityFactory => new CommunityFactoryDeployment
        {
            Communityimplementation = at(AidDaoContract.CommunityImplementation),
            Tokenimplementation = at(AidDaoContract.TokenImplementation),
            Poolimplementation = at(AidDaoContract.PoolImplementation),
        }.GetDeploymentData(),
        AidDaoContract.RoundImplementation => new FundingRoundDeployment { Factory = at(AidDaoContract.RoundFactory) }.GetDeploymentData(),
        AidDaoContract.RoundFactory => new RoundFactoryDeployment
        {
            Communityfactory = at(AidDaoContract.CommunityFactory),
            Roundimplementation = at(AidDaoContract.RoundImplementation),
        }.GetDeploymentData(),
        _ => throw new ArgumentOutOfRangeException(nameof(contract), contract, "Not an AidDao contract."),
    }).ToHex(prefix: true);

    /// <summary>
    /// A bound on a creation's gas from its data alone: the base cost, calldata at the EIP-7623 floor price (40 per byte,
    /// above the standard 16), EIP-3860's initcode words, 200 per byte of stored code (at most the creation code's
    /// length), and <see cref="ConstructorAllowance"/> for the constructor's own work.
    /// </summary>
    internal static BigInteger UpperBound(string data)
    {
        var bytes = (data.Length - 2) / 2;
        return 53_000 + (40L * bytes) + (2L * ((bytes + 31) / 32)) + (200L * bytes) + ConstructorAllowance;
    }

    private static async Task<BigInteger?> EstimateAsync(IClient client, string from, string data, Dictionary<string, object>? overrides, CancellationToken ct)
    {
        var call = new Dictionary<string, string> { ["from"] = from, ["data"] = data };
        if (overrides is { Count: > 0 } && await TryAsync<HexBigInteger>(client, "eth_estimateGas", ct, call, "latest", overrides).ConfigureAwait(false) is { } withCode)
            return withCode.Value;
        return await TryAsync<HexBigInteger>(client, "eth_estimateGas", ct, call, "latest").ConfigureAwait(false) is { } plain ? plain.Value : null;
    }

    private static async Task<string?> RuntimeCodeAsync(IClient client, string from, string data, Dictionary<string, object> overrides, CancellationToken ct)
    {
        var call = new Dictionary<string, string> { ["from"] = from, ["data"] = data };
        var code = await TryAsync<string>(client, "eth_call", ct, call, "latest", overrides).ConfigureAwait(false);
        return code is { Length: > 2 } ? code : null;
    }

    private static async Task<GasFee> FeeAsync(IWeb3 web3, CancellationToken ct)
    {
        var block = await ChainCall.QueryAsync(() => web3.Eth.Blocks.GetBlockWithTransactionsHashesByNumber.SendRequestAsync(BlockParameter.CreateLatest()), ct)
            .ConfigureAwait(false);
        var gasPrice = (await ChainCall.QueryAsync(() => web3.Eth.GasPrice.SendRequestAsync(), ct).ConfigureAwait(false)).Value;
        if (block.BaseFeePerGas is null) return new GasFee(gasPrice, null, null);
        var baseFee = block.BaseFeePerGas.Value;
        // The node's own tip suggestion; where it has none, what its gas price adds to the base fee.
        var tip = await TryAsync<HexBigInteger>(web3.Client, "eth_maxPriorityFeePerGas", ct).ConfigureAwait(false) is { } suggested
            ? suggested.Value
            : BigInteger.Max(gasPrice - baseFee, BigInteger.Zero);
        return new GasFee((2 * baseFee) + tip, tip, baseFee);
    }

    /// <summary>The result, or null when the node answers with a JSON-RPC error; an unreachable node still throws.</summary>
    private static Task<T?> TryAsync<T>(IClient client, string method, CancellationToken ct, params object[] parameters) where T : class =>
        ChainCall.QueryAsync<T?>(async () =>
        {
            try
            {
                return await client.SendRequestAsync<T>(new RpcRequest(1, method, parameters)).ConfigureAwait(false);
            }
            catch (RpcResponseException)
            {
                return null;
            }
        }, ct);

    private static string Describe(AidDaoContract contract) => contract switch
    {
        AidDaoContract.CommunityImplementation => "Community implementation",
        AidDaoContract.TokenImplementation => "ContributionToken implementation",
        AidDaoContract.PoolImplementation => "EmergencyPool implementation",
        AidDaoContract.RoundImplementation => "FundingRound implementation",
        _ => contract.ToString(),
    };
}
