using System.Numerics;
using AidDao.Core;
using AidDao.Core.Chain;
using AidDao.Core.Communities;
using AidDao.Core.Pools;
using AidDao.Core.ReadModel;
using AidDao.Core.Rounds;
using AidDao.Core.Transactions;

namespace AidDao.Indexer.Tests;

/// <summary>
/// Drives a fresh AidDao deployment through every event its contracts can emit, with the product's services where they
/// exist. Accounts: stewards 0, 1, 2 (M = 1, then 2; 7 is made a steward, 2 removed); founding members 3 and 4; 5 admitted
/// by a steward and later removed; 6 admitted by vouches; 8 a donor and bystander (one admission approval short of
/// joining); 9 a donor and matching funder whose refunds bounce. Member 4 is <see cref="Tracked"/>: everything it does is
/// recorded in <see cref="TrackedActivities"/>, as the read model should report it.
/// </summary>
public sealed partial class EveryEventScenario
{
    private static readonly BigInteger Ether = BigInteger.Pow(10, 18);
    private static readonly BigInteger Coin = BigInteger.Pow(10, 6);

    private readonly Devnet _devnet;
    private readonly CancellationToken _ct;
    private readonly List<MemberActivity> _tracked = [];
    private readonly List<BigInteger> _requests = [];

    private EveryEventScenario(Devnet devnet, CancellationToken ct)
    {
        _devnet = devnet;
        _ct = ct;
    }

    /// <summary>The contracts deployed for the scenario.</summary>
    public AidDaoDeployment Deployment { get; private set; } = null!;

    /// <summary>The community.</summary>
    public EthAddress Community { get; private set; }

    /// <summary>Its contribution token.</summary>
    public EthAddress Token { get; private set; }

    /// <summary>The emergency pool that sees every pool event (ETH and <see cref="Stablecoin"/>).</summary>
    public EthAddress Pool { get; private set; }

    /// <summary>A second pool, left as the factory creates it: paused.</summary>
    public EthAddress PausedPool { get; private set; }

    /// <summary>The 6-decimal test token the pool accepted, paid out, and finally removed.</summary>
    public EthAddress Stablecoin { get; private set; }

    /// <summary>The pool's requests, in id order: paid, paid to a hostile recipient, paid in the stablecoin, declined, cancelled, paid in an emergency, expired, pending.</summary>
    public IReadOnlyList<BigInteger> Requests => _requests;

    /// <summary>The quadratic-funding round: finalised, claimed, distributed (one payout deferred), tokens claimed, swept.</summary>
    public EthAddress QuadraticFundingRound { get; private set; }

    /// <summary>The quadratic-voting round: voted and finalised.</summary>
    public EthAddress QuadraticVotingRound { get; private set; }

    /// <summary>The round cancelled during voting, its refunds pushed (one bounced) and withdrawn.</summary>
    public EthAddress CancelledRound { get; private set; }

    /// <summary>The member whose activities are recorded.</summary>
    public EthAddress Tracked => Account(4);

    /// <summary>What <see cref="Tracked"/> did, oldest first.</summary>
    public IReadOnlyList<MemberActivity> TrackedActivities => _tracked;

    /// <summary>Deploys AidDao on <paramref name="devnet"/> and runs the whole scenario (it moves the chain's clock about three hours).</summary>
    public static async Task<EveryEventScenario> BuildAsync(Devnet devnet, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(devnet);
        var scenario = new EveryEventScenario(devnet, ct);
        await scenario.BuildCommunityAsync();
        await scenario.BuildPoolAsync();
        await scenario.BuildRoundsAsync();
        await scenario.FinishPoolAsync();
        return scenario;
    }

    /// <summary>The address of dev account <paramref name="index"/>.</summary>
    public EthAddress Account(int index) => EthAddress.FromChain(_devnet.Accounts[index].Address);

    private Nethereum.Web3.Web3 Web3(int index) => _devnet.CreateWeb3(_devnet.Accounts[index]);

    private async Task BuildCommunityAsync()
    {
        Deployment = await AidDaoDeployer.DeployAsync(Web3(0), _ct);
        var created = await new CommunityFactoryService(Web3(0), Deployment.CommunityFactory).CreateCommunityAsync(new CommunitySettings
        {
            Name = "Every Event Mutual Aid",
            TokenSymbol = "EVERY",
            Stewards = [Account(0), Account(1), Account(2)],
            Threshold = 1,
            AdmissionApprovals = 1,
            VouchesRequired = 2,
            Members = [Account(3), Account(4)],
        }, _ct);
        (Community, Token) = (created.Community, created.Token);
        Track(created.Transaction, "admitted", Community, null, null);

        // M = 1: a proposal passes as it is made.
        var steward0 = await CommunityAs(0);
        await steward0.ProposeAddStewardAsync(Account(7), _ct);
        await steward0.ProposeThresholdAsync(2, _ct);
        await PassAsync(s => s.ProposeRemoveStewardAsync(Account(2), _ct));

        await (await CommunityAs(1)).AdmitMemberAsync(Account(5), _ct);
        await (await CommunityAs(3)).VouchAsync(Account(6), _ct);
        await (await CommunityAs(4)).VouchAsync(Account(6), _ct);
        await PassAsync(s => s.ProposeAdmissionApprovalsAsync(2, _ct));
        await steward0.AdmitMemberAsync(Account(8), _ct);
        await PassAsync(s => s.ProposeVouchesRequiredAsync(3, _ct));
        await PassAsync(s => s.ProposeRemoveMemberAsync(Account(5), _ct));
        var withdrawn = await steward0.ProposeAddStewardAsync(Account(9), _ct);
        await steward0.CancelAsync(withdrawn.ProposalId, _ct);

        await steward0.ContributionToken.AttestHoursAsync(Account(3), 3, "Sorted the donated coats", _ct);
        var hours = await (await CommunityAs(1)).ContributionToken.AttestHoursAsync(Account(4), 6, "Drove the Tuesday pharmacy run", _ct);
        Track(hours.Transaction, "hours", Token, hours.Hours, hours.AttestationId);
    }

    private Task<CommunityService> CommunityAs(int index) => CommunityService.ConnectAsync(Web3(index), Community, _ct);

    /// <summary>Steward 0 proposes; steward 1 approves unless the proposal already passed.</summary>
    private async Task PassAsync(Func<CommunityService, Task<ProposalResult>> propose)
    {
        var proposed = await propose(await CommunityAs(0));
        if (!proposed.Executed) await (await CommunityAs(1)).ApproveAsync(proposed.ProposalId, _ct);
    }

    private void Track(TransactionOutcome transaction, string kind, EthAddress contract, BigInteger? amount, BigInteger? reference) =>
        _tracked.Add(new MemberActivity((long)transaction.BlockNumber, transaction.TransactionHash, kind, contract, amount, reference is { } r ? (long)r : null));

    /// <summary>Moves the chain's clock so the next block is at <paramref name="time"/> or a moment after.</summary>
    private async Task MoveToAsync(DateTimeOffset time)
    {
        var now = await _devnet.GetBlockTimeAsync(_ct);
        if (time > now) await _devnet.IncreaseTimeAsync(time - now, _ct);
    }
}
