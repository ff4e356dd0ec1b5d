using System.Text.RegularExpressions;

namespace AidDao.Core;

/// <summary>
/// Makes user input and URLs safe to repeat in messages: text holding a 64-hex-digit run may be a private key pasted into
/// the wrong place and is never echoed; URLs lose user-info, path and query, where hosted RPC providers put API keys.
/// </summary>
public static partial class Redaction
{
    /// <summary>What is shown instead of input that may be a key.</summary>
    public const string HiddenKey = "(hidden: it looks like a private key)";

    /// <summary><paramref name="text"/>, or <see cref="HiddenKey"/> when it may hold a private key.</summary>
    public static string Input(string? text) => text is null ? "" : KeyLike().IsMatch(text) ? HiddenKey : text;

    /// <summary>Scheme, host and port of <paramref name="url"/>, with "…" where a path or query was left out.</summary>
    public static string Url(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!url.IsAbsoluteUri) return "(relative URL)";
        var port = url.IsDefaultPort ? "" : $":{url.Port}";
        var hidden = url.PathAndQuery is "/" or "" && string.IsNullOrEmpty(url.UserInfo) ? "" : "…";
        return $"{url.Scheme}://{url.Host}{port}/{hidden}";
    }

    [GeneratedRegex("[0-9a-fA-F]{64}")]
    private static partial Regex KeyLike();
}
