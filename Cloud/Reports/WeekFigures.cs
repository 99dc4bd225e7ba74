using System.Collections.Concurrent;
using Npgsql;
using NpgsqlTypes;
using Pos.Cloud.Database;

namespace Pos.Cloud.Reports;

/// <summary>
/// Each store's figures of a whole week (Monday to Sunday) added up from its day figures, the sums and hours of its
/// folded days and their items (table store_week_figures, migration 0014), for the ranges of HQ's reports: a range adds
/// a row per store and whole week inside it, and the day rows only at its ends. The day figures stay the truth: a
/// week's row names the day rows it was made from by a <see cref="Print"/> (their count, their events, the sum of their
/// updated_at, which every write of a day row sets), and a range uses it only when its week's day rows, read in the
/// range's own snapshot, still say the same. Otherwise the range reads the week's days, and asks
/// <see cref="WeekFiguresRollups"/> to add the week up again once it is past.
/// </summary>
public static class WeekFigures
{
    /// <summary>A day row's part of a week's <see cref="Print"/>: its updated_at in microseconds.</summary>
    public const string StampColumn = "(extract(epoch from updated_at) * 1000000)::bigint";

    /// <summary>The Monday of <paramref name="date"/>'s week.</summary>
    public static DateOnly WeekOf(DateOnly date) => date.AddDays(-(((int)date.DayOfWeek + 6) % 7));

    /// <summary>The whole weeks inside <paramref name="from"/>..<paramref name="to"/>: the first Monday and the last Sunday; null when none.</summary>
    public static (DateOnly First, DateOnly Last)? WholeWeeks(DateOnly from, DateOnly to)
    {
        var first = WeekOf(from) == from ? from : WeekOf(from).AddDays(7);
        var last = WeekOf(to).AddDays(6) == to ? to : WeekOf(to).AddDays(-1);
        return first < last ? (first, last) : null;
    }

    /// <summary>Whether the week of <paramref name="weekStart"/> is past enough to be added up (its Sunday two days or more before <paramref name="today"/>).</summary>
    public static bool IsPast(DateOnly weekStart, DateOnly today) => weekStart.AddDays(6) <= today.AddDays(-2);

    /// <summary>What a week's day rows of a store are: how many, their events and the sum of their stamps.</summary>
    public readonly record struct Print(int Days, long Events, long Stamp)
    {
        public Print Add(int events, long stamp) => new(Days + 1, Events + events, Stamp + stamp);
    }

