using System.Globalization;
using System.Text.Json;
using AidDao.Core;
using AidDao.Core.ReadModel;
using Dapper;

namespace AidDao.Data;

/// <summary>The event stream: every indexed log in chain order, with its arguments and block time.</summary>
public sealed partial class SqlReadModel
{
    private const string EventColumns = "block_number, block_hash, log_index, tx_hash, contract, name, args, block_time";

    /// <inheritdoc />
    public async Task<IReadOnlyList<IndexedEvent>> GetEventsAsync(long chainId, long afterBlock, long afterLogIndex, int limit, CancellationToken cancellationToken,
        IReadOnlyCollection<EthAddress>? contracts = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        await using var db = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await db.QueryAsync(Q(
            $"SELECT {EventColumns} FROM events WHERE chain_id = @chainId AND (block_number > @afterBlock OR (block_number = @afterBlock AND log_index > @afterLogIndex)) " +
            $"{ContractFilter(contracts)} ORDER BY block_number, log_index LIMIT @limit",
            new { chainId, afterBlock, afterLogIndex, limit, contracts = contracts?.Select(Key).ToArray() }, cancellationToken)).ConfigureAwait(false);
        return rows.Cast<IDictionary<string, object?>>().Select(Event).ToList();
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<IndexedEvent>> GetRecentEventsAsync(long chainId, int limit, CancellationToken cancellationToken,
        IReadOnlyCollection<EthAddress>? contracts = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        await using var db = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await db.QueryAsync(Q(
            $"SELECT {EventColumns} FROM events WHERE chain_id = @chainId {ContractFilter(contracts)} ORDER BY block_number DESC, log_index DESC LIMIT @limit",
            new { chainId, limit, contracts = contracts?.Select(Key).ToArray() }, cancellationToken)).ConfigureAwait(false);
        return rows.Cast<IDictionary<string, object?>>().Reverse().Select(Event).ToList();
    }

    // Dapper expands "IN @list" for SQLite; Npgsql sends the list as one array parameter.
    private string ContractFilter(IReadOnlyCollection<EthAddress>? contracts) =>
        contracts is null ? "" : _database.Dialect == SqlDialect.PostgreSql ? "AND contract = ANY(@contracts)" : "AND contract IN @contracts";

    /// <inheritdoc />
    public async Task<IReadOnlyList<IndexedPoolChange>> GetPoolChangesAsync(long chainId, EthAddress pool, long now, CancellationToken cancellationToken)
    {
        var p = Key(pool);
        await using var db = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await db.QueryAsync(Q(
            $"SELECT {EventColumns} FROM events WHERE chain_id = @chainId AND contract = @p AND name IN ('ChangeProposed', 'AssetLimitsProposed', 'ChangeApproved', 'ChangeExecuted', 'ChangeCancelled') " +
            "ORDER BY block_number, log_index",
            new { chainId, p }, cancellationToken)).ConfigureAwait(false);
        var changes = new List<(long Id, IndexedPoolChange Change, List<EthAddress> Approvals, string? Outcome)>();
        var byId = new Dictionary<long, int>();
        foreach (var e in rows.Cast<IDictionary<string, object?>>().Select(Event))
        {
            var id = long.Parse(e.Args["changeId"], CultureInfo.InvariantCulture);
            if (e.Name == "ChangeProposed")
            {
                byId[id] = changes.Count;
                changes.Add((id, new IndexedPoolChange(id, Address(e.Args["proposer"]), int.Parse(e.Args["kind"], CultureInfo.InvariantCulture),
                    Address(e.Args["asset"]), System.Numerics.BigInteger.Parse(e.Args["value"], CultureInfo.InvariantCulture), e.Args["reason"],
                    long.Parse(e.Args["expiresAt"], CultureInfo.InvariantCulture), [], "pending"), [], null));
                continue;
            }
            if (!byId.TryGetValue(id, out var at)) continue;
            var entry = changes[at];
            switch (e.Name)
            {
                case "ChangeApproved": entry.Approvals.Add(Address(e.Args["steward"])); break;
                case "AssetLimitsProposed":
                    changes[at] = entry with
                    {
                        Change = entry.Change with
                        {
                            Limits = new IndexedAssetLimits(Big(e.Args["mintRate"]), Big(e.Args["perRequestMax"]), Big(e.Args["windowCap"]),
                                Big(e.Args["reserveFloor"]), Big(e.Args["fastPathCap"]), System.Numerics.BigInteger.Zero),
                        },
                    };
                    break;
                case "ChangeExecuted": changes[at] = entry with { Outcome = "executed" }; break;
                case "ChangeCancelled": changes[at] = entry with { Outcome = "cancelled" }; break;
            }
        }
        return changes.Select(c => c.Change with
        {
            Approvals = c.Approvals,
            Status = c.Outcome ?? (now >= c.Change.ExpiresAt ? "expired" : "pending"),
        }).ToList();
    }

    /// <summary>An event from a row of <c>events</c> (read as a dictionary: more columns than Dapper's value tuples take).</summary>
    private static IndexedEvent Event(IDictionary<string, object?> row) => new(
        Convert.ToInt64(row["block_number"], CultureInfo.InvariantCulture),
        (string)row["block_hash"]!,
        Convert.ToInt64(row["log_index"], CultureInfo.InvariantCulture),
        (string)row["tx_hash"]!,
        Address((string)row["contract"]!),
        (string)row["name"]!,
        Arguments((string)row["args"]!),
        row["block_time"] is null or DBNull ? null : Convert.ToInt64(row["block_time"], CultureInfo.InvariantCulture));

    /// <summary>The arguments as <c>LogProjector</c> stored them: a JSON object of strings and booleans.</summary>
    private static Dictionary<string, string> Arguments(string json)
    {
        var arguments = new Dictionary<string, string>(StringComparer.Ordinal);
        using var document = JsonDocument.Parse(json);
        foreach (var property in document.RootElement.EnumerateObject())
        {
            arguments[property.Name] = property.Value.ValueKind switch
            {
                JsonValueKind.String => property.Value.GetString()!,
                JsonValueKind.True => "true",
                JsonValueKind.False => "false",
                JsonValueKind.Null => "",
                _ => property.Value.GetRawText(),
            };
        }
        return arguments;
    }
}
