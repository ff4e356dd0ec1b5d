using System.Numerics;
using AidDao.Core.Chain;
using AidDao.Core.Pools;
using AidDao.Core.Rounds;
using AidDao.Core.Transactions;

namespace AidDao.Core.Demo;

/// <summary>What the demo's rounds share: creating a round with approved applications, acting as a dev account, moving the clock.</summary>
internal static class DemoRounds
{
    /// <summary>
    /// Creates a round configured by <paramref name="configure"/> (given the chain's time) through the community's
    /// round factory, then has each applicant apply with its text's hash and steward <paramref name="reviewer"/> approve it.
    /// </summary>
    public static async Task<(EthAddress Round, List<(BigInteger Id, string Name)> Projects)> CreateWithProjectsAsync(Devnet devnet, DemoCommunity community,
        Func<DateTimeOffset, RoundConfiguration> configure, IReadOnlyList<(int Applicant, string Name)> applications, int reviewer, CancellationToken cancellationToken)
    {
        var accounts = devnet.Accounts;
        var now = await ChainClock.NowAsync(devnet.CreateWeb3(accounts[0]), cancellationToken).ConfigureAwait(false);
        var created = await new RoundFactoryService(devnet.CreateWeb3(accounts[0]), community.Deployment.RoundFactory)
            .CreateRoundAsync(community.Community.Address, configure(now), cancellationToken).ConfigureAwait(false);
        var steward = await AsAsync(devnet, created.Round, reviewer, cancellationToken).ConfigureAwait(false);
        var projects = new List<(BigInteger Id, string Name)>();
        foreach (var (applicant, name) in applications)
        {
            var applied = await (await AsAsync(devnet, created.Round, applicant, cancellationToken).ConfigureAwait(false))
                .ApplyAsync(EthAddress.FromChain(accounts[applicant].Address), DetailsHash.Of(name), cancellationToken).ConfigureAwait(false);
            await steward.ReviewAsync(applied.ProjectId, approve: true, cancellationToken).ConfigureAwait(false);
            projects.Add((applied.ProjectId, name));
        }
        return (created.Round, projects);
    }

    /// <summary>The round as dev account <paramref name="index"/>.</summary>
    public static Task<FundingRoundService> AsAsync(Devnet devnet, EthAddress round, int index, CancellationToken cancellationToken) =>
        FundingRoundService.ConnectAsync(devnet.CreateWeb3(devnet.Accounts[index]), round, cancellationToken);

    /// <summary>Moves the local chain's clock to <paramref name="time"/> (never back).</summary>
    public static async Task MoveToAsync(Devnet devnet, DateTimeOffset time, CancellationToken cancellationToken)
    {
        var now = await devnet.GetBlockTimeAsync(cancellationToken).ConfigureAwait(false);
        if (time > now) await devnet.IncreaseTimeAsync(time - now, cancellationToken).ConfigureAwait(false);
    }
}
