using System.Data.Common;
using System.Globalization;
using System.Numerics;
using AidDao.Core;
using AidDao.Core.Pools;
using AidDao.Core.ReadModel;
using AidDao.Core.Rounds;
using Dapper;

namespace AidDao.Data;

/// <summary>
/// The read model's queries over an index (SQLite or PostgreSQL). State is folded from the facts in chain order
/// (block, log index), so it is exactly what the events say; amounts are summed as <see cref="BigInteger"/>.
/// </summary>
public sealed class SqlReadModel : IAidDaoReadModel
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
    public async Task<IndexedPool?> GetPoolAsync(long chainId, EthAddress pool, long now, CancellationToken cancellationToken)
    {
        var p = Key(pool);
        await using var db = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var community = await db.QueryFirstOrDefaultAsync<string?>(Q(
            "SELECT community FROM contracts WHERE chain_id = @chainId AND address = @p", new { chainId, p }, cancellationToken)).ConfigureAwait(false);
        if (community is null) return null;
        var settings = await SettingsAsync(db, chainId, p, cancellationToken).ConfigureAwait(false);
        var balances = Sum(await db.QueryAsync<(string Asset, string Delta)>(Q(
            "SELECT asset, delta FROM ledger WHERE chain_id = @chainId AND holder = @p AND reason <> 'transfer'", new { chainId, p }, cancellationToken)).ConfigureAwait(false));
        var deposited = Sum(await db.QueryAsync<(string Asset, string Amount)>(Q(
            "SELECT asset, amount FROM deposits WHERE chain_id = @chainId AND contract = @p", new { chainId, p }, cancellationToken)).ConfigureAwait(false));

        var decisions = (await db.QueryAsync<(long Id, string Steward, long Approve)>(Q(
            $"SELECT request_id, steward, approve FROM request_decisions WHERE chain_id = @chainId AND contract = @p {ChainOrder}", new { chainId, p }, cancellationToken)).ConfigureAwait(false))
            .ToLookup(d => d.Id);
        var outcomes = (await db.QueryAsync<(long Id, string Outcome, long Delivered, string Tx)>(Q(
            $"SELECT request_id, outcome, delivered, tx_hash FROM request_outcomes WHERE chain_id = @chainId AND contract = @p {ChainOrder}", new { chainId, p }, cancellationToken)).ConfigureAwait(false))
            .ToDictionary(o => o.Id);
        var requests = new List<IndexedAidRequest>();
        foreach (var r in await db.QueryAsync<(long Id, string Requester, string Recipient, string Asset, string Amount, long Urgency, long ExpiresAt)>(Q(
                     $"SELECT request_id, requester, recipient, asset, amount, urgency, expires_at FROM aid_requests WHERE chain_id = @chainId AND contract = @p {ChainOrder}",
                     new { chainId, p }, cancellationToken)).ConfigureAwait(false))
        {
            var outcome = outcomes.TryGetValue(r.Id, out var o) ? o : default;
            var state = outcome.Outcome switch
            {
                "paid" => AidRequestState.Paid,
                "declined" => AidRequestState.Rejected,
                "cancelled" => AidRequestState.Cancelled,
                _ => now >= r.ExpiresAt ? AidRequestState.Expired : AidRequestState.Pending,
            };
            requests.Add(new IndexedAidRequest(r.Id, Address(r.Requester), Address(r.Recipient), Address(r.Asset), Big(r.Amount), (int)r.Urgency, r.ExpiresAt, state,
                decisions[r.Id].Where(d => d.Approve == 1).Select(d => Address(d.Steward)).ToList(),
                decisions[r.Id].Where(d => d.Approve == 0).Select(d => Address(d.Steward)).ToList(),
                outcome.Delivered == 1, outcome.Tx));
        }

        var paused = false;
        long? emergencyEndsAt = null;
        foreach (var (mode, endsAt) in await db.QueryAsync<(string Mode, long? EndsAt)>(Q(
                     $"SELECT mode, ends_at FROM pool_modes WHERE chain_id = @chainId AND contract = @p {ChainOrder}", new { chainId, p }, cancellationToken)).ConfigureAwait(false))
        {
            switch (mode)
            {
                case "paused": paused = true; break;
                case "unpaused": paused = false; break;
                case "emergency": emergencyEndsAt = endsAt; break;
                case "emergency-ended": emergencyEndsAt = null; break;
            }
        }
        if (emergencyEndsAt <= now) emergencyEndsAt = null;
        return new IndexedPool(pool, Address(community), settings.GetValueOrDefault("name") ?? "", balances, deposited, requests, paused, emergencyEndsAt);
    }

    /// <inheritdoc />
    public async Task<IndexedRound?> GetRoundAsync(long chainId, EthAddress round, CancellationToken cancellationToken)
    {
        var r = Key(round);
        await using var db = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var info = await db.QueryFirstOrDefaultAsync<(string Community, string Asset, long Mode, string Name)?>(Q(
            "SELECT community, asset, mode, name FROM rounds WHERE chain_id = @chainId AND contract = @r", new { chainId, r }, cancellationToken)).ConfigureAwait(false);
        if (info is not { } round0) return null;
        var arg = new { chainId, r };
        var matching = Total(await db.QueryAsync<string>(Q("SELECT amount FROM matching_funds WHERE chain_id = @chainId AND contract = @r", arg, cancellationToken)).ConfigureAwait(false));
        var balance = Total(await db.QueryAsync<string>(Q("SELECT delta FROM ledger WHERE chain_id = @chainId AND holder = @r AND reason <> 'transfer'", arg, cancellationToken)).ConfigureAwait(false));
        var final = await db.QueryFirstOrDefaultAsync<(string Matched, string Remainder)?>(Q(
            "SELECT matched, remainder FROM round_finalizations WHERE chain_id = @chainId AND contract = @r", arg, cancellationToken)).ConfigureAwait(false);
        var cancelled = await db.ExecuteScalarAsync<long>(Q("SELECT COUNT(*) FROM round_cancellations WHERE chain_id = @chainId AND contract = @r", arg, cancellationToken)).ConfigureAwait(false) > 0;

        var reviews = new Dictionary<long, bool>();
        foreach (var (id, approved) in await db.QueryAsync<(long Id, long Approved)>(Q($"SELECT project_id, approved FROM project_reviews WHERE chain_id = @chainId AND contract = @r {ChainOrder}", arg, cancellationToken)).ConfigureAwait(false))
            reviews[id] = approved == 1;
        var contributions = (await db.QueryAsync<(long Id, string Contributor, string Amount)>(Q(
            "SELECT project_id, contributor, amount FROM contributions WHERE chain_id = @chainId AND contract = @r", arg, cancellationToken)).ConfigureAwait(false)).ToLookup(c => c.Id);
        // Voted carries a member's votes on a project so far (the root of the cumulative credits): the last one counts.
        var votes = new Dictionary<(long Id, string Member), string>();
        foreach (var (id, member, count) in await db.QueryAsync<(long Id, string Member, string Votes)>(Q(
                     $"SELECT project_id, member, votes FROM votes WHERE chain_id = @chainId AND contract = @r {ChainOrder}", arg, cancellationToken)).ConfigureAwait(false))
            votes[(id, member)] = count;
        var matches = (await db.QueryAsync<(long Id, string Raw, string Match, long Capped)>(Q(
            "SELECT project_id, raw_match, match_amount, capped FROM matches WHERE chain_id = @chainId AND contract = @r", arg, cancellationToken)).ConfigureAwait(false)).ToDictionary(m => m.Id);
        var payouts = (await db.QueryAsync<(long Id, string Amount, long Delivered)>(Q(
            $"SELECT project_id, amount, delivered FROM payouts WHERE chain_id = @chainId AND contract = @r {ChainOrder}", arg, cancellationToken)).ConfigureAwait(false)).ToLookup(p => p.Id);

        var projects = new List<IndexedProject>();
        foreach (var (id, applicant, recipient) in await db.QueryAsync<(long Id, string Applicant, string Recipient)>(Q(
                     "SELECT project_id, applicant, recipient FROM projects WHERE chain_id = @chainId AND contract = @r ORDER BY project_id", arg, cancellationToken)).ConfigureAwait(false))
        {
            var status = reviews.TryGetValue(id, out var approved)
                ? approved ? cancelled ? RoundProjectStatus.Cancelled : RoundProjectStatus.Approved : RoundProjectStatus.Rejected
                : RoundProjectStatus.Pending;
            var given = contributions[id].ToList();
            var voteSum = Total(votes.Where(v => v.Key.Id == id).Select(v => v.Value));
            var match = matches.TryGetValue(id, out var m) ? m : default;
            var paid = payouts[id].Where(p => p.Delivered == 1).Aggregate(BigInteger.Zero, (s, p) => s + Big(p.Amount));
            projects.Add(new IndexedProject(id, Address(applicant), Address(recipient), status,
                given.Aggregate(BigInteger.Zero, (s, c) => s + Big(c.Amount)), given.Count, given.Select(c => c.Contributor).Distinct().Count(),
                voteSum, match.Raw is null ? null : Big(match.Raw), match.Match is null ? null : Big(match.Match), match.Capped == 1,
                paid, paid.IsZero && payouts[id].Any(p => p.Delivered == 0)));
        }
        return new IndexedRound(round, Address(round0.Community), round0.Name, Address(round0.Asset), round0.Mode == 1, matching, balance,
            final is not null, cancelled, final is { } f1 ? Big(f1.Matched) : BigInteger.Zero, final is { } f2 ? Big(f2.Remainder) : BigInteger.Zero, projects);
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
}
