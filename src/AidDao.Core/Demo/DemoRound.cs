using System.Numerics;
using AidDao.Core.Chain;
using AidDao.Core.Communities;
using AidDao.Core.Pools;
using AidDao.Core.Rounds;

namespace AidDao.Core.Demo;

/// <summary>
/// The demo funding round <c>aiddao up</c> adds after the demo pool, run to its end on the local chain so a newcomer sees
/// quadratic funding decide: three projects approved by a steward (a fourth rejected), 1 ETH of matching funds, and
/// contributions where broad support beats one big gift. The community garden gets 0.02 ETH from each of six members;
/// the tool library 1 ETH from one member and 0.01 ETH from another; the football kits 0.05 ETH from each of two members
/// and 0.5 ETH from a non-member (not matched). The chain then moves past voting and the review period, and the round
/// is finalised: the garden, with the least money raised, gets the largest match.
/// </summary>
/// <param name="Round">The round.</param>
/// <param name="RoundFactory">The factory that created it.</param>
/// <param name="Projects">The approved projects' ids and names, in approval order.</param>
/// <param name="RejectedProjectId">The application a steward rejected.</param>
/// <param name="Results">The final results.</param>
public sealed record DemoRound(
    EthAddress Round,
    EthAddress RoundFactory,
    IReadOnlyList<(BigInteger Id, string Name)> Projects,
    BigInteger RejectedProjectId,
    RoundResults Results)
{
    /// <summary>The demo round's name.</summary>
    public const string Name = "Riverside Spring Projects";

    private static readonly BigInteger Ether = BigInteger.Pow(10, 18);

    /// <summary>
    /// Creates the round in <paramref name="community"/> (stewards 0-2 with M = 2; members 3-5; applicants 6-8; matching
    /// donor 9) with <paramref name="pool"/> as its emergency pool, makes it a minter, and runs it to finalisation by
    /// moving the local chain's clock (about four days: the pool's pending requests stay open).
    /// </summary>
    public static async Task<DemoRound> CreateAsync(Devnet devnet, DemoCommunity community, DemoPool pool, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(devnet);
        ArgumentNullException.ThrowIfNull(community);
        ArgumentNullException.ThrowIfNull(pool);
        var accounts = devnet.Accounts;
        EthAddress Address(int index) => EthAddress.FromChain(accounts[index].Address);
        var communityAddress = community.Community.Address;
        RoundConfiguration configuration = null!;
        var (round, projects) = await DemoRounds.CreateWithProjectsAsync(devnet, community, now => configuration = new RoundConfiguration
        {
            Name = Name,
            EmergencyPool = pool.Pool,
            Schedule = RoundSchedule.FromNow(now, TimeSpan.FromDays(1), TimeSpan.Zero, TimeSpan.FromDays(3), TimeSpan.FromHours(1), TimeSpan.FromDays(30)),
            MinimumContribution = Ether / 1000,
            TokenRate = Ether,
        },
        [
            (6, "Community garden: raised beds and a tool shed"),
            (7, "Tool library in the church hall"),
            (8, "Football kits for the youth team"),
        ], reviewer: 0, cancellationToken).ConfigureAwait(false);
        var minter = await (await CommunityService.ConnectAsync(devnet.CreateWeb3(accounts[0]), communityAddress, cancellationToken).ConfigureAwait(false))
            .ProposeMinterAsync(round, true, cancellationToken).ConfigureAwait(false);
        await (await CommunityService.ConnectAsync(devnet.CreateWeb3(accounts[1]), communityAddress, cancellationToken).ConfigureAwait(false))
            .ApproveAsync(minter.ProposalId, cancellationToken).ConfigureAwait(false);

        Task<FundingRoundService> As(int index) => DemoRounds.AsAsync(devnet, round, index, cancellationToken);

        var duplicate = await (await As(6).ConfigureAwait(false)).ApplyAsync(Address(6), DetailsHash.Of("Community garden (sent twice)"), cancellationToken).ConfigureAwait(false);
        await (await As(1).ConfigureAwait(false)).ReviewAsync(duplicate.ProjectId, approve: false, cancellationToken).ConfigureAwait(false);

        await DemoRounds.MoveToAsync(devnet, configuration.Schedule.VotingStart, cancellationToken).ConfigureAwait(false);
        await (await As(9).ConfigureAwait(false)).FundMatchingAsync(Ether, cancellationToken).ConfigureAwait(false);
        var (garden, tools, football) = (projects[0].Id, projects[1].Id, projects[2].Id);
        var cents = Ether / 100;
        await (await As(3).ConfigureAwait(false)).ContributeAsync([(garden, 2 * cents), (tools, Ether)], cancellationToken).ConfigureAwait(false);
        await (await As(4).ConfigureAwait(false)).ContributeAsync([(garden, 2 * cents), (tools, cents)], cancellationToken).ConfigureAwait(false);
        await (await As(2).ConfigureAwait(false)).ContributeAsync([(garden, 2 * cents), (football, 5 * cents)], cancellationToken).ConfigureAwait(false);
        await (await As(5).ConfigureAwait(false)).ContributeAsync([(garden, 2 * cents), (football, 5 * cents)], cancellationToken).ConfigureAwait(false);
        await (await As(0).ConfigureAwait(false)).ContributeAsync(garden, 2 * cents, cancellationToken).ConfigureAwait(false);
        await (await As(1).ConfigureAwait(false)).ContributeAsync(garden, 2 * cents, cancellationToken).ConfigureAwait(false);
        await (await As(9).ConfigureAwait(false)).ContributeAsync(football, 50 * cents, cancellationToken).ConfigureAwait(false);

        await DemoRounds.MoveToAsync(devnet, configuration.Schedule.FinalizeFrom, cancellationToken).ConfigureAwait(false);
        var anyone = await As(8).ConfigureAwait(false);
        await anyone.FinalizeAsync(cancellationToken).ConfigureAwait(false);
        var results = await anyone.GetResultsAsync(cancellationToken).ConfigureAwait(false);
        return new DemoRound(round, community.Deployment.RoundFactory, projects, duplicate.ProjectId, results);
    }
}
