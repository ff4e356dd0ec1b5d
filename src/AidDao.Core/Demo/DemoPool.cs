using System.Numerics;
using AidDao.Core.Chain;
using AidDao.Core.Communities;
using AidDao.Core.Pools;

namespace AidDao.Core.Demo;

/// <summary>
/// The demo emergency pool <c>aiddao up</c> adds to the demo community: ETH with limits sized for a neighbourhood fund,
/// deposits from two donors (dev accounts 6 and 7, who are not members: anyone may give), and requests in every state a
/// steward meets: paid, waiting for a second approval, waiting for a first, rejected and cancelled.
/// </summary>
/// <param name="Pool">The pool.</param>
/// <param name="Donors">The two donors.</param>
/// <param name="PaidRequestId">A request two stewards approved and the pool paid.</param>
/// <param name="HalfApprovedRequestId">A request with one of the two approvals it needs.</param>
/// <param name="NewRequestId">A request with no decisions yet.</param>
/// <param name="RejectedRequestId">A request two stewards rejected.</param>
/// <param name="CancelledRequestId">A request its member withdrew.</param>
public sealed record DemoPool(
    EthAddress Pool,
    IReadOnlyList<EthAddress> Donors,
    BigInteger PaidRequestId,
    BigInteger HalfApprovedRequestId,
    BigInteger NewRequestId,
    BigInteger RejectedRequestId,
    BigInteger CancelledRequestId)
{
    /// <summary>
    /// The private details of the demo's requests 1 to 5, in order (only their hashes go on-chain; <c>aiddao up</c>
    /// sends them to the dashboard as each requester would).
    /// </summary>
    public static IReadOnlyList<string> RequestDetails { get; } =
    [
        "Rent due tomorrow; landlord's letter shown to stewards",
        "Prescription not covered this month",
        "Bus pass to reach a new job",
        "New television",
        "Groceries (a neighbour helped instead)",
    ];

    /// <summary>The demo pool's name.</summary>
    public const string Name = "Riverside Emergency Fund";

    private static readonly BigInteger Ether = BigInteger.Pow(10, 18);

    /// <summary>The demo pool's configuration: ETH, one contribution token per ETH, at most 2 ETH a request, 5 ETH a day.</summary>
    public static PoolConfiguration Configuration { get; } = new()
    {
        Name = Name,
        Window = TimeSpan.FromHours(24),
        Cooldown = TimeSpan.FromDays(7),
        RequestLifetime = TimeSpan.FromDays(7),
        EmergencyThreshold = 1,
        Assets = [new AssetRules(EthAddress.Zero, MintRate: Ether, PerRequestMax: 2 * Ether, WindowCap: 5 * Ether, ReserveFloor: Ether, FastPathCap: Ether / 2)],
    };

    /// <summary>
    /// Creates the pool in <paramref name="community"/> (stewards are dev accounts 0-2 with M = 2; members 3-5), makes it a
    /// minter, has two stewards accept its rules (a new pool starts paused), and fills it with deposits and requests.
    /// </summary>
    public static async Task<DemoPool> CreateAsync(Devnet devnet, DemoCommunity community, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(devnet);
        ArgumentNullException.ThrowIfNull(community);
        var accounts = devnet.Accounts;
        EthAddress Address(int index) => EthAddress.FromChain(accounts[index].Address);
        var communityAddress = community.Community.Address;

        var factory = new CommunityFactoryService(devnet.CreateWeb3(accounts[0]), community.Deployment.CommunityFactory);
        var created = await factory.CreatePoolAsync(communityAddress, Configuration, cancellationToken).ConfigureAwait(false);
        var minter = await (await CommunityService.ConnectAsync(devnet.CreateWeb3(accounts[0]), communityAddress, cancellationToken).ConfigureAwait(false))
            .ProposeMinterAsync(created.Pool, true, cancellationToken).ConfigureAwait(false);
        await (await CommunityService.ConnectAsync(devnet.CreateWeb3(accounts[1]), communityAddress, cancellationToken).ConfigureAwait(false))
            .ApproveAsync(minter.ProposalId, cancellationToken).ConfigureAwait(false);

        async Task<EmergencyPoolService> As(int index) =>
            await EmergencyPoolService.ConnectAsync(devnet.CreateWeb3(accounts[index]), created.Pool, cancellationToken).ConfigureAwait(false);

        // A new pool starts paused: two stewards accept its rules.
        var unpause = await (await As(0).ConfigureAwait(false)).ProposeUnpauseAsync(cancellationToken).ConfigureAwait(false);
        await (await As(1).ConfigureAwait(false)).ApproveChangeAsync(unpause.ChangeId, cancellationToken).ConfigureAwait(false);

        await (await As(6).ConfigureAwait(false)).DepositAsync(PoolAsset.Eth, 4 * Ether, cancellationToken).ConfigureAwait(false);
        await (await As(7).ConfigureAwait(false)).DepositAsync(PoolAsset.Eth, 3 * Ether / 2, cancellationToken).ConfigureAwait(false);

        var member3 = await As(3).ConfigureAwait(false);
        var member4 = await As(4).ConfigureAwait(false);
        var steward0 = await As(0).ConfigureAwait(false);
        var steward1 = await As(1).ConfigureAwait(false);
        var steward2 = await As(2).ConfigureAwait(false);

        var paid = await member3.RequestAidAsync(PoolAsset.Eth, Ether / 2, Address(3), 5,
            DetailsHash.Of(RequestDetails[0]), cancellationToken).ConfigureAwait(false);
        await steward0.ApproveAsync(paid.RequestId, cancellationToken).ConfigureAwait(false);
        await steward1.ApproveAsync(paid.RequestId, cancellationToken).ConfigureAwait(false);

        var halfApproved = await member4.RequestAidAsync(PoolAsset.Eth, Ether * 3 / 10, Address(4), 4,
            DetailsHash.Of(RequestDetails[1]), cancellationToken).ConfigureAwait(false);
        await steward2.ApproveAsync(halfApproved.RequestId, cancellationToken).ConfigureAwait(false);

        var fresh = await (await As(5).ConfigureAwait(false)).RequestAidAsync(PoolAsset.Eth, Ether / 5, Address(5), 3,
            DetailsHash.Of(RequestDetails[2]), cancellationToken).ConfigureAwait(false);

        var rejected = await member4.RequestAidAsync(PoolAsset.Eth, 2 * Ether, Address(8), 2,
            DetailsHash.Of(RequestDetails[3]), cancellationToken).ConfigureAwait(false);
        await steward0.RejectAsync(rejected.RequestId, cancellationToken).ConfigureAwait(false);
        await steward2.RejectAsync(rejected.RequestId, cancellationToken).ConfigureAwait(false);

        var cancelled = await member3.RequestAidAsync(PoolAsset.Eth, Ether / 10, Address(3), 1,
            DetailsHash.Of(RequestDetails[4]), cancellationToken).ConfigureAwait(false);
        await member3.CancelAsync(cancelled.RequestId, cancellationToken).ConfigureAwait(false);

        return new DemoPool(created.Pool, [Address(6), Address(7)], paid.RequestId, halfApproved.RequestId, fresh.RequestId,
            rejected.RequestId, cancelled.RequestId);
    }
}
