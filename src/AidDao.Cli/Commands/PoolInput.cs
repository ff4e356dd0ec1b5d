using System.Globalization;
using System.Numerics;
using System.Text.RegularExpressions;
using AidDao.Core;
using AidDao.Core.Communities;
using AidDao.Core.Pools;

namespace AidDao.Cli.Commands;

/// <summary>
/// What <c>aiddao pool</c> reads from the command line: ids, durations ("90m", "24h", "7d"), amounts, urgencies, request
/// details and asset specifications ("ETH:rate=1:max=2:cap=5:reserve=1:fast=0.5"). Every mistake is an
/// <see cref="AidDaoInputException"/> (exit code 2), raised before anything is sent.
/// </summary>
internal static partial class PoolInput
{
    /// <summary>The keys of an asset specification, in the order they are documented.</summary>
    public static readonly IReadOnlyList<string> LimitKeys = ["rate", "max", "cap", "reserve", "fast"];

    /// <summary>The largest details file read (1 MiB); stewards receive the details privately, not from the chain.</summary>
    private const int MaximumDetailsBytes = 1 << 20;

    /// <summary>A request or change id: a whole number from 1.</summary>
    public static BigInteger Id(string text, string what)
    {
        if (BigInteger.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id.Sign > 0) return id;
        throw new AidDaoInputException($"'{Redaction.Input(text)}' is not a valid {what}: give a whole number from 1.");
    }

    /// <summary>Urgency 1 (can wait) to 5 (life or safety).</summary>
    public static int Urgency(int urgency) => urgency is >= 1 and <= 5
        ? urgency
        : throw new AidDaoInputException($"--urgency {urgency} is not valid: use 1 (can wait) to 5 (life or safety).");

    /// <summary>Refuses text that is not a decimal number at all, before the asset (and so its decimals) is known.</summary>
    public static string AmountSyntax(string text)
    {
        TokenAmount.Parse(text, TokenAmount.MaxDecimals);
        return text;
    }

    /// <summary>Refuses amounts in <paramref name="values"/> (all but the rate) that are not decimal numbers at all.</summary>
    public static void AmountSyntax(IReadOnlyDictionary<string, string?> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        foreach (var (key, text) in values)
        {
            if (text is not null && !string.Equals(key, "rate", StringComparison.OrdinalIgnoreCase)) AmountSyntax(text);
        }
    }

    /// <summary>A duration: a whole number and a unit, s, m, h, d or w ("90m", "24h", "7d").</summary>
    public static TimeSpan Duration(string text, string what)
    {
        var match = DurationPattern().Match(text);
        if (match.Success && long.TryParse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count <= 10_000_000)
        {
            var seconds = count * char.ToLowerInvariant(match.Groups[2].Value[0]) switch
            {
                's' => 1L,
                'm' => 60L,
                'h' => 3_600L,
                'd' => 86_400L,
                _ => 604_800L,
            };
            if (seconds <= (long)TimeSpan.MaxValue.TotalSeconds) return TimeSpan.FromSeconds(seconds);
            throw new AidDaoInputException($"'{Redaction.Input(text)}' is far too long for {what}.");
        }
        throw new AidDaoInputException($"'{Redaction.Input(text)}' is not a duration for {what}: write a whole number and a unit, such as 90m, 24h or 7d.");
    }

    /// <summary>A duration in its largest whole unit: "7 days", "90 minutes", "1 hour".</summary>
    public static string Duration(TimeSpan duration)
    {
        var seconds = (long)duration.TotalSeconds;
        (long Size, string Unit)[] units = [(86_400, "day"), (3_600, "hour"), (60, "minute")];
        foreach (var (size, unit) in units)
        {
            if (seconds != 0 && seconds % size == 0) return Plural(seconds / size, unit);
        }
        return Plural(seconds, "second");
    }

    private static string Plural(long count, string unit) =>
        string.Create(CultureInfo.InvariantCulture, $"{count} {unit}{(count == 1 ? "" : "s")}");

