using Pos.Grains.Reports;

namespace Pos.Cloud.Reports;

/// <summary>A business date across stores: each store's report as its appliance computes it, and their sum.</summary>
public sealed record HqDailyReport(DateOnly BusinessDate, IReadOnlyList<StoreDailyReport> Stores, DailyTotal Total);

/// <summary>
/// One store's report of the date from the events the cloud holds. <see cref="Report"/> is exactly what the store's
/// appliance answers to GET /api/v1/reports/daily for the date once it holds the same events.
/// <see cref="Complete"/> is true only when the store's seal of the date proves the cloud holds every event of it.
/// </summary>
public sealed record StoreDailyReport
{
    public required string StoreId { get; init; }
    public required string Name { get; init; }
    public required DailyReport Report { get; init; }

    /// <summary>The cloud holds the store's journal through this seq (the acknowledged checkpoint).</summary>
    public required long SyncedThroughSeq { get; init; }

    /// <summary>When the cloud last stored events of the store.</summary>
    public required DateTimeOffset? SyncedAt { get; init; }

    public required bool Complete { get; init; }

    /// <summary>Why the report may miss events, and what to wait for; null when complete.</summary>
    public required string? IncompleteReason { get; init; }

    /// <summary>The store's journal head as it said with its latest batch.</summary>
    public required long HeadSeq { get; init; }

    /// <summary>How many events of the date the cloud holds.</summary>
    public required long EventsHeld { get; init; }

    /// <summary>The store's latest seal of the date the cloud holds, or null.</summary>
    public required DaySeal? Seal { get; init; }
}

/// <summary>A store's seal of a business date: the journal seq it is stored at, and what it says.</summary>
public sealed record DaySeal(long Seq, long EventCount, long LastSeq);

/// <summary>
/// The stores' figures added up. <see cref="Currency"/> is the stores' common currency (stores without orders
/// that day do not count), null when they differ or none had orders. <see cref="Complete"/>: every store's is.
/// </summary>
public sealed record DailyTotal(
    int OrdersClosed,
    int OrdersOpen,
    long GrossSalesMinor,
    long VoidsMinor,
    long NetSalesMinor,
    long TaxMinor,
    long TipsMinor,
    TenderTotals Tenders,
    string? Currency,
    IReadOnlyList<ItemSales> Items,
    bool Complete)
{
    public static DailyTotal Of(IReadOnlyList<StoreDailyReport> stores)
    {
        var reports = stores.Select(s => s.Report).ToList();
        var currencies = reports.Select(r => r.Currency).Where(c => c.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        // The same item sold in several stores is one row; its name is the first store's (stores come in id order).
        var items = new SortedDictionary<string, ItemSales>(StringComparer.Ordinal);
        foreach (var item in reports.SelectMany(r => r.Items))
        {
            items[item.MenuItemId] = items.TryGetValue(item.MenuItemId, out var sum)
                ? sum with { Quantity = sum.Quantity + item.Quantity, NetSalesMinor = sum.NetSalesMinor + item.NetSalesMinor }
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
            currencies.Count == 1 ? currencies[0] : null,
            [.. items.Values],
            stores.All(s => s.Complete));
    }
}
