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
    // $1, $2: the range; $3: the stores (null: every store).
    private const string Where = "business_date between $1 and $2 and ($3::text[] is null or store_id = any($3::text[]))";

    // The sums and hours of the days at the range's ends ($4..$5 and $6..$7), of the whole weeks without a week row
    // that matches their days ($8, $9: store and Monday), and of the week rows that do ($10, $11), as for the items.
    private static readonly string Sums = $"""
        select store_id, currency, {string.Join(", ", DaySums.AddedColumns.Select(c => $"sum({c})::bigint"))}
        from (
            select store_id, currency, {string.Join(", ", DaySums.AddedColumns)}
            from store_day_figures
            where business_date between $4 and $5 and ($3::text[] is null or store_id = any($3::text[])) and folded
            union all
            select store_id, currency, {string.Join(", ", DaySums.AddedColumns)}
            from store_day_figures
            where business_date between $6 and $7 and ($3::text[] is null or store_id = any($3::text[])) and folded
            union all
            select f.store_id, f.currency, {string.Join(", ", DaySums.AddedColumns.Select(c => $"f.{c}"))}
            from unnest($8::text[], $9::date[]) as w(store_id, week)
            join store_day_figures f on f.store_id = w.store_id and f.business_date between w.week and w.week + 6
            where f.folded and f.business_date between $1 and $2
            union all
            select r.store_id, r.currency, {string.Join(", ", DaySums.AddedColumns.Select(c => $"r.{c}"))}
            from unnest($10::text[], $11::date[]) as w(store_id, week)
            join store_week_figures r on r.store_id = w.store_id and r.week_start = w.week
        ) x
        group by store_id, currency
        """;

    // An item's name is the one it had on the first date of the range that sold it, as a day's adding names it: the
    // items come per name with the first date that sold them under it, and the silo keeps the earliest name (ordering
    // each item's names in PostgreSQL took twice as long). The items of the days at the range's ends ($4..$5 and
    // $6..$7: dates outside its whole weeks), of the whole weeks without a week row that matches their days ($8, $9:
    // store and Monday), and of the week rows that do ($10, $11).
    private static readonly string Items = $"""
        select store_id, currency, id, name, min(first_date), sum(quantity)::bigint, sum(net)::bigint
        from (
            select f.store_id, f.currency, f.business_date as first_date, i.id, i.name, i.quantity, i.net
            from store_day_figures f
            cross join lateral unnest(f.item_ids, f.item_names, f.item_quantities, f.item_net_minor) as i(id, name, quantity, net)
            where f.business_date between $4 and $5 and ($3::text[] is null or f.store_id = any($3::text[])) and f.folded
            union all
            select f.store_id, f.currency, f.business_date, i.id, i.name, i.quantity, i.net
            from store_day_figures f
            cross join lateral unnest(f.item_ids, f.item_names, f.item_quantities, f.item_net_minor) as i(id, name, quantity, net)
            where f.business_date between $6 and $7 and ($3::text[] is null or f.store_id = any($3::text[])) and f.folded
            union all
            select f.store_id, f.currency, f.business_date, i.id, i.name, i.quantity, i.net
            from unnest($8::text[], $9::date[]) as w(store_id, week)
            join store_day_figures f on f.store_id = w.store_id and f.business_date between w.week and w.week + 6
            cross join lateral unnest(f.item_ids, f.item_names, f.item_quantities, f.item_net_minor) as i(id, name, quantity, net)
            where f.folded and f.business_date between $1 and $2
            union all
            select r.store_id, r.currency, i.first_date, i.id, i.name, i.quantity, i.net
            from unnest($10::text[], $11::date[]) as w(store_id, week)
            join store_week_figures r on r.store_id = w.store_id and r.week_start = w.week
            cross join lateral unnest(r.item_ids, r.item_names, r.item_first_dates, r.item_quantities, r.item_net_minor)
                as i(id, name, first_date, quantity, net)
        ) x
        group by store_id, currency, id, name
        """;

    private static readonly string Days = $"""
        select store_id, business_date, events, seal_seq, seal_data, not folded, {WeekFigures.StampColumn}
        from store_day_figures where {Where}
        """;

    /// <summary>
    /// The range's sums of <paramref name="storeIds"/> (every store when null), in the caller's snapshot: per store,
    /// one <see cref="DaySums"/> per currency of its folded rows and one per row folded here; and every store date with
    /// a row, for its completeness. The sums, hours and items of whole weeks come from their week rows where those match
    /// the days (<see cref="WeekFigures"/>); the past weeks without one are asked of <paramref name="rollups"/>.
    /// </summary>
    public static async Task<(Dictionary<string, List<DaySums>> Sums, List<DayHeld> Days)> ReadAsync(
        NpgsqlConnection conn, NpgsqlTransaction tx, DateOnly from, DateOnly to, IReadOnlyCollection<string>? storeIds,
        WeekFiguresRollups rollups, DateOnly today, CancellationToken cancellationToken)
    {
        var days = new List<DayHeld>();
        var unfolded = new List<DayHeld>();
        var whole = WeekFigures.WholeWeeks(from, to);
        var weekPrints = new Dictionary<(string Store, DateOnly Week), WeekFigures.Print>();
        await ReadRowsAsync(Days, [], reader =>
        {
            var day = new DayHeld(reader.GetString(0), reader.GetFieldValue<DateOnly>(1), reader.GetInt32(2),
                reader.IsDBNull(3) ? null : reader.GetInt64(3), reader.IsDBNull(4) ? null : reader.GetString(4));
            days.Add(day);
            if (reader.GetBoolean(5))
            {
                unfolded.Add(day);
            }
            if (whole is (var first, var last) && day.BusinessDate >= first && day.BusinessDate <= last)
            {
                var key = (day.StoreId, WeekFigures.WeekOf(day.BusinessDate));
                weekPrints[key] = weekPrints.GetValueOrDefault(key).Add(day.Events, reader.GetInt64(6));
            }
        });

        // The whole weeks: read as their week rows where those match their days, else as their days.
        List<(string Store, DateOnly Week)> rolled = [], unrolled = [];
        if (whole is (var firstMonday, var lastSunday))
        {
            var kept = await WeekFigures.ReadPrintsAsync(conn, tx, firstMonday, lastSunday.AddDays(-6), storeIds, cancellationToken);
            foreach (var (week, print) in weekPrints)
            {
                (kept.TryGetValue(week, out var made) && made == print ? rolled : unrolled).Add(week);
            }
            rollups.Request(unrolled.Where(w => WeekFigures.IsPast(w.Week, today)));
        }
        // The days at the range's ends: before its first whole week and after its last (all of it when it has none).
        var (headTo, tailFrom) = whole is (var headEnd, var tailStart) ? (headEnd.AddDays(-1), tailStart.AddDays(1)) : (to, to.AddDays(1));

        NpgsqlParameter[] Parts() =>
        [
            Date(from), Date(headTo), Date(tailFrom), Date(to),
            Texts(unrolled.Select(w => w.Store)), Dates(unrolled.Select(w => w.Week)),
            Texts(rolled.Select(w => w.Store)), Dates(rolled.Select(w => w.Week)),
        ];
        var values = new Dictionary<(string Store, string Currency), long[]>();
        await ReadRowsAsync(Sums, Parts(), reader =>
        {
            var sums = new long[DaySums.AddedColumns.Length];
            for (var i = 0; i < sums.Length; i++)
            {
                sums[i] = reader.GetInt64(2 + i);
            }
            values[(reader.GetString(0), reader.GetString(1))] = sums;
        });
        var named = new Dictionary<(string Store, string Currency, string Id), (ItemSales Sum, DateOnly First)>();
        await ReadRowsAsync(Items, Parts(), reader =>
        {
            var key = (reader.GetString(0), reader.GetString(1), reader.GetString(2));
            var (name, first, quantity, net) = (reader.GetString(3), reader.GetFieldValue<DateOnly>(4), reader.GetInt64(5), reader.GetInt64(6));
            if (!named.TryGetValue(key, out var seen))
            {
                named[key] = (new ItemSales(key.Item3, name, quantity, net), first);
                return;
            }
            var earlier = first < seen.First || (first == seen.First && string.CompareOrdinal(name, seen.Sum.Name) < 0);
            named[key] = (new ItemSales(key.Item3, earlier ? name : seen.Sum.Name,
                checked(seen.Sum.Quantity + quantity), checked(seen.Sum.NetSalesMinor + net)), earlier ? first : seen.First);
        });
        var items = new Dictionary<(string, string), List<ItemSales>>();
        foreach (var ((store, currency, _), (sum, _)) in named)
        {
            ListOf(items, (store, currency)).Add(sum);
        }

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

        async Task ReadRowsAsync(string sql, NpgsqlParameter[] more, Action<NpgsqlDataReader> row)
        {
            await using var cmd = new NpgsqlCommand(sql, conn, tx);
            cmd.Parameters.AddWithValue(from);
            cmd.Parameters.AddWithValue(to);
            cmd.Parameters.Add(new NpgsqlParameter
            {
                Value = storeIds is null ? DBNull.Value : storeIds.ToArray(),
                NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text,
            });
            cmd.Parameters.AddRange(more);
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

    private static NpgsqlParameter Date(DateOnly value) => new() { Value = value, NpgsqlDbType = NpgsqlDbType.Date };

    private static NpgsqlParameter Texts(IEnumerable<string> values) => new() { Value = values.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text };

    private static NpgsqlParameter Dates(IEnumerable<DateOnly> values) => new() { Value = values.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Date };

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