    /// <summary>
    /// The hash of a request's details, from <c>--details</c> or <c>--details-file</c> (exactly one); the details
    /// themselves are never sent.
    /// </summary>
    public static byte[] DetailsHashOf(string? text, string? path)
    {
        if (text is not null && path is not null) throw new AidDaoInputException("Give --details or --details-file, not both.");
        if (text is not null) return DetailsHash.Of(text);
        if (path is null)
            throw new AidDaoInputException("A request needs its details: give --details TEXT or --details-file PATH (only their hash is sent; share the details with the stewards privately).");
        try
        {
            if (new FileInfo(path).Length > MaximumDetailsBytes) throw new AidDaoInputException($"The --details-file {path} is over 1 MiB; give a short summary instead.");
            return DetailsHash.OfBytes(File.ReadAllBytes(path));
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new AidDaoInputException(
                exception is FileNotFoundException ? $"The --details-file {path} does not exist." : $"The --details-file {path} cannot be read ({exception.GetType().Name}).", exception);
        }
    }

    /// <summary>
    /// Splits an asset specification "ASSET:key=value:…" into the asset (ETH or a token address) and its values by key
    /// (keys from <see cref="LimitKeys"/>, each at most once).
    /// </summary>
    public static (string Asset, IReadOnlyDictionary<string, string?> Values) AssetSpec(string spec)
    {
        var parts = spec.Split(':', StringSplitOptions.TrimEntries);
        var asset = parts[0];
        if (asset.Length == 0 || (!string.Equals(asset, "ETH", StringComparison.OrdinalIgnoreCase) && !EthAddress.TryParse(asset, out _)))
            throw new AidDaoInputException($"--asset '{Redaction.Input(spec)}' must start with ETH or a token address, e.g. ETH:rate=1:max=2:cap=5:reserve=1:fast=0.5.");
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var part in parts.Skip(1))
        {
            var pair = part.Split('=', 2, StringSplitOptions.TrimEntries);
            if (pair.Length != 2 || !LimitKeys.Contains(pair[0], StringComparer.OrdinalIgnoreCase))
                throw new AidDaoInputException($"'{Redaction.Input(part)}' in --asset {Redaction.Input(asset)} is not KEY=AMOUNT with a key of {string.Join(", ", LimitKeys)}.");
            if (!values.TryAdd(pair[0], pair[1])) throw new AidDaoInputException($"{pair[0]} is given twice in --asset {Redaction.Input(asset)}.");
        }
        return (asset, values);
    }

    /// <summary>
    /// <paramref name="asset"/>'s rules from <paramref name="values"/> (whole units of the asset; rate in contribution
    /// tokens per whole unit), each missing value taken from <paramref name="current"/>.
    /// </summary>
    public static AssetRules Rules(PoolAsset asset, IReadOnlyDictionary<string, string?> values, AssetRules current)
    {
        BigInteger Amount(string key, BigInteger otherwise) => values.GetValueOrDefault(key) is { } text ? asset.Parse(text) : otherwise;
        var rules = new AssetRules(asset.Address,
            values.GetValueOrDefault("rate") is { } rate ? MintRate(rate, asset) : current.MintRate,
            Amount("max", current.PerRequestMax), Amount("cap", current.WindowCap), Amount("reserve", current.ReserveFloor), Amount("fast", current.FastPathCap));
        rules.Validate();
        return rules;
    }

    /// <summary>No limits at all: the starting point of an asset the pool does not accept yet.</summary>
    public static AssetRules NoRules(PoolAsset asset) => new(asset.Address, 0, 0, 0, 0, 0);

    /// <summary>
    /// The contract's mint rate (contribution-token wei per 10^18 units deposited) for <paramref name="text"/>
    /// contribution tokens per whole unit of <paramref name="asset"/>; refused when it cannot be expressed exactly.
    /// </summary>
    public static BigInteger MintRate(string text, PoolAsset asset)
    {
        var perWholeUnit = TokenAmount.Parse(text, 18, "contribution tokens");
        var scaled = perWholeUnit * ContributionTokenService.UnitsPerToken;
        var rate = BigInteger.DivRem(scaled, BigInteger.Pow(10, asset.Decimals), out var rest);
        if (!rest.IsZero) throw new AidDaoInputException($"A rate of {Redaction.Input(text)} tokens per {asset.Symbol} cannot be expressed exactly; use fewer decimal places.");
        return rate;
    }

    /// <summary>Contribution tokens per whole unit of <paramref name="asset"/>, as a decimal (rounded down past 18 places).</summary>
    public static string Rate(BigInteger mintRate, PoolAsset asset) =>
        TokenAmount.Format(mintRate * BigInteger.Pow(10, asset.Decimals) / ContributionTokenService.UnitsPerToken, 18);

    [GeneratedRegex(@"^\s*(\d{1,12})\s*([smhdw])\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DurationPattern();
}
