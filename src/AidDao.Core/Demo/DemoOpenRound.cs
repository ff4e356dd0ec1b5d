using System.Numerics;
using AidDao.Core.Chain;
using AidDao.Core.Rounds;

namespace AidDao.Core.Demo;

/// <summary>
/// The demo's second funding round, left open for contributions: three approved projects, a matching pool of 0.5 ETH,
/// a few members' gifts, and two weeks of voting to go, so the dashboard has live projections and a countdown.
/// </summary>
/// <param name="Round">The round.</param>
/// <param name="Projects">Its approved projects, by id and application text.</param>
public sealed record DemoOpenRound(EthAddress Round, IReadOnlyList<(BigInteger Id, string Name)> Projects)
{
    /// <summary>The round's name.</summary>
    public const string Name = "Riverside Autumn Projects";

    private static readonly BigInteger Ether = BigInteger.Pow(10, 18);

    /// <summary>Creates the round after <see cref="DemoRound"/> (the chain's clock moves on one hour, to its voting).</summary>
    public static async Task<DemoOpenRound> CreateAsync(Devnet devnet, DemoCommunity community, DemoPool pool, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(devnet);
        ArgumentNullException.ThrowIfNull(community);
        ArgumentNullException.ThrowIfNull(pool);
        RoundConfiguration configuration = null!;
        var (round, projects) = await DemoRounds.CreateWithProjectsAsync(devnet, community, now => configuration = new RoundConfiguration
        {
            Name = Name,
            EmergencyPool = pool.Pool,
            Schedule = RoundSchedule.FromNow(now, TimeSpan.FromHours(1), TimeSpan.Zero, TimeSpan.FromDays(14), TimeSpan.FromHours(1), TimeSpan.FromDays(30)),
            MinimumContribution = Ether / 1000,
            CapBasisPoints = 5_000,
        },
        [
            (5, "Winter coats for the night shelter"),
            (6, "Repair café: tools and a workbench"),
            (7, "Bus fares to the hospital for older neighbours"),
        ], reviewer: 1, cancellationToken).ConfigureAwait(false);

        Task<FundingRoundService> As(int index) => DemoRounds.AsAsync(devnet, round, index, cancellationToken);

        await DemoRounds.MoveToAsync(devnet, configuration.Schedule.VotingStart, cancellationToken).ConfigureAwait(false);
        await (await As(9).ConfigureAwait(false)).FundMatchingAsync(Ether / 2, cancellationToken).ConfigureAwait(false);
        var cents = Ether / 100;
        await (await As(3).ConfigureAwait(false)).ContributeAsync([(projects[0].Id, 5 * cents), (projects[2].Id, 2 * cents)], cancellationToken).ConfigureAwait(false);
        await (await As(4).ConfigureAwait(false)).ContributeAsync(projects[0].Id, 3 * cents, cancellationToken).ConfigureAwait(false);
        await (await As(2).ConfigureAwait(false)).ContributeAsync(projects[1].Id, 20 * cents, cancellationToken).ConfigureAwait(false);
        return new DemoOpenRound(round, projects);
    }
}
