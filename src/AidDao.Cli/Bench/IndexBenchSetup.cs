using System.Numerics;
using AidDao.Core;
using AidDao.Core.Chain;
using AidDao.Core.Communities;
using AidDao.Core.Pools;
using AidDao.Core.Rounds;

namespace AidDao.Cli.Bench;

/// <summary>
/// The index-benchmark community before its neighbours act: AidDao deployed, the community (stewards 0-2 with M = 2,
/// one steward admits), its ETH pool (a minter, in service), and three rounds that take applications for an hour and
/// then open together: Spring (quadratic funding, 10-day vote, 10 % cap, pays contribution tokens), Autumn (quadratic
/// funding, 60-day vote) and Neighbourhood Priorities (quadratic voting, equal credits, 60-day vote).
/// </summary>
/// <param name="Deployment">AidDao's factories and implementations.</param>
/// <param name="Community">The community.</param>
/// <param name="Token">Its contribution token.</param>
/// <param name="Pool">Its emergency pool.</param>
/// <param name="Spring">The round finalised halfway.</param>
/// <param name="Autumn">A quadratic-funding round finalised at the end.</param>
/// <param name="Voice">The quadratic-voting round, finalised at the end.</param>
/// <param name="VotingStart">When every round's voting opens.</param>
/// <param name="SpringFinalizeFrom">When Spring may be finalised.</param>
/// <param name="LastFinalizeFrom">When Autumn and the voting round may be finalised.</param>
internal sealed record IndexBenchSetup(
    AidDaoDeployment Deployment,
    EthAddress Community,
    EthAddress Token,
    EthAddress Pool,
    CreatedRound Spring,
    CreatedRound Autumn,
    CreatedRound Voice,
    DateTimeOffset VotingStart,
    DateTimeOffset SpringFinalizeFrom,
    DateTimeOffset LastFinalizeFrom)
{
    private static readonly BigInteger Ether = BigInteger.Pow(10, 18);

    /// <summary>The contracts whose events count: both factories, the community, token, pool and rounds.</summary>
    public IReadOnlyList<EthAddress> Contracts =>
        [Deployment.CommunityFactory, Deployment.RoundFactory, Community, Token, Pool, Spring.Round, Autumn.Round, Voice.Round];

    /// <summary>Sets everything up on <paramref name="devnet"/> (automining on), one transaction and receipt at a time.</summary>
    public static async Task<IndexBenchSetup> RunAsync(Devnet devnet, IndexBenchCast cast, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(devnet);
        ArgumentNullException.ThrowIfNull(cast);
        var web3 = cast.Stewards.Select(devnet.CreateWeb3).ToArray();
        var deployment = await AidDaoDeployer.DeployAsync(web3[0], ct).ConfigureAwait(false);
        var factory = new CommunityFactoryService(web3[0], deployment.CommunityFactory);
        var created = await factory.CreateCommunityAsync(new CommunitySettings
        {
            Name = "Index Bench Commons",
            TokenSymbol = "BENCH",
            Stewards = [.. cast.Stewards.Select(s => EthAddress.FromChain(s.Address))],
            Threshold = 2,
            AdmissionApprovals = 1,
            Members = cast.FoundingMembers,
        }, ct).ConfigureAwait(false);
        var pool = await factory.CreatePoolAsync(created.Community, new PoolConfiguration
        {
            Name = "Index Bench Emergency Fund",
            Cooldown = TimeSpan.Zero,
            RequestLifetime = TimeSpan.FromDays(30),
            Assets = [new AssetRules(EthAddress.Zero, MintRate: Ether, PerRequestMax: Ether, WindowCap: 1_000 * Ether, ReserveFloor: Ether, FastPathCap: Ether / 2)],
        }, ct).ConfigureAwait(false);

        var steward0 = await CommunityService.ConnectAsync(web3[0], created.Community, ct).ConfigureAwait(false);
        var steward1 = await CommunityService.ConnectAsync(web3[1], created.Community, ct).ConfigureAwait(false);
        await steward1.ApproveAsync((await steward0.ProposeMinterAsync(pool.Pool, true, ct).ConfigureAwait(false)).ProposalId, ct).ConfigureAwait(false);
        var unpause = await (await EmergencyPoolService.ConnectAsync(web3[0], pool.Pool, ct).ConfigureAwait(false)).ProposeUnpauseAsync(ct).ConfigureAwait(false);
        await (await EmergencyPoolService.ConnectAsync(web3[1], pool.Pool, ct).ConfigureAwait(false)).ApproveChangeAsync(unpause.ChangeId, ct).ConfigureAwait(false);

        var now = await devnet.GetBlockTimeAsync(ct).ConfigureAwait(false);
        RoundSchedule Schedule(int votingDays) =>
            RoundSchedule.FromNow(now, TimeSpan.FromHours(1), TimeSpan.Zero, TimeSpan.FromDays(votingDays), TimeSpan.FromHours(1), TimeSpan.FromDays(30));
        var rounds = new RoundFactoryService(web3[0], deployment.RoundFactory);
        var spring = await rounds.CreateRoundAsync(created.Community, new RoundConfiguration
        {
            Name = "Spring Projects", EmergencyPool = pool.Pool, Schedule = Schedule(10), MinimumContribution = IndexBenchRounds.MinimumContribution,
            CapBasisPoints = 1_000, MaxProjects = RoundConfiguration.MaxProjectsLimit, SpreadWholePool = false, TokenRate = Ether,
        }, ct).ConfigureAwait(false);
        var autumn = await rounds.CreateRoundAsync(created.Community, new RoundConfiguration
        {
            Name = "Autumn Projects", EmergencyPool = pool.Pool, Schedule = Schedule(60), MinimumContribution = IndexBenchRounds.MinimumContribution,
            MaxProjects = RoundConfiguration.MaxProjectsLimit,
        }, ct).ConfigureAwait(false);
        var voice = await rounds.CreateRoundAsync(created.Community, new RoundConfiguration
        {
            Name = "Neighbourhood Priorities", EmergencyPool = pool.Pool, Schedule = Schedule(60), MinimumContribution = IndexBenchRounds.MinimumContribution,
            MaxProjects = RoundConfiguration.MaxProjectsLimit, Mode = RoundMode.QuadraticVoting, CreditsPerMember = 1_000_000,
        }, ct).ConfigureAwait(false);
        await steward1.ApproveAsync((await steward0.ProposeMinterAsync(spring.Round, true, ct).ConfigureAwait(false)).ProposalId, ct).ConfigureAwait(false);

        return new IndexBenchSetup(deployment, created.Community, created.Token, pool.Pool, spring, autumn, voice,
            Schedule(10).VotingStart, Schedule(10).FinalizeFrom, Schedule(60).FinalizeFrom);
    }
}
