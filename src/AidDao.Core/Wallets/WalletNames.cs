using System.Text.Json;

namespace AidDao.Core.Wallets;

/// <summary>
/// The wallet directory's <c>names.json</c>: one JSON object mapping each wallet name to its keystore's file name, e.g.
/// <c>{"alice": "UTC--2025-01-31T10-00-00.000000000Z--f39fd6e5…"}</c>. Names are unique regardless of letter case.
/// </summary>
internal sealed class WalletNames
{
    public const string FileName = "names.json";

    private readonly SortedDictionary<string, string> _files;

    private WalletNames(SortedDictionary<string, string> files) => _files = files;

    /// <summary>Name → keystore file name.</summary>
    public IReadOnlyDictionary<string, string> Files => _files;

    /// <summary>Reads the index of <paramref name="directory"/>; none yet is an empty index.</summary>
    public static WalletNames Load(string directory)
    {
        var path = Path.Combine(directory, FileName);
        var files = new SortedDictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (!File.Exists(path)) return new WalletNames(files);
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path));
            if (document.RootElement.ValueKind != JsonValueKind.Object) throw WalletFileException.For(path, "it is not a JSON object of wallet names");
            foreach (var entry in document.RootElement.EnumerateObject())
            {
                var file = entry.Value.ValueKind == JsonValueKind.String ? entry.Value.GetString()! : "";
                if (!WalletStore.IsValidName(entry.Name) || file.Length == 0 || Path.GetFileName(file) != file || !files.TryAdd(entry.Name, file))
                    throw WalletFileException.For(path, $"its entry '{entry.Name}' is not a wallet name with a keystore file name");
            }
        }
        catch (Exception exception) when (exception is JsonException or IOException or UnauthorizedAccessException)
        {
            throw WalletFileException.For(path, exception is JsonException ? "it is not JSON" : $"it cannot be read ({exception.GetType().Name})", exception);
        }
        return new WalletNames(files);
    }

    /// <summary>The name of the keystore file <paramref name="fileName"/>, or null.</summary>
    public string? NameOf(string fileName) => _files.FirstOrDefault(pair => pair.Value == fileName).Key;

    /// <summary>Adds a name and writes the index atomically.</summary>
    public void AddAndSave(string directory, string name, string fileName)
    {
        _files.Add(name, fileName);
        PrivateFile.Replace(Path.Combine(directory, FileName), JsonSerializer.Serialize(_files, Indented) + "\n");
    }

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };
}
