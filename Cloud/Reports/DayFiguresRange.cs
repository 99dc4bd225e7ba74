using System.Data;
using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using Pos.Cloud.Database;
using Pos.Contracts.Journal;
using Pos.Contracts.Reports;

namespace Pos.Cloud.Reports;

/// <summary>
/// The stores' figures of a range of business dates in one query (one row per store and date that has events), for
/// reports over weeks, months, groups of stores. Dates a store has no events of have no row: their report is
/// <see cref="DayFigures.EmptyReport"/>, and the cloud holds 0 events of them.
/// </summary>
public sealed class DayFiguresRange(CloudDatabase database)
{
    private const string FiguresOfRange = """
        select store_id, business_date, report::text, events
        from store_day_figures
        where business_date between $1 and $2 and ($3::text[] is null or store_id = any($3))
        order by business_date, store_id
        """;

    /// <summary>
    /// The figures of <paramref name="from"/>..<paramref name="to"/> (inclusive) of <paramref name="storeIds"/> (every
    /// store when null), ordered by date then store, read in one snapshot. A row kept without figures (still to be
    /// folded after an upgrade, or a fold that failed) is folded here from its raw events, in the same snapshot.
    /// </summary>
    public async Task<IReadOnlyList<StoreDayFigures>> ReadAsync(
        DateOnly from, DateOnly to, IReadOnlyCollection<string>? storeIds, CancellationToken cancellationToken)
    {
        await using var conn = await database.DataSource.OpenConnectionAsync(cancellationToken);
        await using var tx = await conn.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
        var figures = await ReadAsync(conn, tx, from, to, storeIds, cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return figures;
    }

    /// <summary>The same, in the caller's snapshot (so what else it reads there agrees with the figures).</summary>
    public static async Task<IReadOnlyList<StoreDayFigures>> ReadAsync(
        NpgsqlConnection conn, NpgsqlTransaction tx, DateOnly from, DateOnly to, IReadOnlyCollection<string>? storeIds,
        CancellationToken cancellationToken)
    {
        var rows = new List<(string Store, DateOnly Date, string? Report, int Events)>();
        await using (var cmd = new NpgsqlCommand(FiguresOfRange, conn, tx))
        {
            cmd.Parameters.AddWithValue(from);
            cmd.Parameters.AddWithValue(to);
            cmd.Parameters.Add(new NpgsqlParameter
            {
                Value = storeIds is null ? DBNull.Value : storeIds.ToArray(),
                NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text,
            });
            await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add((reader.GetString(0), reader.GetFieldValue<DateOnly>(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.GetInt32(3)));
            }
        }
        var figures = new List<StoreDayFigures>(rows.Count);
        foreach (var (store, date, report, events) in rows)
        {
            var daily = report is not null
                ? JsonSerializer.Deserialize<DailyReport>(report, EventJson.Options)!
                : DailyReportBuilder.Build(date, await DayFigures.ReadEventsAsync(conn, tx, store, date, cancellationToken));
            figures.Add(new StoreDayFigures(store, date, daily, events));
        }
        return figures;
    }
}

/// <summary>A store's report of a business date and how many events of the date the cloud holds (for DayCompleteness).</summary>
public sealed record StoreDayFigures(string StoreId, DateOnly BusinessDate, DailyReport Report, int Events);
