using System.Globalization;
using System.Numerics;

namespace AidDao.Core.Pools;

/// <summary>
/// Converts between an asset's smallest units (wei for ETH) and the decimal amounts people read and type, exactly:
/// no floating point, no rounding. "1.5" with 18 decimals is 1500000000000000000.
/// </summary>
public static class TokenAmount
{
    /// <summary>The most decimals AidDao accepts for an asset (ERC-20 allows up to 255; real tokens use 0 to 24).</summary>
    public const int MaxDecimals = 36;

    /// <summary>
    /// Formats <paramref name="units"/> as a decimal with <paramref name="decimals"/> places, trailing zeros dropped,
    /// followed by <paramref name="symbol"/> when one is given: 1500000000000000000, 18, "ETH" → "1.5 ETH".
    /// </summary>
    public static string Format(BigInteger units, int decimals, string? symbol = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(decimals);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(decimals, MaxDecimals);
        var negative = units.Sign < 0;
        var magnitude = BigInteger.Abs(units);
        var scale = BigInteger.Pow(10, decimals);
        var whole = BigInteger.DivRem(magnitude, scale, out var fraction);
        var text = whole.ToString(CultureInfo.InvariantCulture);
        if (!fraction.IsZero)
            text += "." + fraction.ToString(CultureInfo.InvariantCulture).PadLeft(decimals, '0').TrimEnd('0');
        if (negative) text = "-" + text;
        return string.IsNullOrEmpty(symbol) ? text : $"{text} {symbol}";
    }

    /// <summary>
    /// Parses a non-negative decimal such as "2", "0.25" or "1_000.5" into smallest units; more fraction digits than
    /// <paramref name="decimals"/>, signs, exponents and other characters are refused with an <see cref="AidDaoInputException"/>.
    /// </summary>
    public static BigInteger Parse(string text, int decimals, string? symbol = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfNegative(decimals);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(decimals, MaxDecimals);
        var what = string.IsNullOrEmpty(symbol) ? "an amount" : $"an amount of {symbol}";
        var cleaned = text.Trim().Replace("_", "", StringComparison.Ordinal);
        var parts = cleaned.Split('.');
        if (cleaned.Length == 0 || parts.Length > 2 || parts.Any(p => !p.All(char.IsAsciiDigit)) || parts[0].Length + (parts.Length == 2 ? parts[1].Length : 0) == 0
            || (parts.Length == 2 && parts[1].Length == 0))
            throw new AidDaoInputException($"'{Redaction.Input(text)}' is not {what}: write a number such as 2 or 0.25.");
        var fraction = parts.Length == 2 ? parts[1] : "";
        if (fraction.Length > decimals)
            throw new AidDaoInputException($"'{Redaction.Input(text)}' has more than {decimals} decimal places, the most {symbol ?? "this asset"} allows.");
        var digits = (parts[0].Length == 0 ? "0" : parts[0]) + fraction.PadRight(decimals, '0');
        return BigInteger.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);
    }
}
