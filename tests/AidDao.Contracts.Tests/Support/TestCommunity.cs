using AidDao.Contracts.Community.ContractDefinition;
using AidDao.Core;
using AidDao.Core.Chain;
using AidDao.Core.Communities;
using CommunityContract = AidDao.Contracts.Community.CommunityService;
using FactoryContract = AidDao.Contracts.CommunityFactory.CommunityFactoryService;
using TokenContract = AidDao.Contracts.ContributionToken.ContributionTokenService;

namespace AidDao.Contracts.Tests.Support;

/// <summary>A community created by <see cref="CommunityBuilder"/>, seen from each dev account.</summary>
internal sealed class TestCommunity
{
    private readonly Devnet _devnet;
    private readonly IReadOnlyList<CommunityService> _services;

    public TestCommunity(Devnet devnet, AidDaoDeployment deployment, CreatedCommunity created, IReadOnlyList<CommunityService> services)
    {
        _devnet = devnet;
        _services = services;
        Deployment = deployment;
        Created = created;
    }

    public AidDaoDeployment Deployment { get; }

    public CreatedCommunity Created { get; }

    public EthAddress Address => Created.Community;

    public EthAddress Token => Created.Token;

    /// <summary>The domain service acting as dev account <paramref name="accountIndex"/>.</summary>
    public CommunityService As(int accountIndex) => _services[accountIndex];

    /// <summary>The domain token service acting as dev account <paramref name="accountIndex"/>.</summary>
    public ContributionTokenService TokenAs(int accountIndex) => _services[accountIndex].ContributionToken;

    /// <summary>The generated Community binding acting as dev account <paramref name="accountIndex"/>.</summary>
    public CommunityContract CommunityContractAs(int accountIndex) =>
        new(_devnet.CreateWeb3(_devnet.Accounts[accountIndex]), Address.Value);

    /// <summary>The generated ContributionToken binding acting as dev account <paramref name="accountIndex"/>.</summary>
    public TokenContract TokenContractAs(int accountIndex) =>
        new(_devnet.CreateWeb3(_devnet.Accounts[accountIndex]), Token.Value);

    /// <summary>The generated CommunityFactory binding acting as dev account <paramref name="accountIndex"/>.</summary>
    public FactoryContract FactoryContractAs(int accountIndex) =>
        new(_devnet.CreateWeb3(_devnet.Accounts[accountIndex]), Deployment.CommunityFactory.Value);

    /// <summary>Whether <paramref name="voucher"/>'s vouch for <paramref name="candidate"/> counts towards the next admission.</summary>
    public Task<bool> HasVouchedAsync(EthAddress candidate, EthAddress voucher) =>
        CommunityContractAs(0).HasVouchedQueryAsync(candidate.Value, voucher.Value);

    /// <summary>The current steward count N.</summary>
    public async Task<int> StewardCountAsync() => (int)await CommunityContractAs(0).StewardCountQueryAsync();

    /// <summary>The current member count (stewards included).</summary>
    public async Task<int> MemberCountAsync() => (int)await CommunityContractAs(0).MemberCountQueryAsync();

    /// <summary>The <c>MemberAdmitted</c> events of a mined transaction.</summary>
    public async Task<IReadOnlyList<MemberAdmittedEventDTO>> MemberAdmittedEventsAsync(string transactionHash)
    {
        var receipt = await _devnet.CreateWeb3(_devnet.Accounts[0]).Eth.Transactions.GetTransactionReceipt.SendRequestAsync(transactionHash);
        return [.. Nethereum.Contracts.EventExtensions.DecodeAllEvents<MemberAdmittedEventDTO>(receipt).Select(e => e.Event)];
    }
}
