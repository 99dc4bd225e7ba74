namespace Pos.Contracts.Reports;

/// <summary>
/// A business date's figures. Sales count closed orders only; open ones count in <see cref="OrdersOpen"/>.
/// Net sales exclude tax and tips; gross sales are net sales plus tax; voided lines count in
/// <see cref="VoidsMinor"/> only; net sales are after discounts and comps (<see cref="DiscountsMinor"/>,
/// <see cref="CompsMinor"/>); tenders are the amounts applied to bills (change and tips excluded), so they add up to
/// gross sales. Refunds count on the date they were given (<see cref="RefundsMinor"/>), never in the sales of their order.
/// </summary>
public sealed record DailyReport
{
    public required DateOnly BusinessDate { get; init; }
    public required string Currency { get; init; }
    public required int OrdersClosed { get; init; }
    public required int OrdersOpen { get; init; }
    public required long GrossSalesMinor { get; init; }
    public required long VoidsMinor { get; init; }
    public required long NetSalesMinor { get; init; }
    public required long TaxMinor { get; init; }
    public required long TipsMinor { get; init; }
    public required TenderTotals Tenders { get; init; }
    public required IReadOnlyList<ItemSales> Items { get; init; }
    /// <summary>Per employee: shifts and whole minutes worked that day, and tips of closed orders (<see cref="LabourFold"/>).</summary>
    public IReadOnlyList<EmployeeLabour> Labour { get; init; } = [];
    /// <summary>
    /// Balances a manager wrote off when closing an order with a reason (a walk-out): sold (in the sales figures) but
    /// never paid, so the tenders add up to gross sales minus this.
    /// </summary>
    public long WrittenOffMinor { get; init; }
    /// <summary>Orders closed with a reason and money still owed (they count in <see cref="OrdersClosed"/> too).</summary>
    public int OrdersWrittenOff { get; init; }
    /// <summary>
    /// Orders of the date carried over to the next one: closed here with no sales (their lines and payments went to the
    /// new order, which counts them on its own date); not in <see cref="OrdersClosed"/>.
    /// </summary>
    public int OrdersCarriedOver { get; init; }
    /// <summary>Orders merged into another one: closed with no sales (they went into the other order); not in <see cref="OrdersClosed"/>.</summary>
    public int OrdersMerged { get; init; }
    /// <summary>The journal seq the report was computed through.</summary>
    public required long ThroughSeq { get; init; }

    /// <summary>What discounts (comps apart) took off closed orders' net; net sales are after them.</summary>
    public long DiscountsMinor { get; init; }
    /// <summary>What comps (100 % discounts) took off closed orders' net; apart from discounts and from voids.</summary>
    public long CompsMinor { get; init; }
    /// <summary>Money given back on this date (whatever the orders' own dates), all tenders.</summary>
    public long RefundsMinor { get; init; }
    public int RefundCount { get; init; }
    /// <summary>The refunds of this date by tender.</summary>
    public TenderTotals RefundTenders { get; init; } = new(0, 0, 0);
    /// <summary>How much tip adjustments changed closed orders' tips (tips are after them), and how many there were.</summary>
    public long TipAdjustmentsMinor { get; init; }
    public int TipAdjustmentCount { get; init; }
    /// <summary>
    /// The closed orders by the hour of day they closed in, on the store's own clock ("18:00", as the Z report's), with
    /// their net sales; only hours with an order, in hour order. Orders merged or carried over (closed with no sales,
    /// not in <see cref="OrdersClosed"/>) are not in it either, so the hours add up to <see cref="OrdersClosed"/> and
    /// <see cref="NetSalesMinor"/>.
    /// </summary>
    public IReadOnlyList<ZHour> ByHour { get; init; } = [];
}

public sealed record TenderTotals(long Cash, long Card, long Other);

public sealed record ItemSales(string MenuItemId, string Name, long Quantity, long NetSalesMinor);
