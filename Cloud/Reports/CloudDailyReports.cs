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
/// Daily reports from the stores' figures of the date (store_day_figures and store_day_reports, kept by ingest:
/// <see cref="DayFigures"/>). One query for any number of stores (each store with its latest seal of the date and its
/// reports), and for the daily report the sums added up per currency, all in one snapshot, so the checkpoint, the
/// seal, the reports and the totals agree with each other; the cost is a row per store, whatever the events behind it.
/// </summary>
public sealed class CloudDailyReports(CloudDatabase database)
{
    // FIGURES: the reports' column the report is read from (report or z), json read as the UTF-8 bytes PostgreSQL sends
    // (a cast to text would copy every report once more: 2,000 reports, 70 ms; a string of each, decoded to be encoded
    // again, 10 MB for the all-store answer), and only when the figures row says its fold was made.
    // The seal is the figures row's: ingest keeps the latest seal of the date there.
    private const string StoresWithSealAndFigures = """
        select s.store_id, s.name, s.acked_seq, s.head_seq, s.last_sync_at, f.seal_seq, f.seal_data,
               case when f.folded then r.FIGURES end, f.events, f.store_id is not null, coalesce(f.folded, false)
        from stores s
        left join store_day_figures f on f.store_id = s.store_id and f.business_date = $1
        left join store_day_reports r on r.store_id = f.store_id and r.business_date = $1
        where ($2::text[] is null or s.store_id = any($2::text[]))
        order by s.store_id
        """;

    private static readonly string DailyQuery = StoresWithSealAndFigures.Replace("FIGURES", "report", StringComparison.Ordinal);
    private static readonly string ZQuery = StoresWithSealAndFigures.Replace("FIGURES", "z", StringComparison.Ordinal);

    // The folded rows' sums and hours added up by PostgreSQL, per currency: reading 70 columns of 2,000 rows into the
    // silo to add them there took 40 ms of the chain's answer.
    private static readonly string SumsOfDate = $"""
        select currency, {string.Join(", ", DaySums.AddedColumns.Select(c => $"sum({c})::bigint"))}
        from store_day_figures
        where business_date = $1 and folded and ($2::text[] is null or store_id = any($2::text[]))
        group by currency
        """;

    // And their items, per currency, item and name: with the first store (in store order) that sold it under that name.
    private const string ItemsOfDate = """
        select f.currency, i.id, i.name, min(f.store_id), sum(i.quantity)::bigint, sum(i.net)::bigint
        from store_day_figures f
        cross join lateral unnest(f.item_ids, f.item_names, f.item_quantities, f.item_net_minor) as i(id, name, quantity, net)
        where f.business_date = $1 and f.folded and ($2::text[] is null or f.store_id = any($2::text[]))
        group by f.currency, i.id, i.name
        """;

    /// <summary>
    /// The date's report of the registered stores among <paramref name="storeIds"/> (null: every store), for the HTTP
    /// answer: each store's report is the JSON the cloud stored, written as it is (<see cref="StoredReportJson"/>),
    /// and the totals are the folded rows' sums' columns added up by PostgreSQL (with the sums of any row folded here),
    /// so no report is read into objects; serialize it with <see cref="StoredReportJson.Options"/>.
    /// </summary>
    public async Task<HqDailyReport> DailyAnswerAsync(DateOnly businessDate, IReadOnlyList<string>? storeIds, CancellationToken cancellationToken)
    {
        var (stores, folded) = await ReadDayAsync(DailyQuery, businessDate, storeIds, withSums: true, cancellationToken);
        var empty = DayFigures.EmptyReport(businessDate);
        var reports = stores
            .Select(s => ReportOf(s, s.Figures is { } json ? StoredReportJson.Stand(json) : s.Unfolded ?? empty))
            .ToList();
        // A store not yet complete may still send orders of any currency, so every sum is complete only when every store is.
        var (total, totals) = DaySums.ByCurrency(
            [.. folded, .. stores.Where(s => s is { HasRow: true, Folded: false }).Select(s => s.Sums)], reports.All(r => r.Complete));
        return new HqDailyReport(businessDate, reports, total, totals);
    }

