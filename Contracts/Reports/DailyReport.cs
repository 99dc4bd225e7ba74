namespace Pos.Contracts.Reports;

/// <summary>
/// A business date's figures. Sales count closed orders only; open ones count in <see cref="OrdersOpen"/>.
/// Net sales exclude tax and tips; gross sales are net sales plus tax; voided lines count in
/// <see cref="VoidsMinor"/> only; tenders are the amounts applied to bills (change and tips excluded),
/// so they add up to gross sales.
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
}

public sealed record TenderTotals(long Cash, long Card, long Other);

public sealed record ItemSales(string MenuItemId, string Name, long Quantity, long NetSalesMinor);
