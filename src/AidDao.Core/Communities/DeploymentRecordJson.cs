using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace AidDao.Core.Communities;

/// <summary>
/// The JSON form of a <see cref="DeploymentRecord"/>: <c>network</c>, <c>chainId</c>, <c>deployer</c>, <c>deployedAt</c>
/// (ISO 8601, UTC), <c>aidDaoVersion</c> and <c>contracts</c>, an object with one entry per contract
/// (<c>communityFactory</c>, <c>roundFactory</c>, the implementations), each <c>{ address, block, transactionHash }</c>.
/// An incomplete record says <c>"incomplete": true</c> and lists only the contracts that were mined.
/// </summary>
internal static class DeploymentRecordJson
{
    // The record holds no markup, so '+' (in versions) and the like are written as they are, for people to read.
    private static readonly JsonWriterOptions Indented = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The record as indented JSON.</summary>
    public static string Write(DeploymentRecord record)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, Indented))
        {
            writer.WriteStartObject();
            if (record.Network is null) writer.WriteNull("network");
            else writer.WriteString("network", record.Network);
            writer.WriteNumber("chainId", record.ChainId);
            writer.WriteString("deployer", record.Deployer.Value);
            writer.WriteString("deployedAt", record.DeployedAt.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
            writer.WriteString("aidDaoVersion", record.AidDaoVersion);
            if (record.IsIncomplete) writer.WriteBoolean("incomplete", true);
            writer.WriteStartObject("contracts");
            foreach (var contract in Enum.GetValues<AidDaoContract>().Where(record.Contracts.ContainsKey))
            {
                var deployed = record.Contracts[contract];
                writer.WriteStartObject(Key(contract));
                writer.WriteString("address", deployed.Address.Value);
                writer.WriteNumber("block", deployed.Block);
                writer.WriteString("transactionHash", deployed.TransactionHash);
                writer.WriteEndObject();
            }
            writer.WriteEndObject();
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    /// <summary>Reads a record; <paramref name="source"/> names the file in errors.</summary>
    public static DeploymentRecord Read(string json, string source)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            var network = root.TryGetProperty("network", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null;
            var chainId = Required(root, "chainId").GetInt64();
            var deployer = Address(Required(root, "deployer"), "deployer");
            var deployedAt = Required(root, "deployedAt").GetDateTimeOffset();
            var version = root.TryGetProperty("aidDaoVersion", out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : "unknown";
            var incomplete = root.TryGetProperty("incomplete", out var i) && i.GetBoolean();
            var contractsElement = Required(root, "contracts");
            var contracts = new Dictionary<AidDaoContract, DeployedContract>();
            foreach (var contract in Enum.GetValues<AidDaoContract>())
            {
                if (incomplete && !contractsElement.TryGetProperty(Key(contract), out _)) continue;
                var entry = Required(contractsElement, Key(contract));
                contracts[contract] = new DeployedContract(Address(Required(entry, "address"), Key(contract)), Required(entry, "block").GetInt64(),
                    Required(entry, "transactionHash").GetString() ?? throw new FormatException("transactionHash is not text"));
            }
            return new DeploymentRecord(network, chainId, deployer, deployedAt, version, contracts) { IsIncomplete = incomplete };
        }
        catch (Exception exception) when (exception is JsonException or FormatException or InvalidOperationException or KeyNotFoundException or AidDaoInputException)
        {
            throw new AidDaoInputException(
                $"The deployment record {source} is not valid ({exception.Message.TrimEnd('.')}): deploy again with --force, or give --factory.", exception);
        }
    }

    /// <summary>The JSON key of <paramref name="contract"/>: its name in camel case.</summary>
    public static string Key(AidDaoContract contract)
    {
        var name = contract.ToString();
        return string.Concat(char.ToLowerInvariant(name[0]).ToString(), name.AsSpan(1));
    }

    private static JsonElement Required(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null
            ? value
            : throw new KeyNotFoundException($"\"{name}\" is missing");

    private static EthAddress Address(JsonElement element, string what) =>
        EthAddress.TryParse(element.ValueKind == JsonValueKind.String ? element.GetString() : null, out var address)
            ? address
            : throw new FormatException($"the {what} address is not an address");
}
