using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using Pos.Contracts.Journal;
using Pos.Contracts.Reports;

namespace Pos.Cloud.Reports;

/// <summary>
/// A store's figures of a business date (the store_day_figures row): the one place that maps the date's events to the
/// row. The fold over the events (<see cref="DailyReportBuilder"/>, <see cref="ZReportBuilder"/>) stays the definition;
/// the row is its stored result, made again in the transaction of every batch that adds events of the date (under the
/// store's row lock, which every writer of the store's journal holds), and by the rebuild under the same lock.
/// </summary>
public static class DayFigures
{
    /// <summary>The columns <see cref="Entry"/> reads, in its order (after any the caller puts first).</summary>
    public const string EntryColumns = "seq, event_id, stream_id, stream_version, type, occurred_at, device_id, business_date, data::text, employee_id";

    // Through the index (business_date, store_id, seq): one store's date, already in seq order.
    private const string EventsOfStoreDate = $"""
        select {EntryColumns}
        from store_journal
        where business_date = $1 and store_id = $2
        order by seq
        """;

    private const string Upsert = """
        insert into store_day_figures (store_id, business_date, report, z, events, through_seq, fold_error, updated_at)
        values ($1, $2, $3::jsonb, $4::jsonb, $5, $6, $7, now())
        on conflict (store_id, business_date) do update
        set report = excluded.report, z = excluded.z, events = excluded.events, through_seq = excluded.through_seq,
            fold_error = excluded.fold_error, updated_at = excluded.updated_at
        where store_day_figures.raw_deleted_at is null
        """;

    /// <summary>The fold of no events: the report of a store and date the cloud holds nothing of.</summary>
    public static DailyReport EmptyReport(DateOnly businessDate) => DailyReportBuilder.Build(businessDate, []);

    /// <summary>The Z report of no events.</summary>
    public static ZReport EmptyZ(DateOnly businessDate) => ZReportBuilder.Build(businessDate, []);

    /// <summary>A journal entry from <paramref name="reader"/>'s columns <see cref="EntryColumns"/>, starting at <paramref name="first"/>.</summary>
    public static JournalEntry Entry(NpgsqlDataReader reader, int first) => new(
        reader.GetInt64(first), reader.GetGuid(first + 1), reader.GetString(first + 2), reader.GetInt32(first + 3), reader.GetString(first + 4),
        reader.GetFieldValue<DateTimeOffset>(first + 5), reader.GetString(first + 6), reader.GetFieldValue<DateOnly>(first + 7), reader.GetString(first + 8))
    {
        EmployeeId = reader.IsDBNull(first + 9) ? null : reader.GetString(first + 9),
    };

    /// <summary>The store's events of the date the cloud holds, in seq order, as the reports fold them.</summary>
    public static async Task<List<JournalEntry>> ReadEventsAsync(
        NpgsqlConnection conn, NpgsqlTransaction? tx, string storeId, DateOnly businessDate, CancellationToken cancellationToken)
    {
        await using var cmd = new NpgsqlCommand(EventsOfStoreDate, conn, tx);
        cmd.Parameters.AddWithValue(businessDate);
        cmd.Parameters.AddWithValue(storeId);
        var events = new List<JournalEntry>();
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            events.Add(Entry(reader, 0));
        }
        return events;
    }

    /// <summary>
    /// The row the fold of <paramref name="events"/> (the date's, in seq order) makes. A fold that throws (an event it
    /// cannot read) gives a row without figures that says why, so a store's sync never stops on it; the reports then
    /// fold the raw events themselves, as they did before the rows were kept.
    /// </summary>
    public static FoldedDay Fold(DateOnly businessDate, IReadOnlyList<JournalEntry> events)
    {
        var throughSeq = events.Count == 0 ? 0 : events.Max(e => e.Seq);
        try
        {
            var report = JsonSerializer.Serialize(DailyReportBuilder.Build(businessDate, events), EventJson.Options);
            var z = JsonSerializer.Serialize(ZReportBuilder.Build(businessDate, events), EventJson.Options);
            return new FoldedDay(report, z, events.Count, throughSeq, null);
        }
        catch (Exception e)
        {
            // The fold is pure: whatever it throws is about the events, never the machine.
            return new FoldedDay(null, null, events.Count, throughSeq, $"{e.GetType().Name}: {e.Message}");
        }
    }

    /// <summary>
    /// Writes the row (insert or replace), unless the date's raw events were deleted: then the row is all that is left
    /// of them and is kept (false).
    /// </summary>
    public static async Task<bool> WriteAsync(
        NpgsqlConnection conn, NpgsqlTransaction tx, string storeId, DateOnly businessDate, FoldedDay day, CancellationToken cancellationToken)
    {
        await using var cmd = new NpgsqlCommand(Upsert, conn, tx);
        cmd.Parameters.AddWithValue(storeId);
        cmd.Parameters.AddWithValue(businessDate);
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)day.Report ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)day.Z ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        cmd.Parameters.AddWithValue(day.Events);
        cmd.Parameters.AddWithValue(day.ThroughSeq);
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)day.Error ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        return await cmd.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>
    /// Folds the store's date again from the events the transaction sees and writes the row. Called by ingest after it
    /// inserted <paramref name="added"/> events of the date, in the same transaction (which holds the store's row).
    /// A date whose raw events were deleted keeps its figures; events added to it after all (a store contradicting its
    /// own seal) are counted, so the date's report says it cannot be proven complete rather than hiding them.
    /// </summary>
    public static async Task RefoldAsync(
        NpgsqlConnection conn, NpgsqlTransaction tx, string storeId, DateOnly businessDate, int added, CancellationToken cancellationToken)
    {
        var events = await ReadEventsAsync(conn, tx, storeId, businessDate, cancellationToken);
        if (await WriteAsync(conn, tx, storeId, businessDate, Fold(businessDate, events), cancellationToken))
        {
            return;
        }
        await using var count = new NpgsqlCommand("""
            update store_day_figures set events = events + $3, updated_at = now()
            where store_id = $1 and business_date = $2
            """, conn, tx);
        count.Parameters.AddWithValue(storeId);
        count.Parameters.AddWithValue(businessDate);
        count.Parameters.AddWithValue(added);
        await count.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Takes the store's row lock, the one ingest takes when it moves the checkpoint (FOR NO KEY UPDATE, as an UPDATE
    /// of the row does): until the transaction ends no batch of the store is stored, and every batch stored before is
    /// visible to the statements that follow (read committed). False when the store is not registered.
    /// </summary>
    public static async Task<bool> LockStoreAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string storeId, CancellationToken cancellationToken)
    {
        await using var cmd = new NpgsqlCommand("select 1 from stores where store_id = $1 for no key update", conn, tx);
        cmd.Parameters.AddWithValue(storeId);
        return await cmd.ExecuteScalarAsync(cancellationToken) is not null;
    }
}

/// <summary>
/// A store's date as the fold makes it: the DailyReport and the ZReport as JSON (null, with <see cref="Error"/>, when
/// the fold threw), how many events of the date there are and the highest seq among them.
/// </summary>
public sealed record FoldedDay(string? Report, string? Z, int Events, long ThroughSeq, string? Error);
