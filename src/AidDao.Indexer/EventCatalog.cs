using System.Buffers;
using System.Globalization;
using System.Numerics;
using System.Reflection;
using System.Text;
using System.Text.Json;
using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;
using Nethereum.Hex.HexConvertors.Extensions;
using Nethereum.RPC.Eth.DTOs;

namespace AidDao.Indexer;

/// <summary>
/// Every event of the AidDao contracts (community, contribution token, pool, round and both factories), by topic 0,
/// decoded with the generated Nethereum event DTOs. Built once by reflection over the bindings.
/// </summary>
public sealed class EventCatalog
{
    private static readonly string[] ProductNamespaces =
    [
        "AidDao.Contracts.Community.", "AidDao.Contracts.CommunityFactory.", "AidDao.Contracts.ContributionToken.",
        "AidDao.Contracts.EmergencyPool.", "AidDao.Contracts.FundingRound.", "AidDao.Contracts.RoundFactory.",
    ];

    private readonly Dictionary<string, EventDefinition> _byTopic;

    private EventCatalog(Dictionary<string, EventDefinition> byTopic) => _byTopic = byTopic;

    /// <summary>The catalog of the AidDao contracts' events.</summary>
    public static EventCatalog AidDao { get; } = Build();

    /// <summary>All events, by topic 0.</summary>
    public IReadOnlyDictionary<string, EventDefinition> ByTopic => _byTopic;

    /// <summary>The definition of a log's event; null when topic 0 is not an AidDao event.</summary>
    public EventDefinition? Find(FilterLog log)
    {
        ArgumentNullException.ThrowIfNull(log);
        return log.Topics is { Length: > 0 } topics && topics[0] is string topic && _byTopic.TryGetValue(topic.ToLowerInvariant(), out var definition)
            ? definition
            : null;
    }

    /// <summary>The topic 0 of an event DTO type.</summary>
    public static string TopicOf<TEvent>() where TEvent : IEventDTO, new() =>
        "0x" + ABITypedRegistry.GetEvent<TEvent>().Sha3Signature.ToLowerInvariant().Replace("0x", "", StringComparison.Ordinal);

    private static EventCatalog Build()
    {
        var byTopic = new Dictionary<string, EventDefinition>(StringComparer.Ordinal);
        var types = typeof(global::AidDao.Contracts.FundingRound.FundingRoundService).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false, IsGenericType: false } && typeof(IEventDTO).IsAssignableFrom(t)
                        && t.GetCustomAttribute<EventAttribute>() is not null && t.GetConstructor(Type.EmptyTypes) is not null
                        && ProductNamespaces.Any(n => t.FullName!.StartsWith(n, StringComparison.Ordinal)));
        foreach (var type in types.OrderBy(t => t.FullName, StringComparer.Ordinal))
        {
            var definition = (EventDefinition)typeof(EventCatalog).GetMethod(nameof(Define), BindingFlags.NonPublic | BindingFlags.Static)!
                .MakeGenericMethod(type).Invoke(null, null)!;
            byTopic.TryAdd(definition.Topic, definition);
        }
        return new EventCatalog(byTopic);
    }

    private static EventDefinition Define<TEvent>() where TEvent : IEventDTO, new()
    {
        var abi = ABITypedRegistry.GetEvent<TEvent>();
        var properties = typeof(TEvent).GetProperties()
            .Select(p => (Property: p, Parameter: p.GetCustomAttribute<ParameterAttribute>()))
            .Where(p => p.Parameter is not null)
            .OrderBy(p => p.Parameter!.Order)
            .Select(p => (Name: p.Parameter!.Name, Get: (Func<object, object?>)p.Property.GetValue))
            .ToArray();
        return new EventDefinition(
            abi.Name,
            $"{abi.Name}({string.Join(',', abi.InputParameters.Select(p => p.Type))})",
            TopicOf<TEvent>(),
            typeof(TEvent),
            log => log.DecodeEvent<TEvent>().Event!,
            dto => WriteArguments(properties, dto));
    }

    private static string WriteArguments((string Name, Func<object, object?> Get)[] properties, object dto)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (name, get) in properties)
            {
                switch (get(dto))
                {
                    case null: writer.WriteNull(name); break;
                    case string s: writer.WriteString(name, s); break;
                    case bool b: writer.WriteBoolean(name, b); break;
                    case byte[] bytes: writer.WriteString(name, bytes.ToHex(prefix: true)); break;
                    case BigInteger n: writer.WriteString(name, n.ToString(CultureInfo.InvariantCulture)); break;
                    case IFormattable f: writer.WriteString(name, f.ToString(null, CultureInfo.InvariantCulture)); break;
                    case var other: writer.WriteString(name, other.ToString()); break;
                }
            }
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
