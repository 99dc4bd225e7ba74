using System.Globalization;
using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using Pos.Contracts.Journal;
using Pos.Contracts.Reports;

namespace Pos.Cloud.Reports;

/// <summary>
/// A store's figures of a business date (the store_day_figures row, and its reports' row in store_day_reports): the one place that maps the date's events to the
/// row. The fold over the events (<see cref="DayFold"/>, which both report builders are) stays the definition; the row
/// is its stored result, brought up to date in the transaction of every batch that adds events of the date (from the
/// store grain's kept fold, or folded again from the journal: <see cref="AddAsync"/>; under the store's row lock, which
/// every writer of the store's journal holds), and by the rebuild under the same lock.
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

    // The figures row and, when it was written (never over a date whose raw events were deleted), the date's reports
    // (store_day_reports, migration 0015): one statement, one round trip. Its answer is 1 when they were written.
    private static readonly string Upsert = $"""
        with figures as (
            insert into store_day_figures (store_id, business_date, folded, events, through_seq, fold_error, updated_at, {DaySums.Columns})
            values ($1, $2, $3::text is not null, $5, $6, $7, now(), {string.Join(", ", Enumerable.Range(8, DaySums.ColumnCount).Select(i => $"${i}"))})
            on conflict (store_id, business_date) do update
            set folded = excluded.folded, events = excluded.events, through_seq = excluded.through_seq,
                fold_error = excluded.fold_error, updated_at = excluded.updated_at, to_fold = false,
                {string.Join(", ", DaySums.Columns.Split(", ").Select(c => $"{c} = excluded.{c}"))}
            where store_day_figures.raw_deleted_at is null
            returning 1
        ), reports as (
            insert into store_day_reports (store_id, business_date, report, z)
            select $1, $2, $3::json, $4::json from figures
            on conflict (store_id, business_date) do update set report = excluded.report, z = excluded.z
        )
        select count(*)::int from figures
        """;

    // A seal of the date: kept when it is the latest (the highest seq); a date sealed with nothing of its own held gets
    // its row here, with the figures of no events (what the defaults of the sums' columns are) and their reports.
    private const string SealUpsert = """
        with figures as (
            insert into store_day_figures (store_id, business_date, folded, events, through_seq, seal_seq, seal_data, updated_at)
            values ($1, $2, true, 0, 0, $5, $6, now())
            on conflict (store_id, business_date) do update
            set seal_seq = excluded.seal_seq, seal_data = excluded.seal_data, updated_at = excluded.updated_at
            where store_day_figures.seal_seq is null or store_day_figures.seal_seq < excluded.seal_seq
            returning xmax = 0 as inserted
        )
        insert into store_day_reports (store_id, business_date, report, z)
        select $1, $2, $3::json, $4::json from figures where inserted
        on conflict (store_id, business_date) do nothing
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
    public static FoldedDay Fold(DateOnly businessDate, IReadOnlyList<JournalEntry> events) => FoldOf(businessDate, events).Day;

    /// <summary>The same, with the fold kept (null when it threw), to be given the date's next events.</summary>
    public static (FoldedDay Day, DayFold? Fold) FoldOf(DateOnly businessDate, IReadOnlyList<JournalEntry> events)
    {
        var fold = new DayFold(businessDate);
        try
        {
            foreach (var entry in events)
            {
                fold.Add(entry);
            }
        }
        catch (Exception e)
        {
            // The fold is pure: whatever it throws is about the events, never the machine.
            return (Failed(events, e), null);
        }
        var day = Written(fold);
        return (day, day.Error is null ? fold : null);
    }

    /// <summary>The row of what <paramref name="fold"/> holds.</summary>
    public static FoldedDay Written(DayFold fold)
    {
        var events = fold.Events;
        try
        {
            var (daily, zReport) = fold.Reports();
            var report = JsonSerializer.Serialize(daily, StoredReportJson.Writing);
            var z = JsonSerializer.Serialize(zReport, EventJson.Options);
            return new FoldedDay(report, z, events, fold.ThroughSeq, null) { Sums = DaySums.Of(daily) };
        }
        catch (Exception e)
        {
            return new FoldedDay(null, null, events, fold.ThroughSeq, $"{e.GetType().Name}: {e.Message}");
        }
    }

    private static FoldedDay Failed(IReadOnlyList<JournalEntry> events, Exception e) =>
        new(null, null, events.Count, events.Count == 0 ? 0 : events.Max(x => x.Seq), $"{e.GetType().Name}: {e.Message}");

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
        foreach (var parameter in (day.Sums ?? DaySums.None).Parameters())
        {
            cmd.Parameters.Add(parameter);
        }
        await cmd.PrepareAsync(cancellationToken);
        return await cmd.ExecuteScalarAsync(cancellationToken) is 1;
    }

    /// <summary>
    /// Folds the store's date again from the events the transaction sees and writes the row. Called by ingest after it
    /// inserted <paramref name="added"/> events of the date, in the same transaction (which holds the store's row).
    /// A date whose raw events were deleted keeps its figures; events added to it after all (a store contradicting its
    /// own seal) are counted, so the date's report says it cannot be proven complete rather than hiding them.
    /// </summary>
    public static async Task<DayFold?> RefoldAsync(
        NpgsqlConnection conn, NpgsqlTransaction tx, string storeId, DateOnly businessDate, int added, CancellationToken cancellationToken)
    {
        var events = await ReadEventsAsync(conn, tx, storeId, businessDate, cancellationToken);
        var (day, fold) = FoldOf(businessDate, events);
        if (await WriteAsync(conn, tx, storeId, businessDate, day, cancellationToken))
        {
            return fold;
        }
        await using var count = new NpgsqlCommand("""
            update store_day_figures set events = events + $3, updated_at = now()
            where store_id = $1 and business_date = $2
            """, conn, tx);
        count.Parameters.AddWithValue(storeId);
        count.Parameters.AddWithValue(businessDate);
        count.Parameters.AddWithValue(added);
        await count.ExecuteNonQueryAsync(cancellationToken);
        return null;
    }

    /// <summary>
    /// Adds <paramref name="added"/>, the date's events ingest just inserted (in the same transaction, which holds the
    /// store's row), to the date's figures. With <paramref name="kept"/>, the date's fold the store's grain kept from
    /// its last batch, only the new events are folded, when the row still says the fold holds what the journal holds
    /// (the same count of events and the same highest seq: seqs only grow, so nothing else can have come between);
    /// otherwise, or when the fold throws, the date is folded again from the journal (<see cref="RefoldAsync"/>).
    /// Either way the row is what the fold of every event of the date makes. Returns the fold to keep for the date's
    /// next events (null when there is none: a fold that failed, raw events deleted).
    /// </summary>
    public static async Task<DayFold?> AddAsync(
        NpgsqlConnection conn, NpgsqlTransaction tx, string storeId, DateOnly businessDate, IReadOnlyList<JournalEntry> added, DayFold? kept,
        CancellationToken cancellationToken)
    {
        if (kept is not null && kept.BusinessDate == businessDate && await HoldsAsync(conn, tx, storeId, kept, cancellationToken))
        {
            FoldedDay? day;
            try
            {
                foreach (var entry in added)
                {
                    kept.Add(entry);
                }
                day = Written(kept);
            }
            catch (Exception)
            {
                // The fold is pure: what it throws is about the events; the fold from the journal writes why.
                day = null;
            }
            if (day is { Error: null } && await WriteAsync(conn, tx, storeId, businessDate, day, cancellationToken))
            {
                return kept;
            }
        }
        return await RefoldAsync(conn, tx, storeId, businessDate, added.Count, cancellationToken);
    }

    // Whether the date's row says it was written from what the fold holds: the row's events and highest seq.
    private static async Task<bool> HoldsAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string storeId, DayFold fold, CancellationToken cancellationToken)
    {
        await using var cmd = new NpgsqlCommand("""
            select events, through_seq, raw_deleted_at is null, fold_error is null from store_day_figures
            where store_id = $1 and business_date = $2
            """, conn, tx);
        cmd.Parameters.AddWithValue(storeId);
        cmd.Parameters.AddWithValue(fold.BusinessDate);
        await cmd.PrepareAsync(cancellationToken);
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return fold.Events == 0;
        }
        return reader.GetInt32(0) == fold.Events && reader.GetInt64(1) == fold.ThroughSeq && reader.GetBoolean(2) && reader.GetBoolean(3);
    }

    /// <summary>
    /// Keeps <paramref name="seal"/> (a BusinessDaySealed event ingest just inserted) on the row of the date it names,
    /// when it is the latest seal of that date; a date the cloud holds nothing of gets its row (the figures of no
    /// events). A seal whose data names no date is kept on none, as the reports never found it before the rows.
    /// Returns the date it sealed, or null.
    /// </summary>
    public static async Task<DateOnly?> RecordSealAsync(
        NpgsqlConnection conn, NpgsqlTransaction tx, string storeId, JournalEntry seal, CancellationToken cancellationToken)
    {
        if (SealReading.DateOf(seal.Data) is not { } date)
        {
            return null;
        }
        await using var cmd = new NpgsqlCommand(SealUpsert, conn, tx);
        cmd.Parameters.AddWithValue(storeId);
        cmd.Parameters.AddWithValue(date);
        var nothing = Written(new DayFold(date));
        cmd.Parameters.Add(new NpgsqlParameter { Value = nothing.Report, NpgsqlDbType = NpgsqlDbType.Text });
        cmd.Parameters.Add(new NpgsqlParameter { Value = nothing.Z, NpgsqlDbType = NpgsqlDbType.Text });
        cmd.Parameters.AddWithValue(seal.Seq);
        cmd.Parameters.AddWithValue(seal.Data);
        await cmd.PrepareAsync(cancellationToken);
        await cmd.ExecuteNonQueryAsync(cancellationToken);
        return date;
    }

    /// <summary>The latest seal of the date in the store's journal (the one the row should keep), or null.</summary>
    public static async Task<(long Seq, string Data)?> LatestSealAsync(
        NpgsqlConnection conn, NpgsqlTransaction tx, string storeId, DateOnly businessDate, CancellationToken cancellationToken)
    {
        await using var cmd = new NpgsqlCommand($"""
            select seq, data::text from store_journal
            where store_id = $1 and stream_id = '{BusinessDaySealed.StreamId}' and type = '{BusinessDaySealed.Type}'
              and data ->> 'businessDate' = $2
            order by seq desc limit 1
            """, conn, tx);
        cmd.Parameters.AddWithValue(storeId);
        cmd.Parameters.AddWithValue(businessDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? (reader.GetInt64(0), reader.GetString(1)) : null;
    }

    /// <summary>Sets the seal the date's row keeps (the rebuild's repair).</summary>
    public static async Task SetSealAsync(
        NpgsqlConnection conn, NpgsqlTransaction tx, string storeId, DateOnly businessDate, (long Seq, string Data)? seal, CancellationToken cancellationToken)
    {
        await using var cmd = new NpgsqlCommand("""
            update store_day_figures set seal_seq = $3, seal_data = $4 where store_id = $1 and business_date = $2
            """, conn, tx);
        cmd.Parameters.AddWithValue(storeId);
        cmd.Parameters.AddWithValue(businessDate);
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)seal?.Seq ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Bigint });
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)seal?.Data ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        await cmd.ExecuteNonQueryAsync(cancellationToken);
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
public sealed record FoldedDay(string? Report, string? Z, int Events, long ThroughSeq, string? Error)
{
    /// <summary>The report's sums (null when the fold threw: the columns then hold nothing, as the report does).</summary>
    public DaySums? Sums { get; init; }
}
