using System.Data;
using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using Pos.Cloud.Database;
using Pos.Contracts.Cloud;
using Pos.Contracts.Journal;
using Pos.Contracts.Reports;

namespace Pos.Cloud.Reports;

/// <summary>
/// Daily reports from the stores' figures of the date (store_day_figures, kept by ingest: <see cref="DayFigures"/>).
/// One query for any number of stores (each store with its latest seal of the date and its figures), in one snapshot,
/// so the checkpoint, the seal and the figures agree with each other; the cost is a row per store, whatever the
/// events behind it.
/// </summary>
public sealed class CloudDailyReports(CloudDatabase database)
{
    // FIGURES: the figures' column the report is read from (report or z), json read as the text it is (a cast to text
    // would copy every report once more: 2,000 reports, 70 ms). The seal is the row's: ingest keeps the latest seal of
    // the date there.
    private static readonly string StoresWithSealAndFigures = $"""
        select s.store_id, s.name, s.acked_seq, s.head_seq, s.last_sync_at, f.seal_seq, f.seal_data,
               f.FIGURES, f.events, f.store_id is not null, {string.Join(", ", DaySums.Columns.Split(", ").Select(c => $"f.{c}"))}
        from stores s
        left join store_day_figures f on f.store_id = s.store_id and f.business_date = $1
        where ($2::text[] is null or s.store_id = any($2::text[]))
        order by s.store_id
        """;

    private static readonly string DailyQuery = StoresWithSealAndFigures.Replace("FIGURES", "report", StringComparison.Ordinal);
    private static readonly string ZQuery = StoresWithSealAndFigures.Replace("FIGURES", "z", StringComparison.Ordinal);

    /// <summary>
    /// The date's report of the registered stores among <paramref name="storeIds"/> (null: every store), for the HTTP
    /// answer: each store's report is the JSON the cloud stored, written as it is
    /// (<see cref="StoredReportJson"/>), and the totals are the sums' columns added up, so no report is read into
    /// objects; serialize it with <see cref="StoredReportJson.Options"/>.
    /// </summary>
    public async Task<HqDailyReport> DailyAnswerAsync(DateOnly businessDate, IReadOnlyList<string>? storeIds, CancellationToken cancellationToken)
    {
        var stores = await ReadDayAsync(DailyQuery, businessDate, storeIds, cancellationToken);
        var empty = DayFigures.EmptyReport(businessDate);
        return Report(businessDate, stores, s => s.Figures is { } json ? StoredReportJson.Stand(json) : s.Unfolded ?? empty);
    }

    private static HqDailyReport Report(DateOnly businessDate, List<StoreRow> stores, Func<StoreRow, DailyReport> reportOf)
    {
        var reports = stores.Select(s => ReportOf(s, reportOf(s))).ToList();
        // A store not yet complete may still send orders of any currency, so every sum is complete only when every store is.
        var (total, totals) = DaySums.ByCurrency([.. stores.Select(s => s.Sums)], reports.All(r => r.Complete));
        return new HqDailyReport(businessDate, reports, total, totals);
    }

    /// <summary>The date's Z report of the registered stores among <paramref name="storeIds"/> (null: every store), from the same kind of read.</summary>
    public async Task<HqZReport> ZAsync(DateOnly businessDate, IReadOnlyList<string>? storeIds, CancellationToken cancellationToken)
    {
        var stores = await ReadDayAsync(ZQuery, businessDate, storeIds, cancellationToken);
        var empty = DayFigures.EmptyZ(businessDate);
        return new HqZReport(businessDate, [.. stores.Select(s =>
        {
            var z = s.Figures is { } json
                ? JsonSerializer.Deserialize<ZReport>(json, EventJson.Options)!
                : s.UnfoldedEvents is { } events ? ZReportBuilder.Build(businessDate, events) : empty;
            var (complete, reason, _) = Completeness(s);
            return new StoreZReport(s.StoreId, s.Name, z, s.AckedSeq, s.LastSyncAt, complete, reason);
        })]);
    }

