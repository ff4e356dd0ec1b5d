using AidDao.Contracts.CommunityFactory.ContractDefinition;
using AidDao.Core.Pools;
using AidDao.Core.Transactions;
using Nethereum.Contracts;
using Nethereum.Web3;
using FactoryContract = AidDao.Contracts.CommunityFactory.CommunityFactoryService;

namespace AidDao.Core.Communities;

/// <summary>
/// Creates communities and their emergency pools through a deployed CommunityFactory, and answers whether an address is
/// one of them.
/// </summary>
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

    /// <summary>
    /// As a steward of <paramref name="community"/>, creates an emergency pool for it. The pool mints contribution tokens
    /// for deposits only after the community makes it a minter (<see cref="CommunityService.ProposeMinterAsync"/>).
    /// </summary>
    public async Task<CreatedPool> CreatePoolAsync(EthAddress community, PoolConfiguration configuration, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        configuration.Validate();
        var setup = new PoolSetup
        {
            Name = configuration.Name,
            Window = (ulong)configuration.Window.TotalSeconds,
            Cooldown = (ulong)configuration.Cooldown.TotalSeconds,
            RequestLifetime = (ulong)configuration.RequestLifetime.TotalSeconds,
            EmergencyThreshold = configuration.EmergencyThreshold,
            Assets = configuration.Assets.Select(a => a.Asset.Value).ToList(),
            Limits = configuration.Assets.Select(a => new AssetLimits
            {
                MintRate = a.MintRate,
                PerRequestMax = a.PerRequestMax,
                WindowCap = a.WindowCap,
                ReserveFloor = a.ReserveFloor,
                FastPathCap = a.FastPathCap,
            }).ToList(),
        };
        var receipt = await ChainCall.SendAsync(source => _contract.CreatePoolRequestAndWaitForReceiptAsync(community.Value, setup, source), cancellationToken).ConfigureAwait(false);
        var created = receipt.DecodeAllEvents<PoolCreatedEventDTO>().Single().Event;
        return new CreatedPool(EthAddress.FromChain(created.Pool), community, (int)created.Index, receipt.Outcome());
    }

    /// <summary>The pools of <paramref name="community"/>, in the order they were created.</summary>
    public async Task<IReadOnlyList<EthAddress>> GetPoolsAsync(EthAddress community, CancellationToken cancellationToken = default)
    {
        var count = (int)await ChainCall.QueryAsync(() => _contract.PoolCountQueryAsync(community.Value), cancellationToken).ConfigureAwait(false);
        var pools = new List<EthAddress>(count);
        for (var i = 0; i < count; i++)
        {
            var index = i;
            pools.Add(EthAddress.FromChain(await ChainCall.QueryAsync(() => _contract.PoolAtQueryAsync(community.Value, index), cancellationToken).ConfigureAwait(false)));
        }
        return pools;
    }
}
