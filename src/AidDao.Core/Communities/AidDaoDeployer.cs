using AidDao.Contracts.Community.ContractDefinition;
using AidDao.Contracts.CommunityFactory.ContractDefinition;
using AidDao.Contracts.ContributionToken.ContractDefinition;
using AidDao.Contracts.EmergencyPool.ContractDefinition;
using AidDao.Contracts.FundingRound.ContractDefinition;
using AidDao.Contracts.RoundFactory.ContractDefinition;
using AidDao.Core.Transactions;
using Nethereum.RPC.Eth.DTOs;
using Nethereum.Util;
using Nethereum.Web3;

namespace AidDao.Core.Communities;

/// <summary>
/// Deploys AidDao's shared contracts on a chain: the Community, ContributionToken and EmergencyPool implementations
/// (never used directly; communities and pools are clones of them) and the CommunityFactory that makes the clones;
/// then the FundingRound implementation and the RoundFactory that makes rounds for those communities.
/// </summary>
public static class AidDaoDeployer
{
    /// <summary>Deploys the implementations and the factory as <paramref name="web3"/>'s account.</summary>
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
}
