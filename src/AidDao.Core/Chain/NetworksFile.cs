using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace AidDao.Core.Chain;

/// <summary>
/// Reads a networks file: <c>{ "networks": { "NAME": { "chainId": N, "rpcUrls": [...], "confirmations": N,
/// "explorerTxUrl": "...{tx}", "nativeSymbol": "ETH", "displayName": "..." } } }</c>. A built-in name takes the fields
/// given and keeps the rest (its chain id cannot change); a new name needs <c>chainId</c> and <c>rpcUrls</c>. Comments
/// and trailing commas are allowed; unknown fields are refused, since a misspelt field would otherwise be ignored.
/// </summary>
internal static partial class NetworksFile
{
    private const int MaxConfirmations = 10_000;
    private static readonly string[] Fields = ["chainId", "rpcUrls", "confirmations", "explorerTxUrl", "nativeSymbol", "displayName"];
    private static readonly JsonDocumentOptions Options = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    /// <summary><paramref name="builtIns"/> with the file's changes, then its new networks.</summary>
    public static IReadOnlyList<ChainProfile> Apply(string json, string source, IReadOnlyList<ChainProfile> builtIns)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, Options);
        }
        catch (JsonException exception)
        {
            throw Invalid(source, $"it is not valid JSON ({exception.Message})");
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("networks", out var networks) || networks.ValueKind != JsonValueKind.Object)
                throw Invalid(source, "it needs an object { \"networks\": { \"NAME\": { ... } } }");
            foreach (var field in root.EnumerateObject())
            {
                if (field.Name != "networks") throw Invalid(source, $"unknown top-level field '{Redaction.Input(field.Name)}' (only \"networks\")");
            }

            var profiles = builtIns.ToList();
            foreach (var network in networks.EnumerateObject())
            {
                var name = network.Name;
                if (!NamePattern().IsMatch(name))
                    throw Invalid(source, $"'{Redaction.Input(name)}' is not a network name: use lower-case letters, digits and '-' (e.g. my-chain)");
                var index = profiles.FindIndex(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));
                var built = Read(network.Value, name, index < 0 ? null : profiles[index], source);
                if (index < 0) profiles.Add(built);
                else profiles[index] = built;
            }
            return profiles;
        }
    }

    private static ChainProfile Read(JsonElement value, string name, ChainProfile? existing, string source)
    {
        if (value.ValueKind != JsonValueKind.Object) throw Invalid(source, $"network '{name}' must be an object");
        foreach (var field in value.EnumerateObject())
        {
            if (!Fields.Contains(field.Name, StringComparer.Ordinal))
                throw Invalid(source, $"network '{name}' has an unknown field '{Redaction.Input(field.Name)}' (known: {string.Join(", ", Fields)})");
        }
        long? chainId = value.TryGetProperty("chainId", out var id) ? ChainIdOf(id, name, source) : null;
        if (existing is not null && chainId is { } changed && changed != existing.ChainId)
            throw Invalid(source, $"network '{name}' is chain {existing.ChainId}; a file may change its URLs and settings but not its chain id: give chain {changed} another name");
        var urls = value.TryGetProperty("rpcUrls", out var list) ? UrlsOf(list, name, source) : existing?.RpcUrls;
        if (existing is null && (chainId is null || urls is null))
            throw Invalid(source, $"network '{name}' is new, so it needs \"chainId\" and \"rpcUrls\"");
        int? confirmations = value.TryGetProperty("confirmations", out var c) ? ConfirmationsOf(c, name, source) : null;
        var explorer = value.TryGetProperty("explorerTxUrl", out var e) ? ExplorerOf(e, name, source) : existing?.ExplorerTxUrl;
        var symbol = value.TryGetProperty("nativeSymbol", out var s) ? TextOf(s, "nativeSymbol", name, source, 11) : existing?.NativeSymbol;
        var display = value.TryGetProperty("displayName", out var d) ? TextOf(d, "displayName", name, source, 64) : existing?.DisplayName;
        return new ChainProfile(existing?.Name ?? name, chainId ?? existing!.ChainId, urls!,
            confirmations ?? existing?.Confirmations ?? (chainId == DevnetOptions.DefaultChainId ? 0 : 12),
            explorer, symbol ?? "ETH", display ?? name);
    }

    private static long ChainIdOf(JsonElement value, string name, string source) =>
        value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var id) && id > 0
            ? id
            : throw Invalid(source, $"network '{name}': \"chainId\" must be a positive whole number");

    private static int ConfirmationsOf(JsonElement value, string name, string source) =>
        value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var n) && n is >= 0 and <= MaxConfirmations
            ? n
            : throw Invalid(source, string.Create(CultureInfo.InvariantCulture, $"network '{name}': \"confirmations\" must be a whole number from 0 to {MaxConfirmations}"));

    private static List<string> UrlsOf(JsonElement value, string name, string source)
    {
        if (value.ValueKind != JsonValueKind.Array || value.GetArrayLength() == 0)
            throw Invalid(source, $"network '{name}': \"rpcUrls\" must be a list of one or more URLs");
        var urls = new List<string>();
        foreach (var item in value.EnumerateArray())
        {
            var text = item.ValueKind == JsonValueKind.String ? item.GetString()! : "";
            if (!ChainProfile.IsUrlTemplate(text))
                throw Invalid(source, $"network '{name}': '{Redaction.Input(text)}' in \"rpcUrls\" is not an http(s) URL (use ${{VARIABLE}} for keys)");
            urls.Add(text);
        }
        return urls;
    }

    private static string? ExplorerOf(JsonElement value, string name, string source)
    {
        if (value.ValueKind == JsonValueKind.Null) return null;
        var text = value.ValueKind == JsonValueKind.String ? value.GetString()! : "";
        if (!text.Contains("{tx}", StringComparison.Ordinal) || !ChainProfile.IsUrlTemplate(text.Replace("{tx}", "0x", StringComparison.Ordinal)))
            throw Invalid(source, $"network '{name}': \"explorerTxUrl\" must be an http(s) URL with {{tx}} where the transaction hash goes");
        return text;
    }

    private static string TextOf(JsonElement value, string field, string name, string source, int maxLength) =>
        value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text && text.Length <= maxLength
            ? text
            : throw Invalid(source, string.Create(CultureInfo.InvariantCulture, $"network '{name}': \"{field}\" must be text of 1 to {maxLength} characters"));

    private static AidDaoInputException Invalid(string source, string problem) =>
        new($"The networks file {source} is not valid: {problem}.");

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,39}$")]
    private static partial Regex NamePattern();
}
