using Npgsql;
using NpgsqlTypes;
using Pos.Contracts.Reports;

namespace Pos.Cloud.Reports;

/// <summary>
/// A range of business dates of many stores added up by PostgreSQL: per store and currency, the sums' and hours'
/// columns and the items of the range (never a report, never a row per date to the silo), and per store date what its
/// completeness needs (events held, the seal kept). Rows kept without figures (an upgrade's, a fold that failed) are
/// left out of PostgreSQL's sums and folded here from their raw events, as every report does with them.
/// </summary>
public static class RangeSums
{
    // $1, $2: the range; $3: the stores (null: every store). Every query reads the date index's range.
    private const string Where = "business_date between $1 and $2 and ($3::text[] is null or store_id = any($3::text[]))";

    private static readonly string Sums = $"""
        select store_id, currency, {string.Join(", ", DaySums.AddedColumns.Select(c => $"sum({c})::bigint"))}
        from store_day_figures where {Where} and report is not null
        group by store_id, currency
        """;

    // An item's name is the one it had on the first date of the range that sold it, as a day's adding names it.
    private static readonly string Items = $"""
        select f.store_id, f.currency, i.id, (array_agg(i.name order by f.business_date))[1], sum(i.quantity)::bigint, sum(i.net)::bigint
        from store_day_figures f
        cross join lateral unnest(f.item_ids, f.item_names, f.item_quantities, f.item_net_minor) as i(id, name, quantity, net)
        where {Where} and f.report is not null
        group by f.store_id, f.currency, i.id
        """;

    private static readonly string Days = $"""
        select store_id, business_date, events, seal_seq, seal_data, report is null
        from store_day_figures where {Where}
        """;

    /// <summary>
    /// The range's sums of <paramref name="storeIds"/> (every store when null), in the caller's snapshot: per store,
    /// one <see cref="DaySums"/> per currency of its folded rows and one per row folded here; and every store date with
    /// a row, for its completeness.
    /// </summary>
    public static async Task<(Dictionary<string, List<DaySums>> Sums, List<DayHeld> Days)> ReadAsync(
        NpgsqlConnection conn, NpgsqlTransaction tx, DateOnly from, DateOnly to, IReadOnlyCollection<string>? storeIds, CancellationToken cancellationToken)
    {
        var values = new Dictionary<(string Store, string Currency), long[]>();
        await ReadRowsAsync(Sums, reader =>
        {
            var sums = new long[DaySums.AddedColumns.Length];
            for (var i = 0; i < sums.Length; i++)
            {
                sums[i] = reader.GetInt64(2 + i);
            }
            values[(reader.GetString(0), reader.GetString(1))] = sums;
        });
        var items = new Dictionary<(string, string), List<ItemSales>>();
        await ReadRowsAsync(Items, reader => ListOf(items, (reader.GetString(0), reader.GetString(1)))
            .Add(new ItemSales(reader.GetString(2), reader.GetString(3), reader.GetInt64(4), reader.GetInt64(5))));
        var days = new List<DayHeld>();
        var unfolded = new List<DayHeld>();
        await ReadRowsAsync(Days, reader =>
        {
            var day = new DayHeld(reader.GetString(0), reader.GetFieldValue<DateOnly>(1), reader.GetInt32(2),
                reader.IsDBNull(3) ? null : reader.GetInt64(3), reader.IsDBNull(4) ? null : reader.GetString(4));
            days.Add(day);
            if (reader.GetBoolean(5))
            {
                unfolded.Add(day);
            }
        });

        var sums = new Dictionary<string, List<DaySums>>(StringComparer.Ordinal);
        foreach (var ((store, currency), sum) in values)
        {
            ListOf(sums, store).Add(DaySums.Of(currency, sum[..DaySums.SumColumns.Length],
                [.. (items.GetValueOrDefault((store, currency)) ?? []).OrderBy(i => i.MenuItemId, StringComparer.Ordinal)],
                DaySums.HoursOf(sum, DaySums.SumColumns.Length)));
        }
        foreach (var day in unfolded)
        {
            var events = await DayFigures.ReadEventsAsync(conn, tx, day.StoreId, day.BusinessDate, cancellationToken);
            ListOf(sums, day.StoreId).Add(DaySums.Of(DailyReportBuilder.Build(day.BusinessDate, events)));
        }
        return (sums, days);

        async Task ReadRowsAsync(string sql, Action<NpgsqlDataReader> row)
        {
            await using var cmd = new NpgsqlCommand(sql, conn, tx);
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
                row(reader);
            }
        }
    }

    /// <summary>
    /// Gives the transaction's sorts and groupings room for a chain's rows (a date of 2,000 stores' reports is 5 MB),
    /// so they are done in memory, not in files (the server's default work_mem is 4 MB).
    /// </summary>
    public static async Task RoomToSortAsync(NpgsqlConnection conn, NpgsqlTransaction tx, CancellationToken cancellationToken)
    {
        await using var cmd = new NpgsqlCommand("set local work_mem = '64MB'", conn, tx);
        await cmd.ExecuteNonQueryAsync(cancellationToken);
    }

    private static List<T> ListOf<TKey, T>(Dictionary<TKey, List<T>> lists, TKey key)
        where TKey : notnull
    {
        if (!lists.TryGetValue(key, out var list))
        {
            lists[key] = list = [];
        }
        return list;
    }
}

/// <summary>A store date the cloud has a row of: how many of its events it holds and the seal it keeps (seq and data).</summary>
public sealed record DayHeld(string StoreId, DateOnly BusinessDate, int Events, long? SealSeq, string? SealData);
