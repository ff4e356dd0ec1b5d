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
    public async Task<IReadOnlyList<IndexedEvent>> GetEventsAsync(long chainId, long afterBlock, long afterLogIndex, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        await using var db = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await db.QueryAsync(Q(
            $"SELECT {EventColumns} FROM events WHERE chain_id = @chainId AND (block_number > @afterBlock OR (block_number = @afterBlock AND log_index > @afterLogIndex)) " +
            "ORDER BY block_number, log_index LIMIT @limit",
            new { chainId, afterBlock, afterLogIndex, limit }, cancellationToken)).ConfigureAwait(false);
        return rows.Cast<IDictionary<string, object?>>().Select(Event).ToList();
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<IndexedEvent>> GetRecentEventsAsync(long chainId, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        await using var db = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await db.QueryAsync(Q(
            $"SELECT {EventColumns} FROM events WHERE chain_id = @chainId ORDER BY block_number DESC, log_index DESC LIMIT @limit",
            new { chainId, limit }, cancellationToken)).ConfigureAwait(false);
        return rows.Cast<IDictionary<string, object?>>().Reverse().Select(Event).ToList();
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