    /// <summary>The weeks' rows of <paramref name="storeIds"/> (null: every store) from <paramref name="first"/> to <paramref name="last"/> (Mondays), by their prints.</summary>
    public static async Task<Dictionary<(string Store, DateOnly Week), Print>> ReadPrintsAsync(
        NpgsqlConnection conn, NpgsqlTransaction tx, DateOnly first, DateOnly last, IReadOnlyCollection<string>? storeIds, CancellationToken cancellationToken)
    {
        await using var cmd = new NpgsqlCommand("""
            select store_id, week_start, days, events, stamp from store_week_figures
            where week_start between $1 and $2 and ($3::text[] is null or store_id = any($3::text[]))
            """, conn, tx);
        cmd.Parameters.AddWithValue(first);
        cmd.Parameters.AddWithValue(last);
        cmd.Parameters.Add(new NpgsqlParameter
        {
            Value = storeIds is null ? DBNull.Value : storeIds.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text,
        });
        var prints = new Dictionary<(string, DateOnly), Print>();
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            prints[(reader.GetString(0), reader.GetFieldValue<DateOnly>(1))] = new Print(reader.GetInt32(2), reader.GetInt64(3), reader.GetInt64(4));
        }
        return prints;
    }

    // $1, $2: the weeks (store, Monday). One statement, so a week's print, sums and items are of one snapshot. A week of
    // two currencies is not kept (its figures are added per currency; its ranges read its days).
    private static readonly string Build = $"""
        insert into store_week_figures (store_id, week_start, currency, days, events, stamp, {string.Join(", ", DaySums.AddedColumns)},
                                      item_ids, item_names, item_first_dates, item_quantities, item_net_minor, made_at)
        select d.store_id, d.week, d.currency, d.days, d.events, d.stamp, {string.Join(", ", DaySums.AddedColumns.Select(c => $"d.{c}"))},
               coalesce(i.ids, '{"{}"}'), coalesce(i.names, '{"{}"}'), coalesce(i.firsts, '{"{}"}'), coalesce(i.quantities, '{"{}"}'),
               coalesce(i.net, '{"{}"}'), now()
        from (
            select s.store_id, s.week, coalesce(max(nullif(f.currency, '')), '') as currency, count(*)::integer as days,
                   sum(f.events)::bigint as events, sum({StampColumn.Replace("updated_at", "f.updated_at", StringComparison.Ordinal)})::bigint as stamp,
                   {string.Join(", ", DaySums.AddedColumns.Select(c => $"coalesce(sum(f.{c}) filter (where f.folded), 0)::bigint as {c}"))}
            from unnest($1::text[], $2::date[]) as s(store_id, week)
            join store_day_figures f on f.store_id = s.store_id and f.business_date between s.week and s.week + 6
            group by s.store_id, s.week
            having count(distinct nullif(f.currency, '')) <= 1
        ) d
        left join lateral (
            select array_agg(x.id order by x.id) as ids, array_agg(x.name order by x.id) as names,
                   array_agg(x.first order by x.id) as firsts, array_agg(x.quantity order by x.id) as quantities,
                   array_agg(x.net order by x.id) as net
            from (
                select i.id, (array_agg(i.name order by f.business_date))[1] as name, min(f.business_date) as first,
                       sum(i.quantity)::bigint as quantity, sum(i.net)::bigint as net
                from store_day_figures f
                cross join lateral unnest(f.item_ids, f.item_names, f.item_quantities, f.item_net_minor) as i(id, name, quantity, net)
                where f.store_id = d.store_id and f.business_date between d.week and d.week + 6 and f.folded
                group by i.id
            ) x
        ) i on true
        on conflict (store_id, week_start) do update
        set currency = excluded.currency, days = excluded.days, events = excluded.events, stamp = excluded.stamp,
            {string.Join(", ", DaySums.AddedColumns.Select(c => $"{c} = excluded.{c}"))},
            item_ids = excluded.item_ids, item_names = excluded.item_names, item_first_dates = excluded.item_first_dates,
            item_quantities = excluded.item_quantities, item_net_minor = excluded.item_net_minor, made_at = excluded.made_at
        """;

    /// <summary>Adds up the weeks <paramref name="weeks"/> (store, Monday) from their day figures; the number of week rows written.</summary>
    public static async Task<int> BuildAsync(NpgsqlDataSource dataSource, IReadOnlyList<(string Store, DateOnly Week)> weeks, CancellationToken cancellationToken)
    {
        await using var conn = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var tx = await conn.BeginTransactionAsync(cancellationToken);
        await RangeSums.RoomToSortAsync(conn, tx, cancellationToken);
        await using var cmd = new NpgsqlCommand(Build, conn, tx);
        cmd.Parameters.Add(new NpgsqlParameter { Value = weeks.Select(w => w.Store).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        cmd.Parameters.Add(new NpgsqlParameter { Value = weeks.Select(w => w.Week).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Date });
        var written = await cmd.ExecuteNonQueryAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return written;
    }
}

/// <summary>
/// Adds up, in the background, the past weeks a range found without a row of their own or with one its day rows no
/// longer match (<see cref="WeekFigures"/>), so the next range over them reads the weeks. A week asked for again while
/// waiting is waited for once; a failure (the database away) drops the weeks, which the next range asks for again.
/// Several silos adding up the same week is safe: each writes the week as one snapshot of its days shows it.
/// </summary>
public sealed partial class WeekFiguresRollups(CloudDatabase database, ILogger<WeekFiguresRollups> logger) : BackgroundService
{
    private const int WeeksAStatement = 500;
    private readonly ConcurrentDictionary<(string Store, DateOnly Week), byte> _waiting = new();
    private readonly SemaphoreSlim _signal = new(0);

    /// <summary>Asks for <paramref name="weeks"/> (store, Monday) to be added up.</summary>
    public void Request(IEnumerable<(string Store, DateOnly Week)> weeks)
    {
        var added = false;
        foreach (var week in weeks)
        {
            added |= _waiting.TryAdd(week, 0);
        }
        if (added && _signal.CurrentCount == 0)
        {
            _signal.Release();
        }
    }

    /// <summary>How many weeks wait to be added up.</summary>
    public int Waiting => _waiting.Count;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (true)
            {
                await _signal.WaitAsync(stoppingToken);
                while (!_waiting.IsEmpty)
                {
                    var weeks = _waiting.Keys.OrderBy(w => w.Week).ThenBy(w => w.Store, StringComparer.Ordinal).Take(WeeksAStatement).ToList();
                    try
                    {
                        await WeekFigures.BuildAsync(database.DataSource, weeks, stoppingToken);
                    }
                    catch (Exception e) when (!stoppingToken.IsCancellationRequested)
                    {
                        LogFailed(weeks.Count, e);
                    }
                    foreach (var week in weeks)
                    {
                        _waiting.TryRemove(week, out _);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Adding up {Count} stores' weeks of figures failed; ranges read their days until a later range asks again")]
    private partial void LogFailed(int count, Exception exception);
}
