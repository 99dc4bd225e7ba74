using Npgsql;
using NpgsqlTypes;
using Pos.Cloud.Database;
using Pos.Cloud.Reports;
using Pos.Contracts.Journal;
using Pos.Contracts.Reports;

namespace Pos.Cloud.Stores;

/// <summary>The stores' journals and checkpoints in the cloud database.</summary>
public sealed class StoreJournal(CloudDatabase database)
{
    /// <summary>The acknowledged seq of a store, or null when the store is not registered.</summary>
    public async Task<long?> AckedSeqAsync(string storeId, CancellationToken cancellationToken = default)
    {
        await using var cmd = database.DataSource.CreateCommand("select acked_seq from stores where store_id = $1");
        cmd.Parameters.AddWithValue(storeId);
        return await cmd.ExecuteScalarAsync(cancellationToken) is long acked ? acked : null;
    }

    /// <summary>The stored eventId of each seq in a range.</summary>
    public async Task<Dictionary<long, Guid>> EventIdsAsync(string storeId, long from, long to)
    {
        await using var cmd = database.DataSource.CreateCommand(
            "select seq, event_id from store_journal where store_id = $1 and seq between $2 and $3");
        cmd.Parameters.AddWithValue(storeId);
        cmd.Parameters.AddWithValue(from);
        cmd.Parameters.AddWithValue(to);
        var ids = new Dictionary<long, Guid>();
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            ids[reader.GetInt64(0)] = reader.GetGuid(1);
        }
        return ids;
    }

    /// <summary>
    /// Inserts the events and moves the checkpoint from <paramref name="expectedAcked"/> to the last seq, in one
    /// transaction, with the store's journal head (the highest ever reported, never below the checkpoint) and the
    /// figures of each business date the events count for (<see cref="DayFigures"/>).
    /// When the checkpoint is no longer <paramref name="expectedAcked"/>, nothing is written and the answer has the
    /// checkpoint as it is now (read in the same transaction, after any writer that held the store's row).
    /// <paramref name="folds"/>: the store's dates as its grain keeps them folded (<see cref="DayFolds"/>); null: each
    /// date is folded from the journal.
    /// </summary>
    public async Task<StoreAppendResult> AppendAsync(
        string storeId, long expectedAcked, IReadOnlyList<JournalEntry> events, long? headSeq = null, DayFolds? folds = null)
    {
        await using var conn = await database.DataSource.OpenConnectionAsync();
        await using var tx = await conn.BeginTransactionAsync();
        await using (var advance = new NpgsqlCommand("""
            update stores set acked_seq = $3, head_seq = greatest(head_seq, $3, coalesce($4, 0)), last_sync_at = now()
            where store_id = $1 and acked_seq = $2
            """, conn, tx))
        {
            advance.Parameters.AddWithValue(storeId);
            advance.Parameters.AddWithValue(expectedAcked);
            advance.Parameters.AddWithValue(events[^1].Seq);
            advance.Parameters.Add(new NpgsqlParameter { Value = headSeq.HasValue ? headSeq.Value : DBNull.Value, NpgsqlDbType = NpgsqlDbType.Bigint });
            await advance.PrepareAsync();
            if (await advance.ExecuteNonQueryAsync() != 1)
            {
                // The update waited for any other writer of the row and found the checkpoint moved (or no store):
                // this statement sees what that writer committed.
                await using var now = new NpgsqlCommand("select acked_seq from stores where store_id = $1", conn, tx);
                now.Parameters.AddWithValue(storeId);
                var acked = await now.ExecuteScalarAsync() is long a ? a : (long?)null;
                await tx.RollbackAsync();
                return new StoreAppendResult(false, acked);
            }
        }
        await using (var insert = new NpgsqlCommand("""
            insert into store_journal (store_id, seq, event_id, stream_id, stream_version, type, occurred_at, device_id, business_date, data, employee_id, approved_by)
            select $1, s, e, st, v, t, o, d, b, j::jsonb, em, ap
            from unnest($2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) as x(s, e, st, v, t, o, d, b, j, em, ap)
            """, conn, tx))
        {
            insert.Parameters.AddWithValue(storeId);
            insert.Parameters.Add(Array(events.Select(e => e.Seq), NpgsqlDbType.Bigint));
            insert.Parameters.Add(Array(events.Select(e => e.EventId), NpgsqlDbType.Uuid));
            insert.Parameters.Add(Array(events.Select(e => e.StreamId), NpgsqlDbType.Text));
            insert.Parameters.Add(Array(events.Select(e => e.StreamVersion), NpgsqlDbType.Integer));
            insert.Parameters.Add(Array(events.Select(e => e.Type), NpgsqlDbType.Text));
            insert.Parameters.Add(Array(events.Select(e => e.OccurredAt.UtcDateTime), NpgsqlDbType.TimestampTz));
            insert.Parameters.Add(Array(events.Select(e => e.DeviceId), NpgsqlDbType.Text));
            insert.Parameters.Add(Array(events.Select(e => e.BusinessDate), NpgsqlDbType.Date));
            insert.Parameters.Add(Array(events.Select(e => e.Data), NpgsqlDbType.Text));
            insert.Parameters.Add(Array(events.Select(e => e.EmployeeId), NpgsqlDbType.Text));
            insert.Parameters.Add(Array(events.Select(e => e.ApprovedBy), NpgsqlDbType.Text));
            await insert.PrepareAsync();
            await insert.ExecuteNonQueryAsync();
        }
        // The figures of every date the batch adds to, in this transaction: a report never sees the events without
        // their figures, nor the figures without their events. The folds come back to the grain only once stored.
        var kept = new List<DayFold>();
        foreach (var date in events.Where(e => e.BusinessDate is not null).GroupBy(e => e.BusinessDate!.Value))
        {
            if (await DayFigures.AddAsync(conn, tx, storeId, date.Key, [.. date], folds?.Take(date.Key), CancellationToken.None) is { } fold)
            {
                kept.Add(fold);
            }
        }
        var sealedDates = new List<DateOnly>();
        foreach (var seal in events.Where(e => e.StreamId == BusinessDaySealed.StreamId && e.Type == BusinessDaySealed.Type))
        {
            if (await DayFigures.RecordSealAsync(conn, tx, storeId, seal, CancellationToken.None) is { } sealedDate)
            {
                sealedDates.Add(sealedDate);
            }
        }
        await tx.CommitAsync();
        if (folds is not null)
        {
            kept.ForEach(folds.Keep);
            sealedDates.ForEach(folds.Sealed);
        }
        return new StoreAppendResult(true, events[^1].Seq);
    }

    /// <summary>
    /// Records the store's journal head from a batch that stored no new event (kept if lower than before; the head is
    /// never below the checkpoint, so a higher one is not either).
    /// </summary>
    public async Task RecordHeadAsync(string storeId, long headSeq)
    {
        await using var cmd = database.DataSource.CreateCommand(
            "update stores set head_seq = $2 where store_id = $1 and head_seq < $2");
        cmd.Parameters.AddWithValue(storeId);
        cmd.Parameters.AddWithValue(headSeq);
        await cmd.ExecuteNonQueryAsync();
    }

    private static NpgsqlParameter Array<T>(IEnumerable<T> values, NpgsqlDbType type) =>
        new() { Value = values.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | type };
}

/// <summary>
/// What became of an append: <see cref="Stored"/>, and the store's checkpoint after it: the batch's last seq when
/// stored, otherwise the checkpoint that was there instead of the expected one (null when the store is not registered).
/// </summary>
public readonly record struct StoreAppendResult(bool Stored, long? AckedSeq);
