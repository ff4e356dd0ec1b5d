using System.Globalization;
using AidDao.Data;
using Dapper;

namespace AidDao.TestUtils;

/// <summary>Every fact row of an index, as sorted text lines: two indexes of the same chain must give the same lines.</summary>
public static class IndexSnapshot
{
    public static async Task<IReadOnlyList<string>> TakeAsync(IndexDatabase database, long chainId, CancellationToken ct)
    {
        var lines = new List<string>();
        await using var connection = await database.OpenAsync(ct);
        foreach (var table in ReadModelSchema.All)
        {
            // Rows a start writes (contracts known at the start block, log index -1) depend on where the index started.
            var rows = await connection.QueryAsync(new CommandDefinition(
                $"SELECT * FROM {table.Name} WHERE chain_id = @chainId AND log_index >= 0", new { chainId }, cancellationToken: ct));
            foreach (IDictionary<string, object?> row in rows)
                lines.Add(table.Name + ": " + string.Join(" | ", row.Select(c => c.Key + "=" + Convert.ToString(c.Value, CultureInfo.InvariantCulture))));
        }
        lines.Sort(StringComparer.Ordinal);
        return lines;
    }
}
