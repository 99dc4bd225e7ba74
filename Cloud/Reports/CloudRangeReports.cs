using System.Data;
using Npgsql;
using NpgsqlTypes;
using Pos.Cloud.Database;
using Pos.Contracts.Cloud;

namespace Pos.Cloud.Reports;

/// <summary>
/// Reports over a range of business dates from the stores' day figures (store_day_figures, kept at ingest,
/// <see cref="DayFiguresRange"/>): two queries for any number of stores and dates (the stores, their figures of the
/// range with their seals), in one snapshot, adding the sums' columns, so the cost is one narrow row per store and
/// date whatever the events behind them and the reports beside them.
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
            .ToDictionary(f => (f.StoreId, f.BusinessDate));
        await tx.CommitAsync(cancellationToken);

        var reports = stores.Select(s => StoreReport(s, from, to, days)).ToList();
        var complete = reports.All(r => r.Store.Complete);
        var (total, totals) = DaySums.ByCurrency([.. reports.SelectMany(r => r.Days)], complete);
        return new HqRangeReport(from, to, groupId, [.. reports.Select(r => r.Store)], total, totals);
    }

    private static (StoreRangeReport Store, List<DaySums> Days) StoreReport(
        StoreRow store, DateOnly from, DateOnly to, Dictionary<(string, DateOnly), StoreDayFigures> days)
    {
        var held = new List<DaySums>();
        var incomplete = new List<DateOnly>();
        for (var date = from; date <= to; date = date.AddDays(1))
        {
            var events = 0L;
            DaySeal? seal = null;
            long? unreadable = null;
            if (days.TryGetValue((store.StoreId, date), out var day))
            {
                held.Add(day.Sums);
                events = day.Events;
                if (day.SealSeq is { } sealSeq)
                {
                    seal = SealReading.Read(sealSeq, day.SealData!);
                    unreadable = seal is null ? sealSeq : null;
                }
            }
            if (!DayCompleteness.Judge(store.AckedSeq, store.HeadSeq, events, seal, unreadable).Complete)
            {
                incomplete.Add(date);
            }
        }
        var (_, totals) = DaySums.ByCurrency(held, incomplete.Count == 0);
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

    private sealed record StoreRow(string StoreId, string Name, long AckedSeq, long HeadSeq, DateTimeOffset? LastSyncAt);
}
