namespace AidDao.Dashboard;

/// <summary>How the dashboard host writes its log.</summary>
public enum DashboardLogFormat
{
    /// <summary>No log (tests, and programs that embed the host and pass their own provider).</summary>
    None,

    /// <summary>One plain line per entry on standard error, UTC time first.</summary>
    Text,

    /// <summary>One JSON object per line on standard error (UTC timestamp, level, category, message, state and scopes), for log collectors.</summary>
    Json,
}
