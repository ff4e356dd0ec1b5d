namespace AidDao.Cli.Bench;

/// <summary>The sections of <c>docs/benchmarks.md</c>: each benchmark rewrites its own, between its markers, and keeps the rest.</summary>
internal static class BenchmarkSections
{
    /// <summary>Replaces the section between <paramref name="begin"/> and <paramref name="end"/> of <paramref name="existing"/> (or appends it).</summary>
    public static string Merge(string? existing, string section, string begin, string end)
    {
        if (string.IsNullOrWhiteSpace(existing)) return "# Benchmarks" + Environment.NewLine + Environment.NewLine + section;
        var start = existing.IndexOf(begin, StringComparison.Ordinal);
        var stop = existing.IndexOf(end, StringComparison.Ordinal);
        if (start < 0 || stop < start) return existing.TrimEnd() + Environment.NewLine + Environment.NewLine + section;
        return existing[..start] + section.TrimEnd() + existing[(stop + end.Length)..];
    }
}
