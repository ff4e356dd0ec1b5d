using System.Globalization;
using System.Numerics;
using AidDao.Cli.Commands;
using AidDao.Core;
using AidDao.Core.Pools;
using AidDao.Core.Rounds;

namespace AidDao.Cli.Output;

/// <summary>
/// <c>aiddao round show</c>, <c>results</c> and <c>list</c> as plain aligned text: the round's set-up and where it stands,
/// and its projects with contributions, contributors and matches (amounts in whole units of the round's asset).
/// </summary>
internal static class RoundTable
{
    /// <summary>The round's set-up, state and every application.</summary>
    public static string Describe(RoundInfo info, IReadOnlyList<RoundProject> projects)
    {
        ArgumentNullException.ThrowIfNull(info);
        ArgumentNullException.ThrowIfNull(projects);
        var configuration = info.Configuration;
        var schedule = configuration.Schedule;
        var asset = info.Asset;
        var fields = new List<(string Label, string Value)>
        {
            ("Round", configuration.Name),
            ("Address", info.Address.Value),
            ("Community", info.Community.Value),
            ("Now", $"{Phase(info)} (chain time {PoolStatusTable.Time(info.ChainTime)})"),
            ("Mode", Mode(configuration)),
            ("Asset", asset.IsEth ? "ETH" : $"{asset.Symbol} ({asset.Address})"),
            ("Matching pool", $"{asset.Format(info.MatchingPool)} deposited{(configuration.CapBasisPoints == 0 ? "" : $"; at most {RoundInput.Percent(configuration.CapBasisPoints)} of it per project")}"),
            ("Minimum", $"{asset.Format(configuration.MinimumContribution)} per contribution"),
            ("Applications", $"{PoolStatusTable.Time(schedule.ApplicationsStart)} to {PoolStatusTable.Time(schedule.ApplicationsEnd)} (stewards review until voting opens)"),
            ("Voting", $"{PoolStatusTable.Time(schedule.VotingStart)} to {PoolStatusTable.Time(schedule.VotingEnd)}"),
            ("Finalise from", PoolStatusTable.Time(schedule.FinalizeFrom)),
            ("Claims", info.Outcome is { } outcome
                ? $"until {PoolStatusTable.Time(outcome.ClaimDeadline)}"
                : $"for {PoolInput.Duration(schedule.ClaimPeriod)} after finalisation"),
            ("Projects", $"{info.ProjectCount} applied, {info.ApprovedCount} approved (at most {configuration.MaxProjects})"),
            ("Leftovers", $"to the emergency pool {configuration.EmergencyPool}"),
        };
        if (configuration.TokenRate.Sign > 0)
            fields.Add(("Tokens", $"{PoolInput.Rate(configuration.TokenRate, asset)} contribution tokens per {asset.Symbol} contributed, claimed after finalisation"));
        if (info.Status == RoundStatus.Active && info.CancelApprovals > 0)
            fields.Add(("Cancelling", $"{info.CancelApprovals} of {info.Threshold} steward approvals"));
        if (info.Outcome is { } final)
            fields.Add(("Outcome", $"{asset.Format(final.Matched)} matched, {asset.Format(final.Remainder)} left for the emergency pool, {asset.Format(final.TotalRaised)} contributed"));

        var applications = new TextTable("ID>", "STATUS", "RECIPIENT", "RAISED>", "CONTRIBUTORS>", info.Status == RoundStatus.Finalized ? "MATCH>" : "PROJECTED MATCH>");
        foreach (var p in projects)
        {
            applications.Add(Id(p.Id), Status(p), p.Recipient.Value, TokenAmount.Format(p.Raised, asset.Decimals),
                p.Contributors.ToString(CultureInfo.InvariantCulture), TokenAmount.Format(p.Match, asset.Decimals));
        }
        return string.Join(Environment.NewLine + Environment.NewLine,
            TextTable.Fields([.. fields]),
            projects.Count == 0 ? "No applications yet." : $"Applications (amounts in {asset.Symbol}):{Environment.NewLine}{applications}");
    }

