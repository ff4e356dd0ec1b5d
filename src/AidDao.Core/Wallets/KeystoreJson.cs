using System.Globalization;
using System.Text.Json;

namespace AidDao.Core.Wallets;

/// <summary>
/// Reads the fields of a keystore's JSON the way geth and ethers do (names in any letter case, e.g. ethers' "Crypto"),
/// and turns every missing or malformed field into a <see cref="WalletFileException"/> naming the file and the field.
/// </summary>
internal static class KeystoreJson
{
    /// <summary>The field <paramref name="name"/> of <paramref name="parent"/>, or null when absent.</summary>
    public static JsonElement? Find(JsonElement parent, string name)
    {
        foreach (var property in parent.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase)) return property.Value;
        }
        return null;
    }

    /// <summary>The object field <paramref name="name"/>.</summary>
    public static JsonElement Object(JsonElement parent, string name, string source) =>
        Required(parent, name, JsonValueKind.Object, "an object", source);

    /// <summary>The string field <paramref name="name"/>.</summary>
    public static string String(JsonElement parent, string name, string source) =>
        Required(parent, name, JsonValueKind.String, "a string", source).GetString()!;

    /// <summary>The integer field <paramref name="name"/>, which must lie in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public static int Integer(JsonElement parent, string name, int min, int max, string source)
    {
        var element = Required(parent, name, JsonValueKind.Number, "a number", source);
        if (!element.TryGetInt32(out var value) || value < min || value > max)
            throw WalletFileException.For(source, string.Create(CultureInfo.InvariantCulture, $"its '{name}' is {element.GetRawText()}, outside {min} to {max}"));
        return value;
    }

    /// <summary>The hex string field <paramref name="name"/> as bytes; <paramref name="length"/> bytes when given.</summary>
    public static byte[] Hex(JsonElement parent, string name, string source, int? length = null)
    {
        var text = String(parent, name, source);
        var hex = text.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? text[2..] : text;
        if (hex.Length == 0 || hex.Length % 2 != 0 || !hex.All(Uri.IsHexDigit))
            throw WalletFileException.For(source, $"its '{name}' is not hex");
        var bytes = Convert.FromHexString(hex);
        if (length is { } expected && bytes.Length != expected)
            throw WalletFileException.For(source, string.Create(CultureInfo.InvariantCulture, $"its '{name}' has {bytes.Length} bytes, not {expected}"));
        return bytes;
    }

    private static JsonElement Required(JsonElement parent, string name, JsonValueKind kind, string what, string source)
    {
        var element = Find(parent, name) ?? throw WalletFileException.For(source, $"it has no '{name}' field");
        if (element.ValueKind != kind) throw WalletFileException.For(source, $"its '{name}' is not {what}");
        return element;
    }
}
