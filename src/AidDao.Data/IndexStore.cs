using System.Data.Common;
using System.Globalization;
using Dapper;

namespace AidDao.Data;

/// <summary>
/// The write side of an index: the cursor, the facts and the retained block hashes of each chain, always changed together
/// in one transaction whose first statement moves the cursor only if it is still where the writer found it. A retried,
/// concurrent or restarted writer therefore can never write a log twice or skip one; the losing writer gets an
/// <see cref="IndexConflictException"/> and nothing of its batch is kept.
/// </summary>
/// <remarks>
/// Leases expire by one clock: on PostgreSQL the database server's (<c>now()</c>), so instances on machines whose clocks
/// differ agree on when a lease runs out; on SQLite (one machine) the store's <see cref="TimeProvider"/>.
/// </remarks>
public sealed class IndexStore
{
    private readonly IndexDatabase _database;
    private readonly TimeProvider _time;

    /// <summary>Creates a store over an (already migrated) database.</summary>
    /// <param name="database">The database.</param>
    /// <param name="time">The clock of the cursor's <c>updated_at</c> and, on SQLite, of leases (PostgreSQL's leases go by the server's clock); null for the system's.</param>
    public IndexStore(IndexDatabase database, TimeProvider? time = null)
    {
        _database = database ?? throw new ArgumentNullException(nameof(database));
        _time = time ?? TimeProvider.System;
    }

    /// <summary>The database.</summary>
    public IndexDatabase Database => _database;

