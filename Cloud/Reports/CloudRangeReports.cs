using System.Data;
using Npgsql;
using NpgsqlTypes;
using Pos.Cloud.Database;
using Pos.Contracts.Cloud;

namespace Pos.Cloud.Reports;

/// <summary>
/// Reports over a range of business dates from the stores' day figures (store_day_figures, kept at ingest,
/// <see cref="RangeSums"/>): for any number of stores and dates, the stores and their sums of the range added up by
/// PostgreSQL per store and currency (the sums, hours and items of whole weeks from their week rows:
/// <see cref="WeekFigures"/>), with each store date's events held and seal for completeness, in one snapshot; no report
/// and no events are read (but those of rows kept without figures).
/// </summary>
public sealed class CloudRangeReports(CloudDatabase database, WeekFiguresRollups rollups, TimeProvider time)
{
    /// <summary>
    /// The longest range asked for at once: a quarter. Every store date of the range is added up for the request
    /// (docs/BENCHMARKS.md, "HQ at chain scale"), so the work one request can ask for stays bounded.
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
        await RangeSums.RoomToSortAsync(conn, tx, cancellationToken);

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

        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var (sums, held) = await RangeSums.ReadAsync(conn, tx, from, to, storeIds, rollups, today, cancellationToken);
        await tx.CommitAsync(cancellationToken);

        // Each store's dates held, by their place in the range.
        var length = to.DayNumber - from.DayNumber + 1;
        var days = new Dictionary<string, DayHeld?[]>(StringComparer.Ordinal);
        foreach (var day in held)
        {
            if (!days.TryGetValue(day.StoreId, out var dates))
            {
                days[day.StoreId] = dates = new DayHeld?[length];
            }
            dates[day.BusinessDate.DayNumber - from.DayNumber] = day;
        }
        var reports = stores
            .Select(s => StoreReport(s, from, days.GetValueOrDefault(s.StoreId) ?? new DayHeld?[length], sums.GetValueOrDefault(s.StoreId) ?? []))
            .ToList();
        var complete = reports.All(r => r.Complete);
        // The chain's sums: the stores' sums of each currency added up (a store's every date is in them).
        var (total, totals) = DaySums.ByCurrency([.. stores.SelectMany(s => sums.GetValueOrDefault(s.StoreId) ?? [])], complete);
        return new HqRangeReport(from, to, groupId, reports, total, totals);
    }

    private static StoreRangeReport StoreReport(StoreRow store, DateOnly from, DayHeld?[] days, List<DaySums> sums)
    {
        var incomplete = new List<DateOnly>();
        for (var i = 0; i < days.Length; i++)
        {
            var date = from.AddDays(i);
            var events = 0L;
            DaySeal? seal = null;
            long? unreadable = null;
            if (days[i] is { } day)
            {
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
        var (_, totals) = DaySums.ByCurrency(sums, incomplete.Count == 0);
        return new StoreRangeReport
        {
            StoreId = store.StoreId,
            Name = store.Name,
            Totals = totals,
            Complete = incomplete.Count == 0,
            IncompleteDates = incomplete,
            SyncedThroughSeq = store.AckedSeq,
            SyncedAt = store.LastSyncAt,
        };
    }

    private sealed record StoreRow(string StoreId, string Name, long AckedSeq, long HeadSeq, DateTimeOffset? LastSyncAt);
}
