using System.Globalization;
using System.Text.Json;

namespace AidDao.Core.Chain;

/// <summary>JSON-RPC quantities: <c>0x</c>-prefixed hex strings (some nodes also answer plain numbers).</summary>
internal static class HexQuantity
{
    /// <summary>Formats a non-negative value as a JSON-RPC quantity, e.g. <c>0x1a</c>.</summary>
    public static string Format(long value)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(value);
        return "0x" + value.ToString("x", CultureInfo.InvariantCulture);
    }

    /// <summary>Parses a quantity that must fit in a non-negative <see cref="long"/>.</summary>
    /// <exception cref="DevnetException">The value is not a quantity or is out of range.</exception>
    public static long ParseInt64(JsonElement value, string description)
    {
        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out long number) && number >= 0)
        {
            return number;
        }

        if (value.ValueKind == JsonValueKind.String
            && value.GetString() is { } text
            && text.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            && text.Length > 2
            && ulong.TryParse(text.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out ulong parsed)
            && parsed <= long.MaxValue)
        {
            return (long)parsed;
        }

        throw new DevnetException($"The node returned {value.GetRawText()} as {description}; expected a hex quantity such as \"0x7a69\".");
    }
}
