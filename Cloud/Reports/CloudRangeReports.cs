using System.Data;
using System.Globalization;
using Npgsql;
using NpgsqlTypes;
using Pos.Cloud.Database;
using Pos.Contracts.Cloud;
using Pos.Contracts.Reports;

namespace Pos.Cloud.Reports;

/// <summary>
/// Reports over a range of business dates from the stores' day figures (store_day_figures, kept at ingest,
/// <see cref="DayFiguresRange"/>): three queries for any number of stores and dates (the stores, their figures of the
/// range, their seals of the range), in one snapshot, so the cost is one row per store and date whatever the events
/// behind them.
/// </summary>
public sealed class CloudRangeReports(CloudDatabase database)
{
    /// <summary>
    /// The longest range asked for at once: a quarter. Every store date of the range is read and added up in the
    /// request (30 days of 2,000 stores: 5.7 s, docs/BENCHMARKS.md), so a longer one would hold a silo for minutes.
    /// </summary>
    public const int MaxDays = 92;

    private const string Stores = """
        select store_id, name, acked_seq, head_seq, last_sync_at
        from stores where ($1::text[] is null or store_id = any($1::text[])) order by store_id
        """;

    // One index probe per store (store_journal_day_seals leads with the store), the latest seal of each date kept.
    private const string Seals = $"""
        select s.store_id, seal.business_date, seal.seq, seal.data::text
        from stores s
        cross join lateral (
            select distinct on (j.data ->> 'businessDate') j.data ->> 'businessDate' as business_date, j.seq, j.data
            from store_journal j
            where j.store_id = s.store_id
              and j.stream_id = '{BusinessDaySealed.StreamId}' and j.type = '{BusinessDaySealed.Type}'
              and j.data ->> 'businessDate' between $1 and $2
            order by j.data ->> 'businessDate', j.seq desc) seal
        where ($3::text[] is null or s.store_id = any($3::text[]))
        """;

    /// <summary>The range's report of <paramref name="storeIds"/> (null: every registered store).</summary>
    public async Task<HqRangeReport> RangeAsync(DateOnly from, DateOnly to, IReadOnlyList<string>? storeIds, string? groupId, CancellationToken cancellationToken)
    {
        var filter = new NpgsqlParameter { Value = storeIds is null ? DBNull.Value : storeIds.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text };
        await using var conn = await database.DataSource.OpenConnectionAsync(cancellationToken);
        await using var tx = await conn.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);

        var stores = new List<StoreRow>();
        await using (var cmd = new NpgsqlCommand(Stores, conn, tx))
        {
            cmd.Parameters.Add(filter.Clone());
            await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                stores.Add(new StoreRow(reader.GetString(0), reader.GetString(1), reader.GetInt64(2), reader.GetInt64(3),
                    reader.IsDBNull(4) ? null : reader.GetFieldValue<DateTimeOffset>(4)));
            }
        }

        var days = (await DayFiguresRange.ReadAsync(conn, tx, from, to, storeIds, cancellationToken))
            .ToDictionary(f => (f.StoreId, f.BusinessDate), f => (f.Report, (long)f.Events));

        var seals = new Dictionary<(string, DateOnly), (DaySeal? Seal, long Seq)>();
        await using (var cmd = new NpgsqlCommand(Seals, conn, tx))
        {
            cmd.Parameters.AddWithValue(Iso(from));
            cmd.Parameters.AddWithValue(Iso(to));
            cmd.Parameters.Add(filter.Clone());
            await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                if (DateOnly.TryParseExact(reader.GetString(1), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                {
                    var seq = reader.GetInt64(2);
                    seals[(reader.GetString(0), date)] = (SealReading.Read(seq, reader.GetString(3)), seq);
                }
            }
        }
        await tx.CommitAsync(cancellationToken);

        var reports = stores.Select(s => StoreReport(s, from, to, days, seals)).ToList();
        var complete = reports.All(r => r.Store.Complete);
        var all = reports.SelectMany(r => r.Days).ToList();
        var (total, totals) = HqTotals.ByCurrency(all, complete);
        return new HqRangeReport(from, to, groupId, [.. reports.Select(r => r.Store)], total, totals);
    }

    private static (StoreRangeReport Store, List<DailyReport> Days) StoreReport(
        StoreRow store, DateOnly from, DateOnly to,
        Dictionary<(string, DateOnly), (DailyReport Report, long Events)> days, Dictionary<(string, DateOnly), (DaySeal? Seal, long Seq)> seals)
    {
        var held = new List<DailyReport>();
        var incomplete = new List<DateOnly>();
        for (var date = from; date <= to; date = date.AddDays(1))
        {
            var events = 0L;
            if (days.TryGetValue((store.StoreId, date), out var day))
            {
                held.Add(day.Report);
                events = day.Events;
            }
            var (seal, unreadable) = seals.TryGetValue((store.StoreId, date), out var s)
                ? (s.Seal, s.Seal is null ? s.Seq : (long?)null)
                : (null, null);
            if (!DayCompleteness.Judge(store.AckedSeq, store.HeadSeq, events, seal, unreadable).Complete)
            {
                incomplete.Add(date);
            }
        }
        var (_, totals) = HqTotals.ByCurrency(held, incomplete.Count == 0);
        return (new StoreRangeReport
        {
            StoreId = store.StoreId,
            Name = store.Name,
            Totals = totals,
            Complete = incomplete.Count == 0,
            IncompleteDates = incomplete,
            SyncedThroughSeq = store.AckedSeq,
            SyncedAt = store.LastSyncAt,
        }, held);
    }

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private sealed record StoreRow(string StoreId, string Name, long AckedSeq, long HeadSeq, DateTimeOffset? LastSyncAt);
}