    /// <summary>
    /// The stores (with their seal of the date and their figures of it), in one snapshot; null for an unknown store.
    /// A row without figures (still to be folded after an upgrade, or a fold that failed) has its raw events read in
    /// the same snapshot and folded here, as every report was before the rows were kept.
    /// </summary>
    private async Task<List<StoreRow>> ReadDayAsync(string query, DateOnly businessDate, IReadOnlyList<string>? storeIds, CancellationToken cancellationToken)
    {
        await using var conn = await database.DataSource.OpenConnectionAsync(cancellationToken);
        await using var tx = await conn.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
        await RangeSums.RoomToSortAsync(conn, tx, cancellationToken);

        var stores = new List<StoreRow>();
        await using (var cmd = new NpgsqlCommand(query, conn, tx))
        {
            cmd.Parameters.AddWithValue(businessDate);
            cmd.Parameters.Add(new NpgsqlParameter
            {
                Value = storeIds is null ? DBNull.Value : storeIds.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text,
            });
            await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                stores.Add(new StoreRow(
                    reader.GetString(0), reader.GetString(1), reader.GetInt64(2), reader.GetInt64(3),
                    reader.IsDBNull(4) ? null : reader.GetFieldValue<DateTimeOffset>(4),
                    reader.IsDBNull(5) ? null : reader.GetInt64(5),
                    reader.IsDBNull(6) ? null : reader.GetString(6),
                    reader.IsDBNull(7) ? null : reader.GetString(7),
                    reader.IsDBNull(8) ? 0 : reader.GetInt32(8),
                    reader.GetBoolean(9),
                    reader.IsDBNull(10) ? DaySums.None : DaySums.Read(reader, 10)));
            }
        }
        for (var i = 0; i < stores.Count; i++)
        {
            if (stores[i] is { HasRow: true, Figures: null } unfolded)
            {
                var events = await DayFigures.ReadEventsAsync(conn, tx, unfolded.StoreId, businessDate, cancellationToken);
                var report = DailyReportBuilder.Build(businessDate, events);
                stores[i] = unfolded with { UnfoldedEvents = events, Unfolded = report, Sums = DaySums.Of(report) };
            }
        }
        await tx.CommitAsync(cancellationToken);
        return stores;
    }

    private static StoreDailyReport ReportOf(StoreRow store, DailyReport report)
    {
        var (complete, reason, seal) = Completeness(store);
        return new StoreDailyReport
        {
            StoreId = store.StoreId,
            Name = store.Name,
            Report = report,
            SyncedThroughSeq = store.AckedSeq,
            SyncedAt = store.LastSyncAt,
            Complete = complete,
            IncompleteReason = reason,
            HeadSeq = store.HeadSeq,
            EventsHeld = store.Events,
            Seal = seal,
        };
    }

    private static (bool Complete, string? Reason, DaySeal? Seal) Completeness(StoreRow store)
    {
        DaySeal? seal = null;
        long? unreadable = null;
        if (store.SealSeq is { } sealSeq)
        {
            seal = SealReading.Read(sealSeq, store.SealData!);
            unreadable = seal is null ? sealSeq : null;
        }
        var (complete, reason) = DayCompleteness.Judge(store.AckedSeq, store.HeadSeq, store.Events, seal, unreadable);
        return (complete, reason, seal);
    }

    /// <summary>A store with its seal of the date and its figures of it (<see cref="Figures"/>: the report's JSON).</summary>
    private sealed record StoreRow(
        string StoreId, string Name, long AckedSeq, long HeadSeq, DateTimeOffset? LastSyncAt, long? SealSeq, string? SealData,
        string? Figures, int Events, bool HasRow, DaySums Sums)
    {
        /// <summary>The raw events of a row kept without figures, folded here.</summary>
        public List<JournalEntry>? UnfoldedEvents { get; init; }

        /// <summary>Their daily report.</summary>
        public DailyReport? Unfolded { get; init; }
    }
}