    /// <summary>The last indexed block of a chain; null when the chain has not been indexed yet.</summary>
    public async Task<BlockRef?> GetCursorAsync(long chainId, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<(long Number, string Hash)?>(new CommandDefinition(
            "SELECT block_number, block_hash FROM cursors WHERE chain_id = @chainId", new { chainId }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return row is { } r ? new BlockRef(r.Number, r.Hash) : null;
    }

    /// <summary>
    /// Starts the index of a chain at <paramref name="startParent"/> (the block before the first one to index) with the
    /// contracts known at that point; does nothing when the chain already has a cursor.
    /// </summary>
    /// <returns>Whether this call started the index.</returns>
    public async Task<bool> StartAsync(long chainId, BlockRef startParent, IReadOnlyList<LoggedFact> knownContracts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(startParent);
        ArgumentNullException.ThrowIfNull(knownContracts);
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await IndexDatabase.BeginWriteAsync(connection, cancellationToken).ConfigureAwait(false);
        var inserted = await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO cursors (chain_id, block_number, block_hash, updated_at) VALUES (@chainId, @number, @hash, @now) ON CONFLICT (chain_id) DO NOTHING",
            new { chainId, number = startParent.Number, hash = startParent.Hash, now = Now() }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (inserted == 0) return false;
        await InsertFactsAsync(connection, transaction, chainId, knownContracts, cancellationToken).ConfigureAwait(false);
        await UpsertBlocksAsync(connection, transaction, chainId, [startParent], cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>Writes a batch and moves the cursor, in one transaction.</summary>
    /// <exception cref="IndexConflictException">The cursor is no longer <see cref="IndexBatch.Previous"/>: another writer moved it.</exception>
    public async Task CommitAsync(IndexBatch batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.Previous is null) throw new ArgumentException("A batch follows a cursor: start the index first.", nameof(batch));
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await IndexDatabase.BeginWriteAsync(connection, cancellationToken).ConfigureAwait(false);
        await MoveCursorAsync(connection, transaction, batch.ChainId, batch.Previous, batch.To, cancellationToken).ConfigureAwait(false);
        await InsertFactsAsync(connection, transaction, batch.ChainId, batch.Facts, cancellationToken).ConfigureAwait(false);
        await UpsertBlocksAsync(connection, transaction, batch.ChainId, batch.Blocks, cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            // Forget hashes below the reorg window, but always keep the newest 128 (long batches leave few, far apart).
            "DELETE FROM blocks WHERE chain_id = @chainId AND number < @retainFrom AND number < @cursor AND number NOT IN (SELECT number FROM blocks WHERE chain_id = @chainId ORDER BY number DESC LIMIT 128)",
            new { chainId = batch.ChainId, retainFrom = batch.RetainFrom, cursor = batch.To.Number }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The retained block hashes at or below <paramref name="atOrBelow"/>, highest first.</summary>
    public async Task<IReadOnlyList<BlockRef>> GetRetainedBlocksAsync(long chainId, long atOrBelow, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<(long Number, string Hash)>(new CommandDefinition(
            "SELECT number, hash FROM blocks WHERE chain_id = @chainId AND number <= @atOrBelow ORDER BY number DESC LIMIT @limit",
            new { chainId, atOrBelow, limit }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.Select(r => new BlockRef(r.Number, r.Hash)).ToList();
    }

    /// <summary>
    /// Undoes everything derived from blocks above <paramref name="ancestor"/> (orphaned by a reorganisation) and moves
    /// the cursor back to it, in one transaction.
    /// </summary>
    /// <returns>How many fact rows were deleted.</returns>
    /// <exception cref="IndexConflictException">The cursor is no longer <paramref name="expected"/>.</exception>
    public async Task<int> RollBackAsync(long chainId, BlockRef expected, BlockRef ancestor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(ancestor);
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await IndexDatabase.BeginWriteAsync(connection, cancellationToken).ConfigureAwait(false);
        await MoveCursorAsync(connection, transaction, chainId, expected, ancestor, cancellationToken).ConfigureAwait(false);
        var deleted = 0;
        foreach (var table in ReadModelSchema.All)
            deleted += await connection.ExecuteAsync(new CommandDefinition(
                $"DELETE FROM {table.Name} WHERE chain_id = @chainId AND block_number > @number",
                new { chainId, number = ancestor.Number }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM blocks WHERE chain_id = @chainId AND number > @number", new { chainId, number = ancestor.Number }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        await UpsertBlocksAsync(connection, transaction, chainId, [ancestor], cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return deleted;
    }

    /// <summary>The contracts the index of a chain follows, in the order they became known.</summary>
    public async Task<IReadOnlyList<WatchedContract>> GetContractsAsync(long chainId, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<(string Address, string Kind, string Community, string Name, long Block)>(new CommandDefinition(
            "SELECT address, kind, community, name, block_number FROM contracts WHERE chain_id = @chainId ORDER BY block_number, log_index, entry",
            new { chainId }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.Select(r => new WatchedContract(r.Address, r.Kind, r.Community, r.Name, r.Block)).ToList();
    }

    /// <summary>
    /// Blocks above <paramref name="afterBlock"/> whose events have no block time (indexed under schema version 1), lowest
    /// first, at most <paramref name="limit"/>.
    /// </summary>
    public async Task<IReadOnlyList<BlockRef>> GetBlocksWithoutTimeAsync(long chainId, long afterBlock, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<(long Number, string Hash)>(new CommandDefinition(
            "SELECT DISTINCT block_number, block_hash FROM events WHERE chain_id = @chainId AND block_time IS NULL AND block_number > @afterBlock ORDER BY block_number LIMIT @limit",
            new { chainId, afterBlock, limit }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.Select(r => new BlockRef(r.Number, r.Hash)).ToList();
    }

    /// <summary>Sets the time of the events of each block (by number and hash) that have none yet, in one transaction.</summary>
    public async Task SetBlockTimesAsync(long chainId, IReadOnlyList<(BlockRef Block, long Time)> times, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(times);
        if (times.Count == 0) return;
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await IndexDatabase.BeginWriteAsync(connection, cancellationToken).ConfigureAwait(false);
        foreach (var (block, time) in times)
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE events SET block_time = @time WHERE chain_id = @chainId AND block_number = @number AND block_hash = @hash AND block_time IS NULL",
                new { chainId, time, number = block.Number, hash = block.Hash }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Takes (or renews) the right to index a chain for <paramref name="duration"/>: granted when nobody holds it, the
    /// holder is <paramref name="owner"/>, or the holder's lease has expired (by the lease clock, see <see cref="IndexStore"/>).
    /// </summary>
    public async Task<bool> TryLeaseAsync(long chainId, string owner, TimeSpan duration, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await IndexDatabase.BeginWriteAsync(connection, cancellationToken).ConfigureAwait(false);
        var taken = await connection.ExecuteAsync(new CommandDefinition(
            $"""
            INSERT INTO leases (chain_id, owner, expires_at) VALUES (@chainId, @owner, {LeaseNow} + @duration)
            ON CONFLICT (chain_id) DO UPDATE SET owner = excluded.owner, expires_at = excluded.expires_at
            WHERE leases.owner = excluded.owner OR leases.expires_at < {LeaseNow}
            """,
            new { chainId, owner, duration = (long)duration.TotalMilliseconds, now = NowMilliseconds() }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return taken == 1;
    }

    /// <summary>
    /// Who holds the right to index a chain, until when, and whether that time has passed (by the
    /// lease clock: an expired lease is free to take); null when nobody does.
    /// </summary>
    public async Task<(string Owner, DateTimeOffset ExpiresAt, bool Expired)?> GetLeaseAsync(long chainId, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<(string Owner, long Expires, long Now)?>(new CommandDefinition(
            $"SELECT owner, expires_at, {LeaseNow} FROM leases WHERE chain_id = @chainId", new { chainId, now = NowMilliseconds() }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return row is { } r ? (r.Owner, DateTimeOffset.FromUnixTimeMilliseconds(r.Expires), r.Expires < r.Now) : null;
    }

    /// <summary>Takes the right to index a chain from <paramref name="previousOwner"/> (known to be gone) before its lease expires.</summary>
    public async Task<bool> TakeOverLeaseAsync(long chainId, string previousOwner, string owner, TimeSpan duration, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.ExecuteAsync(new CommandDefinition(
            $"UPDATE leases SET owner = @owner, expires_at = {LeaseNow} + @duration WHERE chain_id = @chainId AND owner = @previousOwner",
            new { chainId, owner, duration = (long)duration.TotalMilliseconds, previousOwner, now = NowMilliseconds() }, cancellationToken: cancellationToken)).ConfigureAwait(false) == 1;
    }

    /// <summary>Gives up the right to index a chain, if <paramref name="owner"/> holds it.</summary>
    public async Task ReleaseLeaseAsync(long chainId, string owner, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM leases WHERE chain_id = @chainId AND owner = @owner", new { chainId, owner }, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    private async Task MoveCursorAsync(DbConnection connection, DbTransaction transaction, long chainId, BlockRef expected, BlockRef to, CancellationToken cancellationToken)
    {
        var moved = await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE cursors SET block_number = @to, block_hash = @toHash, updated_at = @now WHERE chain_id = @chainId AND block_number = @from AND block_hash = @fromHash",
            new { chainId, to = to.Number, toHash = to.Hash, from = expected.Number, fromHash = expected.Hash, now = Now() }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (moved != 1)
            throw new IndexConflictException($"The index of chain {chainId} moved past block {expected.Number} while this indexer was working (another indexer runs for the same chain); this batch was not written.");
    }

    /// <summary>
    /// Rows per INSERT statement (PostgreSQL uses COPY instead). SQLite (in-process, where a round trip is free but binding
    /// hundreds of named parameters is not): one, with the statement prepared once and reused; other providers: 200, so
    /// a batch costs few round trips.
    /// </summary>
    private static int RowsPerStatement(DbConnection connection) => connection is Microsoft.Data.Sqlite.SqliteConnection ? 1 : 200;

    private static async Task InsertFactsAsync(DbConnection connection, DbTransaction transaction, long chainId, IReadOnlyList<LoggedFact> facts, CancellationToken cancellationToken)
    {
        if (connection is Npgsql.NpgsqlConnection postgres)
        {
            await CopyFactsAsync(postgres, chainId, facts, cancellationToken).ConfigureAwait(false);
            return;
        }
        var perStatement = RowsPerStatement(connection);
        foreach (var group in facts.GroupBy(f => f.Row.Table))
        {
            var table = group.Key;
            var rows = group.ToList();
            DbCommand? full = null;
            try
            {
                for (var offset = 0; offset < rows.Count; offset += perStatement)
                {
                    var count = Math.Min(perStatement, rows.Count - offset);
                    if (count == perStatement)
                    {
                        if (full is null)
                        {
                            full = CreateInsert(connection, transaction, table, count);
                            if (perStatement == 1) full.Prepare();
                        }
                        Bind(full, table, chainId, rows, offset, count);
                        await full.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                    }
                    else
                    {
                        await using var last = CreateInsert(connection, transaction, table, count);
                        Bind(last, table, chainId, rows, offset, count);
                        await last.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                    }
                }
            }
            finally
            {
                if (full is not null) await full.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// PostgreSQL: each table's rows in one binary COPY inside the batch's transaction (a duplicate key still fails the
    /// whole batch, as an INSERT would), far fewer bytes and parse work than multi-row INSERTs.
    /// </summary>
    private static async Task CopyFactsAsync(Npgsql.NpgsqlConnection connection, long chainId, IReadOnlyList<LoggedFact> facts, CancellationToken cancellationToken)
    {
        foreach (var group in facts.GroupBy(f => f.Row.Table))
        {
            var table = group.Key;
            var names = string.Join(", ", FactTable.SharedColumns.Concat(table.Columns).Select(c => c.Name));
            await using var writer = await connection.BeginBinaryImportAsync($"COPY {table.Name} ({names}) FROM STDIN (FORMAT BINARY)", cancellationToken).ConfigureAwait(false);
            foreach (var (log, row) in group)
            {
                if (row.Values.Length != table.Columns.Count)
                    throw new InvalidOperationException($"A row for {table.Name} has {row.Values.Length} values for {table.Columns.Count} columns.");
                await writer.StartRowAsync(cancellationToken).ConfigureAwait(false);
                await writer.WriteAsync(chainId, NpgsqlTypes.NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
                await writer.WriteAsync(log.BlockNumber, NpgsqlTypes.NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
                await writer.WriteAsync(log.BlockHash, NpgsqlTypes.NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                await writer.WriteAsync((long)log.LogIndex, NpgsqlTypes.NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
                await writer.WriteAsync((long)row.Entry, NpgsqlTypes.NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
                await writer.WriteAsync(log.TransactionHash, NpgsqlTypes.NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                await writer.WriteAsync(log.Contract, NpgsqlTypes.NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                for (var i = 0; i < row.Values.Length; i++)
                {
                    var value = row.Values[i];
                    if (value is null)
                        await writer.WriteNullAsync(cancellationToken).ConfigureAwait(false);
                    else if (table.Columns[i].Type == ColumnType.Number)
                        await writer.WriteAsync(value is bool b ? (b ? 1L : 0L) : Convert.ToInt64(value, CultureInfo.InvariantCulture), NpgsqlTypes.NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
                    else
                        await writer.WriteAsync(value as string ?? Convert.ToString(value, CultureInfo.InvariantCulture)!, NpgsqlTypes.NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                }
            }
            await writer.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static DbCommand CreateInsert(DbConnection connection, DbTransaction transaction, FactTable table, int rows)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = table.InsertSql(rows);
        for (var i = 0; i < rows * table.Width; i++)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@p" + i.ToString(CultureInfo.InvariantCulture);
            command.Parameters.Add(parameter);
        }
        return command;
    }

    private static void Bind(DbCommand command, FactTable table, long chainId, List<LoggedFact> rows, int offset, int count)
    {
        var p = command.Parameters;
        for (var r = 0; r < count; r++)
        {
            var (log, row) = rows[offset + r];
            if (row.Values.Length != table.Columns.Count)
                throw new InvalidOperationException($"A row for {table.Name} has {row.Values.Length} values for {table.Columns.Count} columns.");
            var at = r * table.Width;
            p[at].Value = chainId;
            p[at + 1].Value = log.BlockNumber;
            p[at + 2].Value = log.BlockHash;
            p[at + 3].Value = log.LogIndex;
            p[at + 4].Value = (long)row.Entry;
            p[at + 5].Value = log.TransactionHash;
            p[at + 6].Value = log.Contract;
            for (var i = 0; i < row.Values.Length; i++)
                p[at + FactTable.SharedColumns.Count + i].Value = row.Values[i] switch
                {
                    null => DBNull.Value,
                    bool b => b ? 1L : 0L,
                    int n => (long)n,
                    var v => v,
                };
        }
    }

    private static async Task UpsertBlocksAsync(DbConnection connection, DbTransaction transaction, long chainId, IReadOnlyList<BlockRef> blocks, CancellationToken cancellationToken)
    {
        foreach (var block in blocks)
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO blocks (chain_id, number, hash) VALUES (@chainId, @number, @hash) ON CONFLICT (chain_id, number) DO UPDATE SET hash = excluded.hash",
                new { chainId, number = block.Number, hash = block.Hash }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    private string Now() => _time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture);

    private long NowMilliseconds() => _time.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>The lease clock's now in unix milliseconds, as SQL (SQLite: the <c>@now</c> parameter).</summary>
    private string LeaseNow => _database.Dialect == SqlDialect.PostgreSql ? "(EXTRACT(EPOCH FROM now()) * 1000)::BIGINT" : "@now";
}
