using System.Data;
using Npgsql;
using NpgsqlTypes;
using Pos.Cloud.Database;
using Pos.Contracts.Reports;

namespace Pos.Cloud.Reports;

/// <summary>
/// The stores' figures of a range of business dates in one query (one row per store and date that has events or a
/// seal), for reports over weeks, months, groups of stores: each date's sums (the columns, never the report), how many
/// events of it the cloud holds and its latest seal. Dates a store has no row of have nothing: no sums, 0 events, no seal.
/// </summary>
public sealed class DayFiguresRange(CloudDatabase database)
{
    private static readonly string FiguresOfRange = $"""
        select store_id, business_date, report is null, events, seal_seq, seal_data, {DaySums.Columns}
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
        var figures = new List<StoreDayFigures>();
        var unfolded = new List<int>();
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
                if (reader.GetBoolean(2))
                {
                    unfolded.Add(figures.Count);
                }
                figures.Add(new StoreDayFigures(
                    reader.GetString(0), reader.GetFieldValue<DateOnly>(1), DaySums.Read(reader, 6), reader.GetInt32(3),
                    reader.IsDBNull(4) ? null : reader.GetInt64(4), reader.IsDBNull(5) ? null : reader.GetString(5)));
            }
        }
        foreach (var i in unfolded)
        {
            var f = figures[i];
            var events = await DayFigures.ReadEventsAsync(conn, tx, f.StoreId, f.BusinessDate, cancellationToken);
            figures[i] = f with { Sums = DaySums.Of(DailyReportBuilder.Build(f.BusinessDate, events)) };
        }
        return figures;
    }
}

/// <summary>
/// A store's sums of a business date, how many events of the date the cloud holds and its latest seal of it (its seq
/// and data), for <see cref="DayCompleteness"/>.
/// </summary>
public sealed record StoreDayFigures(string StoreId, DateOnly BusinessDate, DaySums Sums, int Events, long? SealSeq, string? SealData);
