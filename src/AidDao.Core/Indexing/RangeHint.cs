using System.Globalization;
using System.Text.RegularExpressions;

namespace AidDao.Core.Indexing;

/// <summary>
/// What a node's refusal of an <c>eth_getLogs</c> range says about a range it would accept: an explicit block range
/// ("Try with this block range [0x10, 0x3e8]", as Infura and Alchemy word it) or a largest span ("limited to a 10,000
/// range", "maximum block range: 5000", "up to a 2K block range").
/// </summary>
/// <param name="From">The suggested first block, when the node named one.</param>
/// <param name="To">The suggested last block, when the node named one.</param>
/// <param name="MaxSpan">The largest number of blocks per request the node allows, when it said so.</param>
public sealed partial record RangeHint(long? From, long? To, long? MaxSpan)
{
    /// <summary>Reads a hint from a refusal message; null when the message names no range or span.</summary>
    public static RangeHint? Parse(string? message)
    {
        if (string.IsNullOrWhiteSpace(message)) return null;
        var range = BracketRange().Match(message);
        if (range.Success && TryBlock(range.Groups["from"].Value, out var from) && TryBlock(range.Groups["to"].Value, out var to) && to >= from)
            return new RangeHint(from, to, to - from + 1);
        var span = SpanLimit().Match(message);
        if (span.Success && TrySpan(span.Groups["n"].Value, span.Groups["k"].Success, out var blocks))
            return new RangeHint(null, null, blocks);
        return null;
    }

    private static bool TryBlock(string text, out long block) =>
        text.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            ? long.TryParse(text.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out block) && block >= 0
            : long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out block);

    private static bool TrySpan(string digits, bool thousands, out long blocks)
    {
        var ok = long.TryParse(digits.Replace(",", "", StringComparison.Ordinal), NumberStyles.None, CultureInfo.InvariantCulture, out blocks);
        if (thousands) blocks *= 1_000;
        return ok && blocks > 0;
    }

    [GeneratedRegex(@"\[\s*(?<from>0x[0-9a-fA-F]+|\d+)\s*,\s*(?<to>0x[0-9a-fA-F]+|\d+)\s*\]")]
    private static partial Regex BracketRange();

    [GeneratedRegex(@"(?:limited to (?:a )?|max(?:imum)? block range(?: is)?:?\s*|up to (?:a )?|max(?:imum)? range(?: of)?:?\s*|range (?:limit|is limited to):?\s*)(?<n>\d[\d,]*)(?<k>[kK])?(?:\s*blocks?)?(?:\s*(?:block )?range)?", RegexOptions.IgnoreCase)]
    private static partial Regex SpanLimit();
}
