using System.Diagnostics;
using System.Numerics;
using AidDao.Core.Chain;
using AidDao.Core.Demo;
using AidDao.Core.Rounds;

namespace AidDao.Cli.Bench;

/// <summary>
/// The stream of round updates: paced contributions of the round's minimum to the demo's open round, from dev accounts
/// 2 to 9 in turn, one transaction (so one block, on an automining node) each. An account has at most one contribution
/// in flight, so its nonces stay in order.
/// </summary>
internal sealed class DashboardContributionLoad
{
    private readonly IReadOnlyList<FundingRoundService> _senders;
    private readonly IReadOnlyList<BigInteger> _projects;
    private readonly BigInteger _amount;
    private long _next;

    private DashboardContributionLoad(IReadOnlyList<FundingRoundService> senders, IReadOnlyList<BigInteger> projects, BigInteger amount)
    {
        _senders = senders;
        _projects = projects;
        _amount = amount;
    }

    /// <summary>Contributions sent so far.</summary>
    public long Sent => Interlocked.Read(ref _next);

    /// <summary>Connects the senders to <paramref name="round"/>.</summary>
    public static async Task<DashboardContributionLoad> CreateAsync(Devnet devnet, DemoOpenRound round, CancellationToken cancellationToken)
    {
        var senders = new List<FundingRoundService>();
        for (var account = 2; account < devnet.Accounts.Count; account++)
            senders.Add(await FundingRoundService.ConnectAsync(devnet.CreateWeb3(devnet.Accounts[account]), round.Round, cancellationToken).ConfigureAwait(false));
        return new DashboardContributionLoad(senders, [.. round.Projects.Select(p => p.Id)], senders[0].Configuration.MinimumContribution);
    }

    /// <summary>
    /// Sends <paramref name="rate"/> contributions a second until <paramref name="done"/> says so, then waits for those
    /// in flight to be mined.
    /// </summary>
    /// <exception cref="TimeoutException"><paramref name="done"/> did not come true within <paramref name="limit"/>.</exception>
    public async Task RunAsync(double rate, Func<bool> done, TimeSpan limit, CancellationToken cancellationToken)
    {
        var inFlight = new Task?[_senders.Count];
        var clock = Stopwatch.StartNew();
        for (var i = 0; ; i++)
        {
            var due = TimeSpan.FromSeconds(i / rate) - clock.Elapsed;
            if (due > TimeSpan.Zero) await Task.Delay(due, cancellationToken).ConfigureAwait(false);
            if (done()) break;
            if (clock.Elapsed > limit)
                throw new TimeoutException($"The index did not report the expected commits within {limit.TotalSeconds:0} s of contributions; is the indexer running?");
            var slot = Array.FindIndex(inFlight, t => t is null || t.IsCompleted);
            if (slot < 0)
            {
                await Task.WhenAny(inFlight!).ConfigureAwait(false);
                slot = Array.FindIndex(inFlight, t => t!.IsCompleted);
            }
            if (inFlight[slot] is { } finished) await finished.ConfigureAwait(false);
            var n = Interlocked.Increment(ref _next);
            inFlight[slot] = _senders[slot].ContributeAsync(_projects[(int)(n % _projects.Count)], _amount, cancellationToken);
        }
        await Task.WhenAll(inFlight.OfType<Task>()).ConfigureAwait(false);
    }
}
