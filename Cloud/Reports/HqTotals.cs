using Pos.Contracts.Cloud;
using Pos.Contracts.Reports;

namespace Pos.Cloud.Reports;

/// <summary>
/// Adds up the stores' reports of a date into headquarters' report (<see cref="HqDailyReport"/>): one sum per
/// currency, and a total only when the stores share one, since money of different currencies is never added.
/// </summary>
public static class HqTotals
{
    public static HqDailyReport Of(DateOnly businessDate, IReadOnlyList<StoreDailyReport> stores)
    {
        // A store not yet complete may still send orders of any currency, so every sum is complete only when every store is.
        var (total, totals) = ByCurrency([.. stores.Select(s => s.Report)], stores.All(s => s.Complete));
        return new HqDailyReport(businessDate, stores, total, totals);
    }

    /// <summary>
    /// One sum per currency of <paramref name="reports"/> (in currency order; reports without orders have no currency
    /// and are in none), and the sum of all of them when they share one currency (or none had orders), else null.
    /// </summary>
    public static (DailyTotal? Total, List<DailyTotal> Totals) ByCurrency(IReadOnlyList<DailyReport> reports, bool complete)
    {
        List<DailyTotal> totals = [.. reports
            .Where(r => r.Currency.Length > 0)
            .GroupBy(r => r.Currency, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => Sum([.. g], g.Key, complete))];
        var total = totals.Count switch
        {
            0 => Sum(reports, null, complete),
            1 => Sum(reports, totals[0].Currency, complete),
            _ => null,
        };
        return (total, totals);
    }

    /// <summary>The sum of <paramref name="reports"/>, which the caller has checked share <paramref name="currency"/>.</summary>
    public static DailyTotal Sum(IReadOnlyList<DailyReport> reports, string? currency, bool complete)
    {
        // The same item sold in several stores is one row; its name is the first store's (stores come in id order).
        var items = new SortedDictionary<string, ItemSales>(StringComparer.Ordinal);
        foreach (var item in reports.SelectMany(r => r.Items))
        {
            items[item.MenuItemId] = items.TryGetValue(item.MenuItemId, out var sum)
                ? sum with { Quantity = checked(sum.Quantity + item.Quantity), NetSalesMinor = checked(sum.NetSalesMinor + item.NetSalesMinor) }
                : item;
        }
        return new DailyTotal(
            reports.Sum(r => r.OrdersClosed),
            reports.Sum(r => r.OrdersOpen),
            reports.Sum(r => r.GrossSalesMinor),
            reports.Sum(r => r.VoidsMinor),
            reports.Sum(r => r.NetSalesMinor),
            reports.Sum(r => r.TaxMinor),
            reports.Sum(r => r.TipsMinor),
            new TenderTotals(reports.Sum(r => r.Tenders.Cash), reports.Sum(r => r.Tenders.Card), reports.Sum(r => r.Tenders.Other)),
            currency,
            [.. items.Values],
            complete)
        {
            WrittenOffMinor = reports.Sum(r => r.WrittenOffMinor),
            OrdersCarriedOver = reports.Sum(r => r.OrdersCarriedOver),
            OrdersMerged = reports.Sum(r => r.OrdersMerged),
            DiscountsMinor = reports.Sum(r => r.DiscountsMinor),
            CompsMinor = reports.Sum(r => r.CompsMinor),
            RefundsMinor = reports.Sum(r => r.RefundsMinor),
            RefundCount = reports.Sum(r => r.RefundCount),
            RefundTenders = new TenderTotals(
                reports.Sum(r => r.RefundTenders.Cash), reports.Sum(r => r.RefundTenders.Card), reports.Sum(r => r.RefundTenders.Other)),
            TipAdjustmentsMinor = reports.Sum(r => r.TipAdjustmentsMinor),
            TipAdjustmentCount = reports.Sum(r => r.TipAdjustmentCount),
            ByHour = [.. reports.SelectMany(r => r.ByHour).GroupBy(h => h.Hour, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => new ZHour(g.Key, g.Sum(h => h.OrdersClosed), g.Sum(h => h.NetSalesMinor)))],
        };
    }
}
