using System.Data.Common;
using System.Globalization;
using System.Numerics;
using AidDao.Core;
using AidDao.Core.ReadModel;
using Dapper;

namespace AidDao.Data;

/// <summary>
/// The read model's queries over an index (SQLite or PostgreSQL). State is folded from the facts in chain order
/// (block, log index), so it is exactly what the events say; amounts are summed as <see cref="BigInteger"/>.
/// </summary>
public sealed partial class SqlReadModel : IAidDaoReadModel
{
    private const string ChainOrder = "ORDER BY block_number, log_index, entry";
    private readonly IndexDatabase _database;

    /// <summary>Creates the queries over a database.</summary>
    public SqlReadModel(IndexDatabase database) => _database = database ?? throw new ArgumentNullException(nameof(database));

    /// <inheritdoc />
    public async Task<IndexedCursor?> GetCursorAsync(long chainId, CancellationToken cancellationToken)
    {
        await using var db = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var cursor = await db.QuerySingleOrDefaultAsync<(long Number, string Hash)?>(Q("SELECT block_number, block_hash FROM cursors WHERE chain_id = @chainId", new { chainId }, cancellationToken)).ConfigureAwait(false);
        if (cursor is not { } c) return null;
        var events = await db.ExecuteScalarAsync<long>(Q("SELECT COUNT(*) FROM events WHERE chain_id = @chainId", new { chainId }, cancellationToken)).ConfigureAwait(false);
        return new IndexedCursor(c.Number, c.Hash, events);
    }

    /// <summary>The chains this index holds, by id.</summary>
    public async Task<IReadOnlyList<long>> GetChainsAsync(CancellationToken cancellationToken)
    {
        await using var db = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return (await db.QueryAsync<long>(Q("SELECT chain_id FROM cursors ORDER BY chain_id", new { }, cancellationToken)).ConfigureAwait(false)).ToList();
    }

    /// <inheritdoc />
    public async Task<IndexedCommunity?> GetCommunityAsync(long chainId, EthAddress community, CancellationToken cancellationToken)
    {
        var c = Key(community);
        await using var db = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var settings = await SettingsAsync(db, chainId, c, cancellationToken).ConfigureAwait(false);
        var contracts = (await db.QueryAsync<(string Address, string Kind)>(Q(
            $"SELECT address, kind FROM contracts WHERE chain_id = @chainId AND community = @c {ChainOrder}", new { chainId, c }, cancellationToken)).ConfigureAwait(false)).ToList();
        if (settings.Count == 0 && contracts.Count == 0) return null;
        var stewards = await FoldSetAsync(db, "SELECT account, added FROM stewards WHERE chain_id = @chainId AND contract = @c " + ChainOrder, chainId, c, cancellationToken).ConfigureAwait(false);
        var members = await FoldSetAsync(db, "SELECT account, admitted FROM members WHERE chain_id = @chainId AND contract = @c " + ChainOrder, chainId, c, cancellationToken).ConfigureAwait(false);
        var token = settings.GetValueOrDefault("token") ?? contracts.FirstOrDefault(x => x.Kind == ContractKinds.Token).Address;
        return new IndexedCommunity(
            community,
            settings.GetValueOrDefault("name") ?? "",
            token is null ? null : Address(token),
            Int(settings.GetValueOrDefault("threshold")),
            Int(settings.GetValueOrDefault("admission_approvals")),
            Int(settings.GetValueOrDefault("vouches_required")),
            stewards.Select(Address).ToList(),
            members.Select(Address).ToList(),
            contracts.Where(x => x.Kind == ContractKinds.Pool).Select(x => x.Address).Distinct().Select(Address).ToList(),
            contracts.Where(x => x.Kind == ContractKinds.Round).Select(x => x.Address).Distinct().Select(Address).ToList());
    }

