using Pos.Contracts.Reports;

namespace Pos.Contracts.Cloud;

/// <summary>
/// GET /cloud/v1/reports/daily: a business date across stores, each store's report as its appliance computes it, and
/// their sums. Money of different currencies is never added: <see cref="Totals"/> has one sum per currency (in
/// currency order), and <see cref="Total"/>, the sum of every store, is null when the stores' currencies differ.
/// </summary>
/// <param name="BusinessDate">The date, as the stores' clocks set it.</param>
/// <param name="Stores">Each store's report of the date, in store id order.</param>
/// <param name="Total">
/// Every store added up when they share one currency (its <see cref="DailyTotal.Currency"/>), or when none had
/// orders that day (currency null, figures zero); null when the stores' currencies differ.
/// </param>
/// <param name="Totals">
/// One sum per currency of the stores' orders that day. A store without orders that day has no currency and
/// nothing to add, so it is in none of them (its completeness still counts in each <see cref="DailyTotal.Complete"/>).
/// Empty when no store had orders.
/// </param>
public sealed record HqDailyReport(DateOnly BusinessDate, IReadOnlyList<StoreDailyReport> Stores, DailyTotal? Total, IReadOnlyList<DailyTotal> Totals);

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
/// Stores' figures of one currency added up. <see cref="Currency"/> is that currency; null only in a total of
/// stores none of which had orders that day. <see cref="Complete"/>: every store of the report is complete.
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
    /// <summary>Balances written off by managers closing orders with a reason (DailyReport.WrittenOffMinor), added up.</summary>
    public long WrittenOffMinor { get; init; }
    /// <summary>Orders carried over to the next business date, added up.</summary>
    public int OrdersCarriedOver { get; init; }
    /// <summary>Orders merged into another one, added up.</summary>
    public int OrdersMerged { get; init; }
    /// <summary>Discounts (comps apart), comps, refunds and tip adjustments, added up as each store's report counts them.</summary>
    public long DiscountsMinor { get; init; }
    public long CompsMinor { get; init; }
    public long RefundsMinor { get; init; }
    public int RefundCount { get; init; }
    public TenderTotals RefundTenders { get; init; } = new(0, 0, 0);
    public long TipAdjustmentsMinor { get; init; }
    public int TipAdjustmentCount { get; init; }
    /// <summary>Closed orders and net sales by the hour of day they closed in (each store's own time), added up.</summary>
    public IReadOnlyList<ZHour> ByHour { get; init; } = [];
}
