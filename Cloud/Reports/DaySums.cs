using System.Runtime.InteropServices;
using Npgsql;
using NpgsqlTypes;
using Pos.Contracts.Cloud;
using Pos.Contracts.Reports;

namespace Pos.Cloud.Reports;

/// <summary>
/// What of a store's daily report adds up across stores and dates: its currency, its sums, its items and its hours.
/// Kept as columns of store_day_figures beside the report (written with it, from the same fold), so HQ's totals and
/// ranges add columns and never read the reports. The hours of the day are 24 fixed pairs of columns (orders closed and
/// net sales in that hour on the store's clock), so a range adds them up as it adds the sums, where a row of arrays
/// had to be unnested into 23 rows first (1.4 million for 30 days of 2,000 stores: 0.6 s of the range's 1.7 s).
/// <see cref="Of(DailyReport)"/> takes them from a report; <see cref="Read"/> from the columns.
/// </summary>
public sealed class DaySums
{
    /// <summary>The sums' columns, in the order of <see cref="Values"/>.</summary>
    public static readonly string[] SumColumns =
    [
        "orders_closed", "orders_open", "gross_minor", "voids_minor", "net_minor", "tax_minor", "tips_minor",
        "cash_minor", "card_minor", "other_minor", "written_off_minor", "orders_carried_over", "orders_merged",
        "discounts_minor", "comps_minor", "refunds_minor", "refund_count", "refund_cash_minor", "refund_card_minor",
        "refund_other_minor", "tip_adjustments_minor", "tip_adjustment_count",
    ];

    /// <summary>The hours' columns: for each hour of the day 00 to 23, its orders closed and its net sales.</summary>
    public static readonly string[] HourColumns =
        [.. Enumerable.Range(0, 24).SelectMany(h => new[] { $"hour_{h:00}_orders", $"hour_{h:00}_net_minor" })];

    /// <summary>Every column that adds up across dates and stores: <see cref="SumColumns"/>, then <see cref="HourColumns"/>.</summary>
    public static readonly string[] AddedColumns = [.. SumColumns, .. HourColumns];

    /// <summary>Every column <see cref="Read"/> takes, in its order (after any the caller puts first).</summary>
    public static readonly string Columns = string.Join(", ",
        ["currency", .. SumColumns, "item_ids", "item_names", "item_quantities", "item_net_minor", .. HourColumns]);

    /// <summary>How many columns <see cref="Columns"/> names.</summary>
    public static readonly int ColumnCount = SumColumns.Length + 5 + HourColumns.Length;

    /// <summary>The sums of no orders (a date with nothing, or a fold that failed).</summary>
    public static readonly DaySums None = new("", new long[SumColumns.Length], [], []);

    private enum Sum
    {
        OrdersClosed, OrdersOpen, Gross, Voids, Net, Tax, Tips, Cash, Card, Other, WrittenOff, CarriedOver, Merged,
        Discounts, Comps, Refunds, RefundCount, RefundCash, RefundCard, RefundOther, TipAdjustments, TipAdjustmentCount,
    }

    private DaySums(string currency, long[] values, ItemSales[] items, ZHour[] hours)
    {
        Currency = currency;
        Values = values;
        Items = items;
        Hours = hours;
    }

    /// <summary>The report's currency; empty when the date had no orders.</summary>
    public string Currency { get; }

    /// <summary>The sums, in the order of <see cref="SumColumns"/>.</summary>
    public IReadOnlyList<long> Values { get; }

    public IReadOnlyList<ItemSales> Items { get; }

    public IReadOnlyList<ZHour> Hours { get; }

    /// <summary>Sums already added up (of a store's range, by PostgreSQL): <paramref name="values"/> in the order of <see cref="SumColumns"/>.</summary>
    public static DaySums Of(string currency, long[] values, ItemSales[] items, ZHour[] hours) =>
        values.Length == SumColumns.Length ? new(currency, values, items, hours) : throw new ArgumentException("one value per sum column", nameof(values));

    /// <summary>
    /// The hours of <paramref name="values"/>, the <see cref="HourColumns"/> in their order from <paramref name="first"/>
    /// (added up or not): an hour is listed when an order closed in it, as a day's report lists them.
    /// </summary>
    public static ZHour[] HoursOf(IReadOnlyList<long> values, int first)
    {
        var hours = new List<ZHour>();
        for (var h = 0; h < 24; h++)
        {
            var (orders, net) = (values[first + 2 * h], values[first + 2 * h + 1]);
            if (orders != 0 || net != 0)
            {
                hours.Add(new ZHour($"{h:00}:00", checked((int)orders), net));
            }
        }
        return [.. hours];
    }

