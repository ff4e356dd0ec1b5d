namespace AidDao.Dashboard;

/// <summary>A span of seconds in words: "1 day", "48 hours", "90 seconds".</summary>
internal static class DurationText
{
    /// <summary>Writes <paramref name="seconds"/> in the largest whole unit.</summary>
    public static string Of(long seconds)
    {
        var span = TimeSpan.FromSeconds(seconds);
        if (span.TotalDays >= 1 && span.TotalDays == Math.Floor(span.TotalDays)) return span.TotalDays == 1 ? "1 day" : $"{span.TotalDays:0} days";
        if (span.TotalHours >= 1 && span.TotalHours == Math.Floor(span.TotalHours)) return span.TotalHours == 1 ? "1 hour" : $"{span.TotalHours:0} hours";
        if (span.TotalMinutes >= 1 && span.TotalMinutes == Math.Floor(span.TotalMinutes)) return span.TotalMinutes == 1 ? "1 minute" : $"{span.TotalMinutes:0} minutes";
        return seconds == 1 ? "1 second" : $"{seconds} seconds";
    }
}
