using System.Numerics;
using AidDao.Contracts.RoundFactory.ContractDefinition;
using AidDao.Core;
using AidDao.Core.Chain;
using AidDao.Core.Transactions;
using Nethereum.Contracts;
using FactoryRoundSetup = AidDao.Contracts.RoundFactory.ContractDefinition.RoundSetup;
using RoundFactoryContract = AidDao.Contracts.RoundFactory.RoundFactoryService;

namespace AidDao.Contracts.Tests.Support;

/// <summary>
/// Builds a funding round on top of <see cref="PoolBuilder"/>'s community (stewards 0, 1, 2 with M = 2; members 3, 4, 5;
/// outsiders 6 to 9) and its emergency pool, created by steward 0 through the RoundFactory. Schedule, from the chain's
/// time at creation: applications for 1 day, review until voting opens at +1 day, voting for 7 days, review period
/// 1 day, claim period 30 days. Defaults: ETH, QF, minimum 0.001 ETH, no cap, up to 100 projects, pool spread whole,
/// 1 contribution token per ETH (the round is made a minter). <see cref="WithProjects"/> has outsiders apply and
/// steward 0 approve, then moves the chain to the voting window.
/// </summary>
internal sealed partial class RoundBuilder(Devnet devnet)
{
    public const ulong Day = 86_400;

    private bool _stablecoin;
    private byte _mode;
    private byte _creditMode;
    private BigInteger _creditsPerMember = 100;
    private BigInteger _minimum = PoolBuilder.Ether(0.001m);
    private ushort _capBps;
    private ushort _maxProjects = 100;
    private bool _spreadWholePool = true;
    private BigInteger _tokenRate = PoolBuilder.Ether(1);
    private bool _minter = true;
    private int _projects;
    private BigInteger _matching;
    private Action<FactoryRoundSetup>? _adjust;

    /// <summary>A 6-decimal stablecoin round (the pool allows the coin too); amounts are then in coin units.</summary>
    public RoundBuilder WithStablecoin()
    {
        _stablecoin = true;
        return this;
    }

    /// <summary>Quadratic voting: equal credits (<paramref name="creditsPerMember"/>) or, with <paramref name="tokenVotes"/>, token votes.</summary>
    public RoundBuilder QuadraticVoting(BigInteger? creditsPerMember = null, bool tokenVotes = false)
    {
        _mode = 1;
        _creditMode = tokenVotes ? (byte)1 : (byte)0;
        if (creditsPerMember is { } credits) _creditsPerMember = credits;
        return this;
    }

    public RoundBuilder WithMinimum(BigInteger minimum)
    {
        _minimum = minimum;
        return this;
    }

    public RoundBuilder WithCap(ushort basisPoints)
    {
        _capBps = basisPoints;
        return this;
    }

    public RoundBuilder WithMaxProjects(ushort maxProjects)
    {
        _maxProjects = maxProjects;
        return this;
    }

    /// <summary>When the formula asks for less than the pool, pay only raw matches and keep the rest.</summary>
    public RoundBuilder PayingRawMatchesOnly()
    {
        _spreadWholePool = false;
        return this;
    }

    public RoundBuilder WithTokenRate(BigInteger rate)
    {
        _tokenRate = rate;
        return this;
    }

    /// <summary>Leaves the round without the right to mint contribution tokens.</summary>
    public RoundBuilder WithoutMinterRight()
    {
        _minter = false;
        return this;
    }

    /// <summary>
    /// <paramref name="count"/> projects: project k (from 1) applies from outsider account 6 + (k − 1) % 4 with recipient
    /// <see cref="TestRound.RecipientOf"/>(k), and steward 0 approves it; then the chain moves to the voting window.
    /// </summary>
    public RoundBuilder WithProjects(int count)
    {
        _projects = count;
        return this;
    }

    /// <summary>Donor account 9 puts <paramref name="amount"/> into the matching pool during voting.</summary>
    public RoundBuilder WithMatching(BigInteger amount)
    {
        _matching = amount;
        return this;
    }

    /// <summary>Changes the set-up just before creation (for set-up validation tests).</summary>
    public RoundBuilder Adjust(Action<FactoryRoundSetup> adjust)
    {
        _adjust = adjust;
        return this;
    }

    /// <summary>The set-up the builder would use, with times from <paramref name="now"/>.</summary>
    public FactoryRoundSetup Setup(ulong now, string asset, string pool) => new()
    {
        Name = "Spring Round",
        Asset = asset,
        EmergencyPool = pool,
        ApplicationsStart = now,
        ApplicationsEnd = now + Day,
        VotingStart = now + Day,
        VotingEnd = now + 8 * Day,
        ReviewPeriod = Day,
        ClaimPeriod = 30 * Day,
        MinimumContribution = _minimum,
        MatchingCapBps = _capBps,
        MaxProjects = _maxProjects,
        SpreadWholePool = _spreadWholePool,
        Mode = _mode,
        CreditMode = _creditMode,
        CreditsPerMember = _creditsPerMember,
        TokenRate = _tokenRate,
    };

    public async Task<TestRound> BuildAsync(CancellationToken cancellationToken)
    {
        var poolBuilder = new PoolBuilder(devnet);
        if (_stablecoin) poolBuilder.WithStablecoin();
        var pool = await poolBuilder.BuildAsync(cancellationToken);
        var asset = _stablecoin ? pool.Stablecoin : TestPool.Eth;
        var now = (ulong)(await devnet.GetBlockTimeAsync(cancellationToken)).ToUnixTimeSeconds();
        var setup = Setup(now, asset, pool.Address.Value);
        if (_stablecoin && _minimum == PoolBuilder.Ether(0.001m)) setup.MinimumContribution = PoolBuilder.Coins(1);
        _adjust?.Invoke(setup);

        var factory = new RoundFactoryContract(pool.Web3(0), pool.Community.Deployment.RoundFactory.Value);
        var receipt = await ChainCall.SendAsync(s => factory.CreateRoundRequestAndWaitForReceiptAsync(pool.Community.Address.Value, setup, s), cancellationToken);
        var address = EthAddress.FromChain(receipt.DecodeAllEvents<RoundCreatedEventDTO>().Single().Event.Round);
        var round = new TestRound(devnet, pool, address, setup, receipt);

        if (_minter)
            await pool.PassCommunityProposalAsync(steward => steward.ProposeMinterAsync(address, true, cancellationToken));
        for (var k = 1; k <= _projects; k++)
        {
            var id = await round.ApplyAsync(6 + (k - 1) % 4, TestRound.RecipientOf(k));
            await round.ReviewAsync(0, id, approve: true);
        }
        if (_projects > 0) await round.MoveToVotingAsync();
        if (_matching > 0)
        {
            if (_projects == 0) await round.MoveToVotingAsync();
            await round.FundMatchingAsync(9, _matching);
        }
        return round;
    }
}