    /// <summary>The date's Z report of the registered stores among <paramref name="storeIds"/> (null: every store), from the same kind of read.</summary>
    public async Task<HqZReport> ZAsync(DateOnly businessDate, IReadOnlyList<string>? storeIds, CancellationToken cancellationToken)
    {
        var (stores, _) = await ReadDayAsync(ZQuery, businessDate, storeIds, withSums: false, cancellationToken);
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
    /// the same snapshot and folded here, as every report was before the rows were kept. With
    /// <paramref name="withSums"/>, also the folded rows' sums, one per currency, in the same snapshot: read on a
    /// second connection that takes this one's snapshot (<c>SET TRANSACTION SNAPSHOT</c>), while this one reads the
    /// stores, so PostgreSQL adds up the totals while it sends the reports (one after the other, the two took 50 ms of
    /// the chain's answer; side by side, 30).
    /// </summary>
    private async Task<(List<StoreRow> Stores, List<DaySums> Folded)> ReadDayAsync(
        string query, DateOnly businessDate, IReadOnlyList<string>? storeIds, bool withSums, CancellationToken cancellationToken)
    {
        await using var conn = await database.DataSource.OpenConnectionAsync(cancellationToken);
        await using var tx = await conn.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
        await RangeSums.RoomToSortAsync(conn, tx, cancellationToken);

        var sums = Task.FromResult(new List<DaySums>());
        if (withSums)
        {
            await using var export = new NpgsqlCommand("select pg_export_snapshot()", conn, tx);
            var snapshot = (string)(await export.ExecuteScalarAsync(cancellationToken))!;
            sums = SumsAsync(snapshot, businessDate, storeIds, cancellationToken);
        }
        var stores = new List<StoreRow>();
        try
        {
            await ReadRowsAsync(conn, tx, query, businessDate, storeIds, reader => stores.Add(new StoreRow(
                reader.GetString(0), reader.GetString(1), reader.GetInt64(2), reader.GetInt64(3),
                reader.IsDBNull(4) ? null : reader.GetFieldValue<DateTimeOffset>(4),
                reader.IsDBNull(5) ? null : reader.GetInt64(5),
                reader.IsDBNull(6) ? null : reader.GetString(6),
                reader.IsDBNull(7) ? null : BytesOf(reader, 7),
                reader.IsDBNull(8) ? 0 : reader.GetInt32(8),
                reader.GetBoolean(9),
                reader.GetBoolean(10))), cancellationToken);
            for (var i = 0; i < stores.Count; i++)
            {
                if (stores[i] is { HasRow: true, Figures: null } unfolded)
                {
                    var events = await DayFigures.ReadEventsAsync(conn, tx, unfolded.StoreId, businessDate, cancellationToken);
                    var report = DailyReportBuilder.Build(businessDate, events);
                    stores[i] = unfolded with { UnfoldedEvents = events, Unfolded = report, Sums = DaySums.Of(report) };
                }
            }
        }
        catch
        {
            // The exported snapshot lives as long as this transaction: the sums' reader is waited for before it ends;
            // this failure is the answer's, not the sums' (most often the same: the database went away).
            try
            {
                await sums;
            }
            catch (Exception e) when (e is NpgsqlException or OperationCanceledException or InvalidOperationException)
            {
            }
            throw;
        }
        var folded = await sums;
        await tx.CommitAsync(cancellationToken);
        return (stores, folded);
    }

    /// <summary>
    /// The folded rows' sums of the date, one per currency, with their items, read in the exported
    /// <paramref name="snapshot"/> on a connection of their own.
    /// </summary>
    private async Task<List<DaySums>> SumsAsync(
        string snapshot, DateOnly businessDate, IReadOnlyList<string>? storeIds, CancellationToken cancellationToken)
    {
        await using var conn = await database.DataSource.OpenConnectionAsync(cancellationToken);
        await using var tx = await conn.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
        await using (var take = new NpgsqlCommand($"set transaction snapshot '{snapshot.Replace("'", "''", StringComparison.Ordinal)}'", conn, tx))
        {
            await take.ExecuteNonQueryAsync(cancellationToken);
        }
        await RangeSums.RoomToSortAsync(conn, tx, cancellationToken);

        var values = new Dictionary<string, long[]>(StringComparer.Ordinal);
        await ReadRowsAsync(conn, tx, SumsOfDate, businessDate, storeIds, reader =>
        {
            var sums = new long[DaySums.AddedColumns.Length];
            for (var i = 0; i < sums.Length; i++)
            {
                sums[i] = reader.GetInt64(1 + i);
            }
            values[reader.GetString(0)] = sums;
        }, cancellationToken);
        var items = new Dictionary<(string Currency, string Id), (ItemSales Sum, string FirstStore)>();
        await ReadRowsAsync(conn, tx, ItemsOfDate, businessDate, storeIds, reader =>
        {
            var (key, name, store) = ((reader.GetString(0), reader.GetString(1)), reader.GetString(2), reader.GetString(3));
            var (quantity, net) = (reader.GetInt64(4), reader.GetInt64(5));
            items[key] = items.TryGetValue(key, out var seen)
                ? (new ItemSales(key.Item2, string.CompareOrdinal(store, seen.FirstStore) < 0 ? name : seen.Sum.Name,
                    checked(seen.Sum.Quantity + quantity), checked(seen.Sum.NetSalesMinor + net)),
                    string.CompareOrdinal(store, seen.FirstStore) < 0 ? store : seen.FirstStore)
                : (new ItemSales(key.Item2, name, quantity, net), store);
        }, cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return [.. values.Select(v => DaySums.Of(v.Key, v.Value[..DaySums.SumColumns.Length],
            [.. items.Where(i => i.Key.Currency == v.Key).Select(i => i.Value.Sum).OrderBy(i => i.MenuItemId, StringComparer.Ordinal)],
            DaySums.HoursOf(v.Value, DaySums.SumColumns.Length)))];
    }

    /// <summary>A json column's UTF-8 bytes as they came.</summary>
    private static byte[] BytesOf(NpgsqlDataReader reader, int ordinal)
    {
        using var stream = reader.GetStream(ordinal);
        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        return bytes;
    }

    private static async Task ReadRowsAsync(
        NpgsqlConnection conn, NpgsqlTransaction tx, string sql, DateOnly businessDate, IReadOnlyList<string>? storeIds,
        Action<NpgsqlDataReader> row, CancellationToken cancellationToken)
    {
        await using var cmd = new NpgsqlCommand(sql, conn, tx);
        cmd.Parameters.AddWithValue(businessDate);
        cmd.Parameters.Add(new NpgsqlParameter
        {
            Value = storeIds is null ? DBNull.Value : storeIds.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text,
        });
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            row(reader);
        }
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

    /// <summary>
    /// A store with its seal of the date and its figures of it (<see cref="Figures"/>: the report's JSON in UTF-8, null when
    /// the row has none to read; <see cref="Folded"/>: the row's sums hold its fold, and PostgreSQL adds them up).
    /// </summary>
    private sealed record StoreRow(
        string StoreId, string Name, long AckedSeq, long HeadSeq, DateTimeOffset? LastSyncAt, long? SealSeq, string? SealData,
        byte[]? Figures, int Events, bool HasRow, bool Folded)
    {
        /// <summary>The raw events of a row without figures to read, folded here.</summary>
        public List<JournalEntry>? UnfoldedEvents { get; init; }

        /// <summary>Their daily report.</summary>
        public DailyReport? Unfolded { get; init; }

        /// <summary>Its sums (of the events folded here).</summary>
        public DaySums Sums { get; init; } = DaySums.None;
    }
}
