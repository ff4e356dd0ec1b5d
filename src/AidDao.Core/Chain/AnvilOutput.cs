using System.Globalization;

namespace AidDao.Core.Chain;

/// <summary>Understands the lines Anvil prints on standard output.</summary>
internal static class AnvilOutput
{
    private const string ListeningPrefix = "Listening on ";

    /// <summary>
    /// Recognises Anvil's readiness line, <c>Listening on 127.0.0.1:PORT</c>, and extracts the
    /// port Anvil bound (the real one when started with <c>--port 0</c>).
    /// </summary>
    public static bool TryParseListeningPort(string line, out int port)
    {
        port = 0;
        if (line is null)
        {
            return false;
        }

        ReadOnlySpan<char> text = line.AsSpan().Trim();
        if (!text.StartsWith(ListeningPrefix, StringComparison.Ordinal))
        {
            return false;
        }

        ReadOnlySpan<char> endpoint = text[ListeningPrefix.Length..];
        int colon = endpoint.LastIndexOf(':');
        return colon >= 0
            && int.TryParse(endpoint[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out port)
            && port is > 0 and <= 65535;
    }
}
