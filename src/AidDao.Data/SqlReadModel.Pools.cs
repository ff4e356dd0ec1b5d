using System.Data.Common;
using System.Numerics;
using AidDao.Core;
using AidDao.Core.Pools;
using AidDao.Core.ReadModel;
using Dapper;

namespace AidDao.Data;

/// <summary>Pools: state, requests, asset limits and the rolling window, and the balance history.</summary>
public sealed partial class SqlReadModel
{
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
        var requests = await RequestsAsync(db, chainId, p, now, cancellationToken).ConfigureAwait(false);

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
        var window = Long(settings.GetValueOrDefault("window"));
        return new IndexedPool(pool, Address(community), settings.GetValueOrDefault("name") ?? "", balances, deposited, requests, paused, emergencyEndsAt,
            window, Long(settings.GetValueOrDefault("request_lifetime")), Int(settings.GetValueOrDefault("emergency_threshold")),
            await AssetsAsync(db, chainId, p, now - window, cancellationToken).ConfigureAwait(false));
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<BalancePoint>> GetPoolBalanceHistoryAsync(long chainId, EthAddress pool, CancellationToken cancellationToken)
    {
        var p = Key(pool);
        await using var db = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await db.QueryAsync<(long Block, string Asset, string Delta, long? Time)>(Q(
            $"SELECT block_number, asset, delta, {BlockTimeOf("ledger")} FROM ledger WHERE chain_id = @chainId AND holder = @p AND reason <> 'transfer' {ChainOrder}",
            new { chainId, p }, cancellationToken)).ConfigureAwait(false);
        var points = new List<BalancePoint>();
        var balances = new Dictionary<string, BigInteger>(StringComparer.Ordinal);
        var moved = new SortedSet<string>(StringComparer.Ordinal);
        long block = -1;
        long? time = null;
        void Close()
        {
            foreach (var asset in moved) points.Add(new BalancePoint(Address(asset), block, time, balances[asset]));
            moved.Clear();
        }
        foreach (var row in rows)
        {
            if (row.Block != block)
            {
                Close();
                (block, time) = (row.Block, row.Time);
            }
            time ??= row.Time;
            balances[row.Asset] = balances.GetValueOrDefault(row.Asset) + Big(row.Delta);
            moved.Add(row.Asset);
        }
        Close();
        return points;
    }

    private static async Task<List<IndexedAidRequest>> RequestsAsync(DbConnection db, long chainId, string p, long now, CancellationToken cancellationToken)
    {
        var arg = new { chainId, p };
        var decisions = (await db.QueryAsync<(long Id, string Steward, long Approve)>(Q(
            $"SELECT request_id, steward, approve FROM request_decisions WHERE chain_id = @chainId AND contract = @p {ChainOrder}", arg, cancellationToken)).ConfigureAwait(false))
            .ToLookup(d => d.Id);
        var outcomes = (await db.QueryAsync<(long Id, string Outcome, long Delivered, string Tx)>(Q(
            $"SELECT request_id, outcome, delivered, tx_hash FROM request_outcomes WHERE chain_id = @chainId AND contract = @p {ChainOrder}", arg, cancellationToken)).ConfigureAwait(false))
            .ToDictionary(o => o.Id);
        var made = (await db.QueryAsync<(long Id, string DetailsHash, long? CreatedAt)>(Q(
            $"SELECT request_id, details_hash, {BlockTimeOf("aid_requests")} FROM aid_requests WHERE chain_id = @chainId AND contract = @p", arg, cancellationToken)).ConfigureAwait(false))
            .ToDictionary(m => m.Id);
        var requests = new List<IndexedAidRequest>();
        foreach (var r in await db.QueryAsync<(long Id, string Requester, string Recipient, string Asset, string Amount, long Urgency, long ExpiresAt)>(Q(
                     $"SELECT request_id, requester, recipient, asset, amount, urgency, expires_at FROM aid_requests WHERE chain_id = @chainId AND contract = @p {ChainOrder}",
                     arg, cancellationToken)).ConfigureAwait(false))
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
                outcome.Delivered == 1, outcome.Tx, made[r.Id].DetailsHash, made[r.Id].CreatedAt));
        }
        return requests;
    }

    /// <summary>
    /// The accepted assets in the order of the pool's <c>assets()</c> (a new asset is appended; a removed one is replaced
    /// by the last, which is popped), with their limits and window use. The window counts every <c>AidPaid</c> (delivered
    /// or kept for the recipient) whose block time is after <paramref name="windowStart"/>, as the contract's checkpointed
    /// cumulative payouts do: latest total − total at (now − window). A payout without a block time counts.
    /// </summary>
    private static async Task<Dictionary<EthAddress, IndexedAssetLimits>> AssetsAsync(DbConnection db, long chainId, string p, long windowStart, CancellationToken cancellationToken)
    {
        var arg = new { chainId, p };
        var order = new List<string>();
        var limits = new Dictionary<string, (string Mint, string PerRequest, string Cap, string Floor, string FastPath)>(StringComparer.Ordinal);
        foreach (var row in await db.QueryAsync<(string Asset, string? Mint, string? PerRequest, string? Cap, string? Floor, string? FastPath, long Removed)>(Q(
                     $"SELECT asset, mint_rate, per_request_max, window_cap, reserve_floor, fast_path_cap, removed FROM asset_limits WHERE chain_id = @chainId AND contract = @p {ChainOrder}",
                     arg, cancellationToken)).ConfigureAwait(false))
        {
            if (row.Removed == 1)
            {
                var at = order.IndexOf(row.Asset);
                if (at < 0) continue;
                order[at] = order[^1];
                order.RemoveAt(order.Count - 1);
                limits.Remove(row.Asset);
                continue;
            }
            if (!limits.ContainsKey(row.Asset)) order.Add(row.Asset);
            limits[row.Asset] = (row.Mint!, row.PerRequest!, row.Cap!, row.Floor!, row.FastPath!);
        }
        var used = new Dictionary<string, BigInteger>(StringComparer.Ordinal);
        foreach (var (asset, amount, time) in await db.QueryAsync<(string Asset, string Amount, long? Time)>(Q(
                     $"SELECT asset, amount, {BlockTimeOf("request_outcomes")} FROM request_outcomes WHERE chain_id = @chainId AND contract = @p AND outcome = 'paid'",
                     arg, cancellationToken)).ConfigureAwait(false))
        {
            if (time is { } t && t <= windowStart) continue;
            used[asset] = used.GetValueOrDefault(asset) + Big(amount);
        }
        var assets = new Dictionary<EthAddress, IndexedAssetLimits>();
        foreach (var asset in order)
        {
            var l = limits[asset];
            assets[Address(asset)] = new IndexedAssetLimits(Big(l.Mint), Big(l.PerRequest), Big(l.Cap), Big(l.Floor), Big(l.FastPath), used.GetValueOrDefault(asset));
        }
        return assets;
    }
}