    /// <summary>
    /// The hour of the day an hour of a report names ("HH:00", as <see cref="ZReportBuilder.HourOf"/> writes it). A name
    /// that is not one fails the fold of the row (kept with its error; its reports then fold the raw events).
    /// </summary>
    private static int HourIndex(string hour) =>
        hour is [>= '0' and <= '2', >= '0' and <= '9', ':', '0', '0'] && (hour[0] - '0') * 10 + (hour[1] - '0') is var h and < 24
            ? h
            : throw new InvalidOperationException($"The report's hour '{hour}' is not an hour of the day (HH:00).");

    /// <summary>The sums of a report.</summary>
    public static DaySums Of(DailyReport r) => new(r.Currency ?? "",
        [
            r.OrdersClosed, r.OrdersOpen, r.GrossSalesMinor, r.VoidsMinor, r.NetSalesMinor, r.TaxMinor, r.TipsMinor,
            r.Tenders.Cash, r.Tenders.Card, r.Tenders.Other, r.WrittenOffMinor, r.OrdersCarriedOver, r.OrdersMerged,
            r.DiscountsMinor, r.CompsMinor, r.RefundsMinor, r.RefundCount, r.RefundTenders.Cash, r.RefundTenders.Card,
            r.RefundTenders.Other, r.TipAdjustmentsMinor, r.TipAdjustmentCount,
        ],
        [.. r.Items], Checked(r.ByHour));

    private static ZHour[] Checked(IReadOnlyList<ZHour> hours)
    {
        foreach (var hour in hours)
        {
            HourIndex(hour.Hour);
        }
        return [.. hours];
    }

