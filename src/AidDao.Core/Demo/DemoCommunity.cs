using AidDao.Core.Chain;
using AidDao.Core.Communities;

namespace AidDao.Core.Demo;

/// <summary>
/// The demo community <c>aiddao up</c> creates on a local dev chain, so a newcomer sees every part working: three
/// stewards (dev accounts 0-2, two must agree), two founding members (3, 4), volunteer hours attested, a member admitted by
/// two vouches (5), and a steward proposal waiting for its second approval.
/// </summary>
public sealed record DemoCommunity(
    AidDaoDeployment Deployment,
    CommunityInfo Community,
    IReadOnlyList<EthAddress> Members,
    EthAddress VouchedMember,
    System.Numerics.BigInteger PendingProposalId)
{
    /// <summary>The demo community's name.</summary>
    public const string Name = "Riverside Mutual Aid";

    /// <summary>Deploys AidDao on <paramref name="devnet"/> and sets up the demo community.</summary>
    public static async Task<DemoCommunity> CreateAsync(Devnet devnet, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(devnet);
        var accounts = devnet.Accounts;
        EthAddress Address(int index) => EthAddress.FromChain(accounts[index].Address);
        var web3 = devnet.CreateWeb3(accounts[0]);

        var deployment = await AidDaoDeployer.DeployAsync(web3, cancellationToken).ConfigureAwait(false);
        var created = await new CommunityFactoryService(web3, deployment.CommunityFactory).CreateCommunityAsync(new CommunitySettings
        {
            Name = Name,
            TokenSymbol = "RIVER",
            Stewards = [Address(0), Address(1), Address(2)],
            Threshold = 2,
            AdmissionApprovals = 1,
            VouchesRequired = 2,
            Members = [Address(3), Address(4)],
        }, cancellationToken).ConfigureAwait(false);

        async Task<CommunityService> As(int index) =>
            await CommunityService.ConnectAsync(devnet.CreateWeb3(accounts[index]), created.Community, cancellationToken).ConfigureAwait(false);

        var steward0 = await As(0).ConfigureAwait(false);
        var steward1 = await As(1).ConfigureAwait(false);
        await steward0.ContributionToken.AttestHoursAsync(Address(3), 8, "Delivered groceries to six households", cancellationToken).ConfigureAwait(false);
        await steward1.ContributionToken.AttestHoursAsync(Address(4), 4, "Ran the Saturday food-bank shift", cancellationToken).ConfigureAwait(false);
        await (await As(3).ConfigureAwait(false)).VouchAsync(Address(5), cancellationToken).ConfigureAwait(false);
        await (await As(4).ConfigureAwait(false)).VouchAsync(Address(5), cancellationToken).ConfigureAwait(false);
        var pending = await steward0.ProposeAddStewardAsync(Address(3), cancellationToken).ConfigureAwait(false);

        var info = await steward0.GetInfoAsync(cancellationToken).ConfigureAwait(false);
        return new DemoCommunity(deployment, info, [Address(3), Address(4), Address(5)], Address(5), pending.ProposalId);
    }
}
