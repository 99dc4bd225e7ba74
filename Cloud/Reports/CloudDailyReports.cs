using System.Data;
using System.Globalization;
using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using Pos.Cloud.Database;
using Pos.Contracts.Cloud;
using Pos.Contracts.Journal;
using Pos.Contracts.Reports;

namespace Pos.Cloud.Reports;

/// <summary>
/// Daily reports from the stores' journals as the cloud holds them. Two queries for any number of stores (the
/// stores with their latest seal of the date, then the date's events), in one snapshot so the checkpoint, the
/// seal and the events agree with each other.
/// </summary>
public sealed class CloudDailyReports(CloudDatabase database)
{
    private const string StoresWithSeal = $"""
        select s.store_id, s.name, s.acked_seq, s.head_seq, s.last_sync_at, seal.seq, seal.data::text
        from stores s
        left join lateral (
            select j.seq, j.data from store_journal j
            where j.store_id = s.store_id
              and j.stream_id = '{BusinessDaySealed.StreamId}' and j.type = '{BusinessDaySealed.Type}'
              and j.data ->> 'businessDate' = $1
            order by j.seq desc
            limit 1) seal on true
        where ($2::text is null or s.store_id = $2::text)
        order by s.store_id
        """;

    private const string EventsOfDate = """
        select store_id, seq, event_id, stream_id, stream_version, type, occurred_at, device_id, business_date, data::text, employee_id
        from store_journal
        where business_date = $1 and ($2::text is null or store_id = $2::text)
        order by store_id, seq
        """;

    /// <summary>The date's report of one store (null when it is not registered) or of every store.</summary>
    public async Task<HqDailyReport?> DailyAsync(DateOnly businessDate, string? storeId, CancellationToken cancellationToken)
    {
        if (await ReadDayAsync(businessDate, storeId, cancellationToken) is not { } day)
        {
            return null;
        }
        var (stores, events) = day;
        var reports = stores.Select(s => ReportOf(s, businessDate, events.GetValueOrDefault(s.StoreId) ?? [])).ToList();
        return HqTotals.Of(businessDate, reports);
    }

    /// <summary>The date's Z report of one store (null when it is not registered) or of every store, from the same read.</summary>
    public async Task<HqZReport?> ZAsync(DateOnly businessDate, string? storeId, CancellationToken cancellationToken)
    {
        if (await ReadDayAsync(businessDate, storeId, cancellationToken) is not { } day)
        {
            return null;
        }
        var (stores, events) = day;
        return new HqZReport(businessDate, [.. stores.Select(s =>
        {
            var held = events.GetValueOrDefault(s.StoreId) ?? [];
            var daily = ReportOf(s, businessDate, held);
            return new StoreZReport(s.StoreId, s.Name, ZReportBuilder.Build(businessDate, held), s.AckedSeq, s.LastSyncAt, daily.Complete, daily.IncompleteReason);
        })]);
    }

    /// <summary>The stores (with their seal of the date) and the date's events, in one snapshot; null for an unknown store.</summary>
    private async Task<(List<StoreRow> Stores, Dictionary<string, List<JournalEntry>> Events)?> ReadDayAsync(
        DateOnly businessDate, string? storeId, CancellationToken cancellationToken)
    {
        await using var conn = await database.DataSource.OpenConnectionAsync(cancellationToken);
        await using var tx = await conn.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);

        var stores = new List<StoreRow>();
        await using (var cmd = new NpgsqlCommand(StoresWithSeal, conn, tx))
        {
            cmd.Parameters.AddWithValue(businessDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)storeId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
            await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                stores.Add(new StoreRow(
                    reader.GetString(0), reader.GetString(1), reader.GetInt64(2), reader.GetInt64(3),
                    reader.IsDBNull(4) ? null : reader.GetFieldValue<DateTimeOffset>(4),
                    reader.IsDBNull(5) ? null : reader.GetInt64(5),
                    reader.IsDBNull(6) ? null : reader.GetString(6)));
            }
        }
        if (storeId is not null && stores.Count == 0)
        {
            return null;
        }

        var events = new Dictionary<string, List<JournalEntry>>(StringComparer.Ordinal);
        await using (var cmd = new NpgsqlCommand(EventsOfDate, conn, tx))
        {
            cmd.Parameters.AddWithValue(businessDate);
            cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)storeId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
            await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var store = reader.GetString(0);
                if (!events.TryGetValue(store, out var list))
                {
                    events[store] = list = [];
                }
                list.Add(new JournalEntry(
                    reader.GetInt64(1), reader.GetGuid(2), reader.GetString(3), reader.GetInt32(4), reader.GetString(5),
                    reader.GetFieldValue<DateTimeOffset>(6), reader.GetString(7), reader.GetFieldValue<DateOnly>(8), reader.GetString(9))
                {
                    EmployeeId = reader.IsDBNull(10) ? null : reader.GetString(10),
                });
            }
        }
        await tx.CommitAsync(cancellationToken);
        return (stores, events);
    }

    private static StoreDailyReport ReportOf(StoreRow store, DateOnly businessDate, List<JournalEntry> events)
    {
        DaySeal? seal = null;
        long? unreadable = null;
        if (store.SealSeq is { } sealSeq)
        {
            seal = ReadSeal(sealSeq, store.SealData!);
            unreadable = seal is null ? sealSeq : null;
        }
        var (complete, reason) = DayCompleteness.Judge(store.AckedSeq, store.HeadSeq, events.Count, seal, unreadable);
        return new StoreDailyReport
        {
            StoreId = store.StoreId,
            Name = store.Name,
            Report = DailyReportBuilder.Build(businessDate, events),
            SyncedThroughSeq = store.AckedSeq,
            SyncedAt = store.LastSyncAt,
            Complete = complete,
            IncompleteReason = reason,
            HeadSeq = store.HeadSeq,
            EventsHeld = events.Count,
            Seal = seal,
        };
    }

    private static DaySeal? ReadSeal(long seq, string data)
    {
        try
        {
            return JsonSerializer.Deserialize<BusinessDaySealed>(data, EventJson.Options) is { EventCount: >= 0, LastSeq: >= 0 } day
                ? new DaySeal(seq, day.EventCount, day.LastSeq)
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private sealed record StoreRow(
        string StoreId, string Name, long AckedSeq, long HeadSeq, DateTimeOffset? LastSyncAt, long? SealSeq, string? SealData);
}