    /// <summary>The results table: project, recipient, contributions, contributors, match, total; with a line saying whether the matches are final.</summary>
    public static string Results(RoundResults results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var info = results.Round;
        var asset = info.Asset;
        string Amount(BigInteger units) => TokenAmount.Format(units, asset.Decimals);
        var title = info.Status switch
        {
            RoundStatus.Finalized => $"Results of '{info.Configuration.Name}' (final; amounts in {asset.Symbol}):",
            RoundStatus.Cancelled => $"'{info.Configuration.Name}' was cancelled: nothing is matched, and contributions are refunded (amounts in {asset.Symbol}):",
            _ => $"Projected results of '{info.Configuration.Name}' if it were finalised now, with the {asset.Format(info.MatchingPool)} matching pool deposited so far (amounts in {asset.Symbol}):",
        };
        if (results.Projects.Count == 0) return $"{title}{Environment.NewLine}No approved projects.";
        var table = new TextTable("PROJECT>", "RECIPIENT", "CONTRIBUTIONS>", "CONTRIBUTORS>", "MATCH>", "TOTAL>");
        foreach (var p in results.Projects)
            table.Add(Id(p.Id), p.Recipient.Value, Amount(p.Raised), p.Contributors.ToString(CultureInfo.InvariantCulture), Amount(p.Match), Amount(p.Total));
        var raised = results.Projects.Aggregate(BigInteger.Zero, (sum, p) => sum + p.Raised);
        var matched = results.Projects.Aggregate(BigInteger.Zero, (sum, p) => sum + p.Match);
        table.Add("all", "", Amount(raised), "", Amount(matched), Amount(raised + matched));
        var remainder = info.Outcome?.Remainder ?? (info.Status == RoundStatus.Active ? info.MatchingPool - matched : BigInteger.Zero);
        var footer = remainder.Sign > 0 ? $"{Environment.NewLine}Not matched: {asset.Format(remainder)} (goes to the emergency pool)." : "";
        return $"{title}{Environment.NewLine}{table}{footer}";
    }

    /// <summary>One line per round of a community.</summary>
    public static string List(IReadOnlyList<RoundInfo> rounds)
    {
        ArgumentNullException.ThrowIfNull(rounds);
        if (rounds.Count == 0) return "This community has no funding rounds yet.";
        var table = new TextTable("#>", "ROUND", "NAME", "MODE", "NOW", "MATCHING POOL>", "PROJECTS>");
        for (var i = 0; i < rounds.Count; i++)
        {
            var r = rounds[i];
            table.Add((i + 1).ToString(CultureInfo.InvariantCulture), r.Address.Value, r.Configuration.Name,
                r.Configuration.Mode == RoundMode.QuadraticVoting ? "QV" : "QF", r.Phase.ToString(), r.Asset.Format(r.MatchingPool),
                r.ApprovedCount.ToString(CultureInfo.InvariantCulture));
        }
        return table.ToString();
    }

    /// <summary>What the round allows now, in words.</summary>
    public static string Phase(RoundInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        var schedule = info.Configuration.Schedule;
        return info.Phase switch
        {
            RoundPhase.Upcoming => $"upcoming: applications open at {PoolStatusTable.Time(schedule.ApplicationsStart)}",
            RoundPhase.Applications => $"applications open until {PoolStatusTable.Time(schedule.ApplicationsEnd)} (stewards can already review them)",
            RoundPhase.ApplicationReview => $"applications closed; stewards review them until voting opens at {PoolStatusTable.Time(schedule.VotingStart)}",
            RoundPhase.Voting => $"voting: contributions{(info.Configuration.Mode == RoundMode.QuadraticVoting ? ", votes" : "")} and matching funds open until {PoolStatusTable.Time(schedule.VotingEnd)}",
            RoundPhase.ReviewPeriod => $"voting closed; anyone may finalise from {PoolStatusTable.Time(schedule.FinalizeFrom)}",
            RoundPhase.ReadyToFinalize => "voting closed; anyone may finalise now ('aiddao round finalize')",
            RoundPhase.Claims => $"finalised; recipients claim until {PoolStatusTable.Time(info.Outcome!.ClaimDeadline)}",
            RoundPhase.ClaimsClosed => "finalised; the claim period is over: what is unclaimed can be swept to the emergency pool ('aiddao round sweep')",
            _ => "cancelled; contributions and matching funds are refunded ('aiddao round refund')",
        };
    }

    private static string Mode(RoundConfiguration configuration) => configuration.Mode switch
    {
        RoundMode.QuadraticVoting when configuration.CreditMode == VoiceCreditMode.TokenVotes =>
            "quadratic voting: members' voice credits are their contribution-token votes when the round was created; the whole pool is split by votes",
        RoundMode.QuadraticVoting =>
            $"quadratic voting: {configuration.CreditsPerMember.ToString(CultureInfo.InvariantCulture)} voice credits per member; the whole pool is split by votes",
        _ => configuration.SpreadWholePool
            ? "quadratic funding: members' contributions are matched; the whole pool is spread"
            : "quadratic funding: members' contributions are matched; only raw matches are paid, the rest goes to the emergency pool",
    };

    private static string Status(RoundProject project) => project.Status switch
    {
        RoundProjectStatus.Pending => "pending review",
        RoundProjectStatus.Approved => project.Paid ? "approved, paid" : "approved",
        RoundProjectStatus.Rejected => "rejected",
        RoundProjectStatus.Cancelled => "cancelled",
        _ => project.Status.ToString(),
    };

    private static string Id(BigInteger id) => id.ToString(CultureInfo.InvariantCulture);
}
