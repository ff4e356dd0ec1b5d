using AidDao.Contracts.CommunityFactory.ContractDefinition;
using AidDao.Core.Transactions;
using Nethereum.Contracts;
using Nethereum.Web3;
using FactoryContract = AidDao.Contracts.CommunityFactory.CommunityFactoryService;

namespace AidDao.Core.Communities;

/// <summary>Creates communities through a deployed CommunityFactory and answers whether an address is one of them.</summary>
public sealed class CommunityFactoryService
{
    private readonly FactoryContract _contract;

    /// <summary>Binds to the factory at <paramref name="factory"/>, acting as <paramref name="web3"/>'s account.</summary>
    public CommunityFactoryService(IWeb3 web3, EthAddress factory)
    {
        _contract = new FactoryContract(web3, factory.Value);
        Address = factory;
    }

    /// <summary>The factory contract.</summary>
    public EthAddress Address { get; }

    /// <summary>Creates a community and its contribution token in one transaction.</summary>
    public async Task<CreatedCommunity> CreateCommunityAsync(CommunitySettings settings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        var setup = new CommunitySetup
        {
            Name = settings.Name,
            Stewards = settings.Stewards.Select(s => s.Value).ToList(),
            Threshold = settings.EffectiveThreshold,
            AdmissionApprovals = settings.AdmissionApprovals,
            VouchesRequired = settings.VouchesRequired,
            Members = settings.Members.Select(m => m.Value).ToList(),
        };
        var receipt = await ChainCall.SendAsync(source => _contract.CreateCommunityRequestAndWaitForReceiptAsync(setup, settings.TokenSymbol, source), cancellationToken).ConfigureAwait(false);
        var created = receipt.DecodeAllEvents<CommunityCreatedEventDTO>().Single().Event;
        return new CreatedCommunity(EthAddress.FromChain(created.Community), EthAddress.FromChain(created.Token), receipt.Outcome());
    }

    /// <summary>Whether this factory created <paramref name="community"/>.</summary>
    public Task<bool> IsCommunityAsync(EthAddress community, CancellationToken cancellationToken = default) =>
        ChainCall.QueryAsync(() => _contract.IsCommunityQueryAsync(community.Value), cancellationToken);

    /// <summary>How many communities this factory created.</summary>
    public async Task<int> CommunityCountAsync(CancellationToken cancellationToken = default) =>
        (int)await ChainCall.QueryAsync(() => _contract.CommunityCountQueryAsync(), cancellationToken).ConfigureAwait(false);
}
