using AidDao.Core;
using AidDao.Core.Chain;
using AidDao.Core.Communities;

namespace AidDao.Contracts.Tests.Support;

/// <summary>
/// Deploys AidDao (implementations + factory, as dev account 0) and creates one community through
/// <see cref="CommunityFactoryService"/>. Stewards and members are dev-account indexes. Defaults: steward 0 only,
/// threshold 1, one admission approval, vouching off, no other members.
/// </summary>
internal sealed class CommunityBuilder(Devnet devnet)
{
    private string _name = "Test Community";
    private string _symbol = "TEST";
    private int[] _stewards = [0];
    private int? _threshold = 1;
    private int _admissionApprovals = 1;
    private int _vouchesRequired;
    private int[] _members = [];

    public CommunityBuilder Named(string name, string symbol)
    {
        _name = name;
        _symbol = symbol;
        return this;
    }

    public CommunityBuilder WithStewards(params int[] accountIndexes)
    {
        _stewards = accountIndexes;
        return this;
    }

    /// <summary>M; <see langword="null"/> leaves the service's default (a simple majority).</summary>
    public CommunityBuilder WithThreshold(int? threshold)
    {
        _threshold = threshold;
        return this;
    }

    public CommunityBuilder WithAdmissionApprovals(int approvals)
    {
        _admissionApprovals = approvals;
        return this;
    }

    /// <summary>K (0 = vouching off).</summary>
    public CommunityBuilder WithVouchesRequired(int vouches)
    {
        _vouchesRequired = vouches;
        return this;
    }

    public CommunityBuilder WithMembers(params int[] accountIndexes)
    {
        _members = accountIndexes;
        return this;
    }

    /// <summary>The settings this builder would create the community with.</summary>
    public CommunitySettings Settings => new()
    {
        Name = _name,
        TokenSymbol = _symbol,
        Stewards = [.. _stewards.Select(i => AddressOf(devnet, i))],
        Threshold = _threshold,
        AdmissionApprovals = _admissionApprovals,
        VouchesRequired = _vouchesRequired,
        Members = [.. _members.Select(i => AddressOf(devnet, i))],
    };

    /// <summary>Deploys AidDao and creates the community; connects a <see cref="CommunityService"/> per dev account.</summary>
    public async Task<TestCommunity> BuildAsync(CancellationToken cancellationToken)
    {
        var deployer = devnet.CreateWeb3(devnet.Accounts[0]);
        var deployment = await AidDaoDeployer.DeployAsync(deployer, cancellationToken);
        var factory = new CommunityFactoryService(deployer, deployment.CommunityFactory);
        var created = await factory.CreateCommunityAsync(Settings, cancellationToken);
        var services = new List<CommunityService>(devnet.Accounts.Count);
        foreach (var account in devnet.Accounts)
        {
            services.Add(await CommunityService.ConnectAsync(devnet.CreateWeb3(account), created.Community, cancellationToken));
        }

        return new TestCommunity(devnet, deployment, created, services);
    }

    internal static EthAddress AddressOf(Devnet devnet, int accountIndex) =>
        EthAddress.FromChain(devnet.Accounts[accountIndex].Address);
}
