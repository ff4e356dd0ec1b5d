using System.Text.RegularExpressions;

namespace AidDao.Core.Chain;

/// <summary>
/// A chain AidDao knows by name (<c>--network sepolia</c>): its id, the RPC URLs to reach it (tried in order, see
/// <see cref="FallbackRpcClient"/>), how many blocks to wait before trusting one, and how people look at it.
/// </summary>
/// <param name="Name">The name used on the command line, lower case (e.g. <c>base-sepolia</c>).</param>
/// <param name="ChainId">The chain id every node of the network must answer.</param>
/// <param name="RpcUrls">
/// JSON-RPC URLs in order of preference. They may hold <c>${VARIABLE}</c> placeholders, filled from the environment by
/// <see cref="ResolveRpcUrls"/>, so API keys stay out of files.
/// </param>
/// <param name="Confirmations">Blocks to stay behind the head before a block counts as settled.</param>
/// <param name="ExplorerTxUrl">A block explorer's transaction page with <c>{tx}</c> for the hash, or null.</param>
/// <param name="NativeSymbol">The symbol of the token gas is paid in (ETH, POL, xDAI).</param>
/// <param name="DisplayName">The name shown to people (e.g. "Base Sepolia").</param>
public sealed partial record ChainProfile(
    string Name,
    long ChainId,
    IReadOnlyList<string> RpcUrls,
    int Confirmations,
    string? ExplorerTxUrl,
    string NativeSymbol,
    string DisplayName)
{
    /// <summary>AidDao's own secret variables (the default signing key and wallet password), never put into a URL.</summary>
    public static IReadOnlyList<string> SecretVariables { get; } = ["AIDDAO_PRIVATE_KEY", "AIDDAO_WALLET_PASSWORD"];

    /// <summary>Parts of a variable name that mark it as a secret never put into a URL (compared without regard to case).</summary>
    private static readonly string[] SecretNameParts = ["PASSWORD", "PRIVATE", "MNEMONIC", "SEED"];

    /// <summary>
    /// The RPC URLs with their <c>${VARIABLE}</c> placeholders filled from <paramref name="getVariable"/> (default: the
    /// environment). A placeholder whose variable is unset or empty is an <see cref="AidDaoInputException"/> naming it.
    /// </summary>
    /// <param name="getVariable">Reads a variable; default <see cref="Environment.GetEnvironmentVariable(string)"/>.</param>
    /// <param name="secretVariables">
    /// More variables that hold secrets (the ones <c>--key-env</c> and <c>--password-env</c> name). A placeholder naming
    /// one of them, one of <see cref="SecretVariables"/>, or a variable whose name contains PASSWORD, PRIVATE, MNEMONIC or
    /// SEED is refused with an <see cref="AidDaoInputException"/> before any variable is read: a networks file someone
    /// else wrote must not be able to send a key or password to its RPC host.
    /// </param>
    public IReadOnlyList<Uri> ResolveRpcUrls(Func<string, string?>? getVariable = null, IEnumerable<string>? secretVariables = null)
    {
        getVariable ??= Environment.GetEnvironmentVariable;
        var secrets = SecretVariables.Concat(secretVariables ?? []).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var template in RpcUrls)
        {
            foreach (Match match in Placeholder().Matches(template))
            {
                var variable = match.Groups[1].Value;
                if (secrets.Contains(variable) || SecretNameParts.Any(part => variable.Contains(part, StringComparison.OrdinalIgnoreCase)))
                    throw new AidDaoInputException(
                        $"Network '{Name}' has an RPC URL with ${{{variable}}}, which names a secret (a key, password, mnemonic or seed) that AidDao never sends to a node: "
                        + "remove it from the networks file, and check who wrote that file.");
            }
        }
        var urls = new List<Uri>(RpcUrls.Count);
        foreach (var template in RpcUrls)
        {
            var text = Placeholder().Replace(template, match =>
            {
                var variable = match.Groups[1].Value;
                var value = getVariable(variable);
                return string.IsNullOrEmpty(value)
                    ? throw new AidDaoInputException(
                        $"Network '{Name}' needs the environment variable {variable} for an RPC URL, and it is not set: set it, or give --rpc.")
                    : value;
            });
            urls.Add(ParseUrl(text) ?? throw new AidDaoInputException(
                $"Network '{Name}' has an RPC URL that is not an http(s) URL once its variables are filled in ({Redaction.Input(template)}): check the variables it names."));
        }
        return urls;
    }

    /// <summary>The explorer page of transaction <paramref name="transactionHash"/>, or null without an explorer.</summary>
    public string? ExplorerLink(string transactionHash) =>
        ExplorerTxUrl?.Replace("{tx}", transactionHash, StringComparison.Ordinal);

    /// <summary>Whether <paramref name="template"/> is an http(s) URL once its placeholders are filled (with anything).</summary>
    internal static bool IsUrlTemplate(string template) => ParseUrl(Placeholder().Replace(template, "x")) is not null;

    private static Uri? ParseUrl(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps) ? url : null;

    [GeneratedRegex(@"\$\{([A-Za-z_][A-Za-z0-9_]*)\}")]
    private static partial Regex Placeholder();
}
