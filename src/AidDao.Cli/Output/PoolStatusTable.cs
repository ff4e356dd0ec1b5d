using System.Globalization;
using AidDao.Cli.Commands;
using AidDao.Core.Pools;

namespace AidDao.Cli.Output;

/// <summary>
/// <c>aiddao pool status</c> and <c>aiddao pool show</c> as plain aligned text: the pool's rules, its money per asset
/// (amounts in whole units of each asset), and the requests waiting for stewards.
/// </summary>
internal static class PoolStatusTable
{
    /// <summary>The whole status: rules, assets, pending requests.</summary>
    public static string Render(PoolStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        var header = TextTable.Fields(
            ("Pool", status.Name),
            ("Address", status.Address.Value),
            ("Community", status.Community.Value),
            ("Payments", status.Paused
                ? $"PAUSED: resuming needs an Unpause change approved by {status.Threshold} steward(s) ('aiddao pool unpause')"
                : "running"),
            ("Emergency", status.EmergencyEndsAt is { } ends
                ? $"in force until {Time(ends)}: the reserve may be used, and requests up to the fast-path cap need {status.EmergencyThreshold} approval(s)"
                : "none"),
            ("Approvals", $"{status.Threshold} per request (the community's threshold); {status.EmergencyThreshold} on the emergency fast path"),
            ("Window", $"{PoolInput.Duration(status.Window)} (the window cap applies to each rolling window)"),
            ("Cooldown", $"{PoolInput.Duration(status.Cooldown)} between two payments to the same recipient"),
            ("Lifetime", $"{PoolInput.Duration(status.RequestLifetime)} (a request stays open this long)"));

        var assets = new TextTable("ASSET", "DEPOSITED>", "PAID OUT>", "OWED>", "AVAILABLE>", "WINDOW USED / CAP>", "PER REQUEST>", "RESERVE>", "FAST PATH>", "RATE>");
        foreach (var a in status.Assets)
        {
            string Amount(System.Numerics.BigInteger units) => TokenAmount.Format(units, a.Asset.Decimals);
            assets.Add(a.Asset.Symbol, Amount(a.Deposited), Amount(a.PaidOut), Amount(a.Owed), Amount(a.Available),
                $"{Amount(a.WindowUsed)} / {Amount(a.Rules.WindowCap)}", Amount(a.Rules.PerRequestMax), Amount(a.Rules.ReserveFloor),
                Amount(a.Rules.FastPathCap), PoolInput.Rate(a.Rules.MintRate, a.Asset));
        }

        var filed = status.RequestCount.ToString(CultureInfo.InvariantCulture);
        var requests = status.PendingRequests.Count == 0
            ? $"No pending requests ({filed} filed so far)."
            : $"Pending requests, most urgent first ({status.PendingRequests.Count} of {filed} filed):{Environment.NewLine}{PendingTable(status.PendingRequests)}";

        return string.Join(Environment.NewLine + Environment.NewLine,
            header,
            status.Assets.Count == 0 ? "The pool accepts no asset yet." : $"Assets (amounts in whole units; rate = contribution tokens per unit deposited):{Environment.NewLine}{assets}",
            requests);
    }

    private static TextTable PendingTable(IEnumerable<AidRequestInfo> pending)
    {
        var table = new TextTable("ID>", "URGENCY>", "AMOUNT>", "RECIPIENT", "APPROVALS>", "EXPIRES");
        foreach (var r in pending)
        {
            table.Add(r.Id.ToString(CultureInfo.InvariantCulture), $"{r.Urgency}/5", r.Asset.Format(r.Amount), r.Recipient.Value,
                $"{r.Approvals}/{r.RequiredApprovals}", Time(r.ExpiresAt));
        }
        return table;
    }

    /// <summary>One request in full.</summary>
    public static string Describe(AidRequestInfo request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return TextTable.Fields(
            ("Request", request.Id.ToString(CultureInfo.InvariantCulture)),
            ("State", State(request)),
            ("Amount", request.Asset.Format(request.Amount)),
            ("Recipient", request.Recipient.Value),
            ("Requester", request.Requester.Value),
            ("Urgency", $"{request.Urgency} of 5 ({UrgencyWords(request.Urgency)})"),
            ("Approvals", $"{request.Approvals} of {request.RequiredApprovals} needed"),
            ("Rejections", request.Rejections.ToString(CultureInfo.InvariantCulture)),
            ("Filed", Time(request.CreatedAt)),
            (request.State == AidRequestState.Expired ? "Expired" : "Expires", Time(request.ExpiresAt)),
            ("Details hash", $"{request.DetailsHash} (the details are off-chain; compare with what the member shared)"));
    }

    private static string State(AidRequestInfo request) => request.State switch
    {
        AidRequestState.Pending => "pending: waiting for steward decisions",
        AidRequestState.Paid => "paid",
        AidRequestState.Rejected => "rejected",
        AidRequestState.Cancelled => "cancelled by the member",
        AidRequestState.Expired => "expired: it can no longer be approved; the member can file a new one",
        _ => request.State.ToString(),
    };

    private static string UrgencyWords(int urgency) => urgency switch
    {
        1 => "can wait",
        5 => "life or safety",
        _ => urgency < 3 ? "soon" : "urgent",
    };

    /// <summary>A time as people compare it: UTC, to the second.</summary>
    public static string Time(DateTimeOffset time) => time.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);
}
