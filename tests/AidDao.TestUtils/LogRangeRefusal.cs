using System.Globalization;

namespace AidDao.TestUtils;

/// <summary>
/// Refusal texts for <see cref="RpcFaultProxy.RefuseLogRangesAbove(long, Func{long, long, string}, int)"/>, worded
/// like real providers. Each takes the refused range (first and last block) and returns the message.
/// </summary>
public static class LogRangeRefusal
{
    /// <summary>The JSON-RPC code providers use for "limit exceeded".</summary>
    public const int LimitExceededCode = -32005;

    /// <summary>
    /// Infura's and Alchemy's wording with a suggested range that starts at the refused range's first block and spans
    /// <paramref name="maxBlocks"/> blocks: <c>query returned more than 10000 results. Try with this block range [0x10, 0x3f7].</c>
    /// </summary>
    /// <param name="maxBlocks">The largest range the node accepts; at least 1.</param>
    /// <returns>A message builder.</returns>
    public static Func<long, long, string> SuggestingRange(long maxBlocks)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBlocks, 1);
        return (from, to) => string.Create(
            CultureInfo.InvariantCulture,
            $"query returned more than 10000 results. Try with this block range [0x{from:x}, 0x{Math.Min(to, from + maxBlocks - 1):x}].");
    }

    /// <summary>A plain limit that names no range: <c>query exceeds max block range 1000</c>.</summary>
    /// <param name="maxBlocks">The largest range the node accepts; at least 1.</param>
    /// <returns>A message builder.</returns>
    public static Func<long, long, string> StatingLimit(long maxBlocks)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBlocks, 1);
        string message = string.Create(CultureInfo.InvariantCulture, $"query exceeds max block range {maxBlocks}");
        return (_, _) => message;
    }
}