    /// <summary>The sums from <paramref name="reader"/>'s columns <see cref="Columns"/>, starting at <paramref name="first"/>.</summary>
    public static DaySums Read(NpgsqlDataReader reader, int first)
    {
        var values = new long[SumColumns.Length];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = reader.GetInt64(first + 1 + i);
        }
        var at = first + 1 + values.Length;
        var ids = reader.GetFieldValue<string[]>(at);
        var names = reader.GetFieldValue<string[]>(at + 1);
        var quantities = reader.GetFieldValue<long[]>(at + 2);
        var net = reader.GetFieldValue<long[]>(at + 3);
        var items = new ItemSales[ids.Length];
        for (var i = 0; i < ids.Length; i++)
        {
            items[i] = new ItemSales(ids[i], names[i], quantities[i], net[i]);
        }
        var hourValues = new long[HourColumns.Length];
        for (var i = 0; i < hourValues.Length; i++)
        {
            hourValues[i] = reader.GetInt64(at + 4 + i);
        }
        return new DaySums(reader.GetString(first), values, items, HoursOf(hourValues, 0));
    }

    /// <summary>The parameters of the columns <see cref="Columns"/>, in that order, for a write.</summary>
    public IEnumerable<NpgsqlParameter> Parameters()
    {
        yield return new NpgsqlParameter { Value = Currency, NpgsqlDbType = NpgsqlDbType.Text };
        foreach (var value in Values)
        {
            yield return new NpgsqlParameter { Value = value, NpgsqlDbType = NpgsqlDbType.Bigint };
        }
        yield return Array(Items.Select(i => i.MenuItemId).ToArray(), NpgsqlDbType.Text);
        yield return Array(Items.Select(i => i.Name).ToArray(), NpgsqlDbType.Text);
        yield return Array(Items.Select(i => i.Quantity).ToArray(), NpgsqlDbType.Bigint);
        yield return Array(Items.Select(i => i.NetSalesMinor).ToArray(), NpgsqlDbType.Bigint);
        var hours = new long[HourColumns.Length];
        foreach (var hour in Hours)
        {
            var h = HourIndex(hour.Hour);
            hours[2 * h] += hour.OrdersClosed;
            hours[2 * h + 1] += hour.NetSalesMinor;
        }
        foreach (var value in hours)
        {
            yield return new NpgsqlParameter { Value = value, NpgsqlDbType = NpgsqlDbType.Bigint };
        }
    }

    private static NpgsqlParameter Array<T>(T[] values, NpgsqlDbType type) => new() { Value = values, NpgsqlDbType = NpgsqlDbType.Array | type };

    /// <summary>
    /// One sum per currency of <paramref name="days"/> (in currency order; days without orders have no currency and are
    /// in none), and the sum of all of them when they share one currency (or none had orders), else null. Money of
    /// different currencies is never added.
    /// </summary>
    public static (DailyTotal? Total, List<DailyTotal> Totals) ByCurrency(IReadOnlyList<DaySums> days, bool complete)
    {
        var byCurrency = new SortedDictionary<string, Adder>(StringComparer.Ordinal);
        var all = new Adder();
        foreach (var day in days)
        {
            all.Add(day);
            if (day.Currency.Length > 0)
            {
                if (!byCurrency.TryGetValue(day.Currency, out var adder))
                {
                    byCurrency[day.Currency] = adder = new Adder();
                }
                adder.Add(day);
            }
        }
        List<DailyTotal> totals = [.. byCurrency.Select(c => c.Value.Total(c.Key, complete))];
        var total = totals.Count switch
        {
            0 => all.Total(null, complete),
            1 => all.Total(totals[0].Currency, complete),
            _ => null,
        };
        return (total, totals);
    }

    /// <summary>
    /// Adds days up: every sum checked; the same item is one row, named as the first day that sold it names it. Items
    /// are kept by id in a hash table and put in id order once, at the total (a sorted tree of them made the chain's
    /// daily total cost 30 to 50 ms of its answer).
    /// </summary>
    private sealed class Adder
    {
        private readonly long[] _values = new long[SumColumns.Length];
        private readonly Dictionary<string, ItemSales> _items = new(StringComparer.Ordinal);
        private readonly long[] _hours = new long[HourColumns.Length];
        private readonly bool[] _hoursSeen = new bool[24];

        public void Add(DaySums day)
        {
            checked
            {
                for (var i = 0; i < _values.Length; i++)
                {
                    _values[i] += day.Values[i];
                }
                foreach (var item in day.Items)
                {
                    ref var sum = ref CollectionsMarshal.GetValueRefOrAddDefault(_items, item.MenuItemId, out var found);
                    sum = found
                        ? sum! with { Quantity = sum.Quantity + item.Quantity, NetSalesMinor = sum.NetSalesMinor + item.NetSalesMinor }
                        : item;
                }
                foreach (var hour in day.Hours)
                {
                    var h = HourIndex(hour.Hour);
                    _hoursSeen[h] = true;
                    _hours[2 * h] += hour.OrdersClosed;
                    _hours[2 * h + 1] += hour.NetSalesMinor;
                }
            }
        }

        public DailyTotal Total(string? currency, bool complete)
        {
            long V(Sum sum) => _values[(int)sum];
            int N(Sum sum) => checked((int)_values[(int)sum]);
            return new DailyTotal(
                N(Sum.OrdersClosed), N(Sum.OrdersOpen), V(Sum.Gross), V(Sum.Voids), V(Sum.Net), V(Sum.Tax), V(Sum.Tips),
                new TenderTotals(V(Sum.Cash), V(Sum.Card), V(Sum.Other)), currency,
                [.. _items.Values.OrderBy(i => i.MenuItemId, StringComparer.Ordinal)], complete)
            {
                WrittenOffMinor = V(Sum.WrittenOff),
                OrdersCarriedOver = N(Sum.CarriedOver),
                OrdersMerged = N(Sum.Merged),
                DiscountsMinor = V(Sum.Discounts),
                CompsMinor = V(Sum.Comps),
                RefundsMinor = V(Sum.Refunds),
                RefundCount = N(Sum.RefundCount),
                RefundTenders = new TenderTotals(V(Sum.RefundCash), V(Sum.RefundCard), V(Sum.RefundOther)),
                TipAdjustmentsMinor = V(Sum.TipAdjustments),
                TipAdjustmentCount = N(Sum.TipAdjustmentCount),
                ByHour = [.. Enumerable.Range(0, 24).Where(h => _hoursSeen[h])
                    .Select(h => new ZHour($"{h:00}:00", checked((int)_hours[2 * h]), _hours[2 * h + 1]))],
            };
        }
    }
}