    /// <inheritdoc />
    public async Task<MemberHistory> GetMemberHistoryAsync(long chainId, EthAddress community, EthAddress account, CancellationToken cancellationToken)
    {
        var c = Key(community);
        var a = Key(account);
        await using var db = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var contracts = (await db.QueryAsync<string>(Q("SELECT DISTINCT address FROM contracts WHERE chain_id = @chainId AND community = @c", new { chainId, c }, cancellationToken)).ConfigureAwait(false))
            .Append(c).Distinct().ToArray();
        // Dapper expands "IN @list" for SQLite; Npgsql sends the list as one array parameter.
        var inContracts = _database.Dialect == SqlDialect.PostgreSql ? "= ANY(@contracts)" : "IN @contracts";
        var sql = $"""
            SELECT block_number, log_index, entry, tx_hash, CASE admitted WHEN 1 THEN 'admitted' ELSE 'removed' END AS kind, contract, CAST(NULL AS TEXT) AS amount, CAST(NULL AS BIGINT) AS reference FROM members WHERE chain_id = @chainId AND contract = @c AND account = @a
            UNION ALL SELECT block_number, log_index, entry, tx_hash, CASE added WHEN 1 THEN 'steward-added' ELSE 'steward-removed' END, contract, NULL, NULL FROM stewards WHERE chain_id = @chainId AND contract = @c AND account = @a
            UNION ALL SELECT block_number, log_index, entry, tx_hash, 'deposit', contract, amount, deposit_id FROM deposits WHERE chain_id = @chainId AND donor = @a AND contract {inContracts}
            UNION ALL SELECT block_number, log_index, entry, tx_hash, 'request', contract, amount, request_id FROM aid_requests WHERE chain_id = @chainId AND requester = @a AND contract {inContracts}
            UNION ALL SELECT block_number, log_index, entry, tx_hash, CASE approve WHEN 1 THEN 'approval' ELSE 'rejection' END, contract, NULL, request_id FROM request_decisions WHERE chain_id = @chainId AND steward = @a AND contract {inContracts}
            UNION ALL SELECT block_number, log_index, entry, tx_hash, 'contribution', contract, amount, project_id FROM contributions WHERE chain_id = @chainId AND contributor = @a AND contract {inContracts}
            UNION ALL SELECT block_number, log_index, entry, tx_hash, 'vote', contract, credits, project_id FROM votes WHERE chain_id = @chainId AND member = @a AND contract {inContracts}
            UNION ALL SELECT block_number, log_index, entry, tx_hash, 'tokens', contract, amount, NULL FROM token_mints WHERE chain_id = @chainId AND account = @a AND contract {inContracts}
            UNION ALL SELECT block_number, log_index, entry, tx_hash, 'hours', contract, hours, attestation_id FROM hours WHERE chain_id = @chainId AND volunteer = @a AND contract {inContracts}
            ORDER BY 1, 2, 3
            """;
        var rows = await db.QueryAsync<(long Block, long Log, long Entry, string Tx, string Kind, string Contract, string? Amount, long? Reference)>(Q(sql, new { chainId, c, a, contracts }, cancellationToken)).ConfigureAwait(false);
        var activities = rows.Select(x => new MemberActivity(x.Block, x.Tx, x.Kind, Address(x.Contract), x.Amount is null ? null : Big(x.Amount), x.Reference)).ToList();
        var members = await FoldSetAsync(db, "SELECT account, admitted FROM members WHERE chain_id = @chainId AND contract = @c " + ChainOrder, chainId, c, cancellationToken).ConfigureAwait(false);
        var stewards = await FoldSetAsync(db, "SELECT account, added FROM stewards WHERE chain_id = @chainId AND contract = @c " + ChainOrder, chainId, c, cancellationToken).ConfigureAwait(false);
        // Token balances come from the token's ERC-20 Transfer events (every mint, whatever its cause, emits one).
        var tokens = Total(await db.QueryAsync<string>(Q(
            $"SELECT delta FROM ledger WHERE chain_id = @chainId AND holder = @a AND asset {inContracts} AND reason = 'transfer'", new { chainId, a, contracts }, cancellationToken)).ConfigureAwait(false));
        return new MemberHistory(account, community, members.Contains(a), stewards.Contains(a), tokens, activities);
    }

    private static async Task<Dictionary<string, string>> SettingsAsync(DbConnection db, long chainId, string contract, CancellationToken cancellationToken)
    {
        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in await db.QueryAsync<(string Name, string Value)>(Q(
                     $"SELECT setting, value FROM settings WHERE chain_id = @chainId AND contract = @contract {ChainOrder}", new { chainId, contract }, cancellationToken)).ConfigureAwait(false))
            settings[name] = value;
        return settings;
    }

    /// <summary>Replays (account, added) facts in order into the set of current holders, kept in order of arrival.</summary>
    private static async Task<List<string>> FoldSetAsync(DbConnection db, string sql, long chainId, string c, CancellationToken cancellationToken)
    {
        var set = new List<string>();
        foreach (var (account, added) in await db.QueryAsync<(string Account, long Added)>(Q(sql, new { chainId, c }, cancellationToken)).ConfigureAwait(false))
        {
            set.Remove(account);
            if (added == 1) set.Add(account);
        }
        return set;
    }

    private static Dictionary<EthAddress, BigInteger> Sum(IEnumerable<(string Asset, string Amount)> rows)
    {
        var sums = new Dictionary<EthAddress, BigInteger>();
        foreach (var (asset, amount) in rows)
        {
            var key = Address(asset);
            sums[key] = sums.GetValueOrDefault(key) + Big(amount);
        }
        return sums;
    }

    private static BigInteger Total(IEnumerable<string> amounts) => amounts.Aggregate(BigInteger.Zero, (s, a) => s + Big(a));

    private static CommandDefinition Q(string sql, object parameters, CancellationToken cancellationToken) => new(sql, parameters, cancellationToken: cancellationToken);

    private static string Key(EthAddress address) => address.Value.ToLowerInvariant();

    private static EthAddress Address(string address) => EthAddress.FromChain(address);

    private static BigInteger Big(string value) => BigInteger.Parse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);

    private static int Int(string? value) => value is null ? 0 : int.Parse(value, CultureInfo.InvariantCulture);

    private static long Long(string? value) => value is null ? 0 : long.Parse(value, CultureInfo.InvariantCulture);

    /// <summary>
    /// A subquery for the block time of the log a row of <paramref name="table"/> was derived from (its <c>events</c> row),
    /// for use in that table's SELECT.
    /// </summary>
    private static string BlockTimeOf(string table) =>
        $"(SELECT e.block_time FROM events e WHERE e.chain_id = {table}.chain_id AND e.block_hash = {table}.block_hash AND e.log_index = {table}.log_index AND e.entry = 0)";
}
