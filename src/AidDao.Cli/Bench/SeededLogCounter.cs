using System.Text.Json;
using AidDao.Core;

namespace AidDao.Cli.Bench;

/// <summary>
/// Counts the logs of a set of contracts over a block range with <c>eth_getLogs</c> (in chunks of 2,000 blocks), and
/// checks afterwards that every transaction the seeder sent left at least one of them (each seeded call emits an event
/// when it runs, so a missing hash is a reverted or unmined transaction).
/// </summary>
internal static class SeededLogCounter
{
    private const long ChunkBlocks = 2_000;

    /// <summary>Counts the logs <paramref name="contracts"/> emitted in [<paramref name="first"/>, <paramref name="last"/>].</summary>
    /// <returns>The total, the count per contract and the hashes of the transactions that emitted them.</returns>
    public static async Task<(long Total, IReadOnlyDictionary<EthAddress, long> ByContract, IReadOnlySet<string> Transactions)> CountAsync(
        BenchRpc rpc, IReadOnlyList<EthAddress> contracts, long first, long last, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(rpc);
        ArgumentNullException.ThrowIfNull(contracts);
        var counts = contracts.ToDictionary(c => c.Value, _ => 0L, StringComparer.OrdinalIgnoreCase);
        var transactions = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        long total = 0;
        for (var from = first; from <= last; from += ChunkBlocks)
        {
            var to = Math.Min(last, from + ChunkBlocks - 1);
            var logs = await rpc.CallAsync("eth_getLogs", [Filter(contracts, from, to)], ct).ConfigureAwait(false);
            foreach (var log in logs.EnumerateArray())
            {
                total++;
                counts[log.GetProperty("address").GetString()!]++;
                transactions.Add(log.GetProperty("transactionHash").GetString()!);
            }
        }
        return (total, contracts.ToDictionary(c => c, c => counts[c.Value]), transactions);
    }

    /// <summary>Throws, naming up to three of them, when a transaction in <paramref name="sent"/> emitted no counted log.</summary>
    /// <param name="rpc">The node.</param>
    /// <param name="sent">Hash to description of every transaction sent.</param>
    /// <param name="withLogs">Hashes of the transactions that emitted counted logs.</param>
    /// <param name="ct">Cancels the receipt look-ups.</param>
    public static async Task RequireAllRanAsync(BenchRpc rpc, IReadOnlyDictionary<string, string> sent, IReadOnlySet<string> withLogs, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(rpc);
        ArgumentNullException.ThrowIfNull(sent);
        ArgumentNullException.ThrowIfNull(withLogs);
        var missing = sent.Where(s => !withLogs.Contains(s.Key)).ToList();
        if (missing.Count == 0) return;
        var details = new List<string>();
        foreach (var (hash, description) in missing.Take(3))
        {
            var receipt = await rpc.CallAsync("eth_getTransactionReceipt", [hash], ct).ConfigureAwait(false);
            var fate = receipt.ValueKind != JsonValueKind.Object ? "was never mined"
                : receipt.GetProperty("status").GetString() == "0x0" ? $"reverted in block {BenchRpc.Quantity(receipt.GetProperty("blockNumber"))}"
                : "ran but emitted no AidDao event";
            details.Add($"{description} ({hash}) {fate}");
        }
        throw new InvalidOperationException(
            $"{missing.Count} of the {sent.Count} seeded transactions did not run as planned, for example: {string.Join("; ", details)}. "
            + "The contracts' rules or gas costs may have changed: check the gas limits and choices in IndexBenchActivity.");
    }

    private static JsonElement Filter(IReadOnlyList<EthAddress> contracts, long from, long to)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("fromBlock", BenchRpc.Quantity(from));
            writer.WriteString("toBlock", BenchRpc.Quantity(to));
            writer.WriteStartArray("address");
            foreach (var contract in contracts) writer.WriteStringValue(contract.Value);
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        using var document = JsonDocument.Parse(buffer.ToArray());
        return document.RootElement.Clone();
    }
}
