using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Nethereum.Util;

namespace AidDao.Core;

/// <summary>
/// A validated Ethereum address (20 bytes), shown in EIP-55 checksum form. Parsing accepts all-lower or all-upper
/// hex, or a correctly checksummed mixed-case address; a mixed-case address with a wrong checksum is rejected because it
/// usually means a typo.
/// </summary>
public readonly record struct EthAddress
{
    private readonly string? _checksummed;

    private EthAddress(string checksummed) => _checksummed = checksummed;

    /// <summary>The zero address.</summary>
    public static EthAddress Zero { get; } = new("0x0000000000000000000000000000000000000000");

    /// <summary>The address in EIP-55 checksum form.</summary>
    public string Value => _checksummed ?? Zero._checksummed!;

    /// <summary>Whether this is the zero address.</summary>
    public bool IsZero => Value == Zero.Value;

    /// <summary>Parses <paramref name="text"/> or throws <see cref="AidDaoInputException"/> saying what is wrong.</summary>
    public static EthAddress Parse(string? text, string what = "address")
    {
        if (TryParse(text, out var address, out var problem)) return address;
        throw new AidDaoInputException($"'{Redaction.Input(text)}' is not a valid {what}: {problem}.");
    }

    /// <summary>Parses <paramref name="text"/>; returns false with a reason when it is not an address.</summary>
    public static bool TryParse(string? text, out EthAddress address) => TryParse(text, out address, out _);

    /// <summary>Parses <paramref name="text"/>; returns false with <paramref name="problem"/> when it is not an address.</summary>
    public static bool TryParse(string? text, out EthAddress address, [NotNullWhen(false)] out string? problem)
    {
        address = default;
        var trimmed = text?.Trim() ?? "";
        if (!trimmed.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            problem = "an address starts with 0x followed by 40 hex digits";
            return false;
        }
        var hex = trimmed[2..];
        if (hex.Length != 40)
        {
            problem = $"it has {hex.Length} hex digits after 0x, an address has 40";
            return false;
        }
        if (!hex.All(Uri.IsHexDigit))
        {
            problem = "it contains characters that are not hex digits";
            return false;
        }
        var checksummed = new AddressUtil().ConvertToChecksumAddress("0x" + hex);
        var mixedCase = hex.Any(char.IsLower) && hex.Any(char.IsUpper);
        if (mixedCase && !string.Equals(checksummed, "0x" + hex, StringComparison.Ordinal))
        {
            problem = "its mixed-case checksum (EIP-55) does not match, which usually means a typo";
            return false;
        }
        address = new EthAddress(checksummed);
        problem = null;
        return true;
    }

    /// <summary>Wraps an address that came from the chain (already well-formed).</summary>
    public static EthAddress FromChain(string value) => Parse(value, "address from the chain");

    /// <summary>A short form for tables and logs, e.g. 0xf39F…2266.</summary>
    public string Abbreviated => string.Create(CultureInfo.InvariantCulture, $"{Value[..6]}…{Value[^4..]}");

    /// <inheritdoc />
    public override string ToString() => Value;

    /// <summary>The checksummed string.</summary>
    public static implicit operator string(EthAddress address) => address.Value;
}
