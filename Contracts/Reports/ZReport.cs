namespace Pos.Contracts.Reports;

/// <summary>
/// The end of a business date (the Z report): the day's sales as the daily report has them (closed orders), by
/// employee, tender and hour of the store clock, with voids, comps, discounts and refunds, no-sale openings, the cash
/// nobody's drawer took, and each drawer session's count. Built by <see cref="ZReportBuilder"/>, in the store and in
/// the cloud alike. Net sales are after discounts and comps; refunds count on the date they were given.
/// </summary>
public sealed record ZReport
{
    public required DateOnly BusinessDate { get; init; }
    public required string Currency { get; init; }
    /// <summary>The journal seq the report was computed through.</summary>
    public required long ThroughSeq { get; init; }
    public required int OrdersClosed { get; init; }
    public required int OrdersOpen { get; init; }
    public required long GrossSalesMinor { get; init; }
    public required long NetSalesMinor { get; init; }
    public required long TaxMinor { get; init; }
    public required long TipsMinor { get; init; }
    public required TenderTotals Tenders { get; init; }
    public required long VoidsMinor { get; init; }
    /// <summary>Balances written off by managers closing orders with a reason (as the daily report's).</summary>
    public long WrittenOffMinor { get; init; }
    /// <summary>Orders carried over to the next business date (as the daily report's).</summary>
    public int OrdersCarriedOver { get; init; }
    public required int VoidCount { get; init; }
    public required long CompsMinor { get; init; }
    public required long DiscountsMinor { get; init; }
    public required long RefundsMinor { get; init; }
    /// <summary>The refunds given on this date by tender (whatever their orders' dates), and how many.</summary>
    public TenderTotals RefundTenders { get; init; } = new(0, 0, 0);
    public int RefundCount { get; init; }
    /// <summary>How much tip adjustments changed the closed orders' tips, and how many there were.</summary>
    public long TipAdjustmentsMinor { get; init; }
    public int TipAdjustmentCount { get; init; }
    /// <summary>Drawer openings without a sale (the no-sale key).</summary>
    public required int NoSaleCount { get; init; }
    /// <summary>Cash of closed orders taken by no one with a drawer session open: in no drawer's count.</summary>
    public required long UnassignedCashMinor { get; init; }
    public required IReadOnlyList<ZEmployee> ByEmployee { get; init; }
    public required IReadOnlyList<ZHour> ByHour { get; init; }
    public required IReadOnlyList<ZDrawer> Drawers { get; init; }
    /// <summary>The sum of the closed sessions' over/short (negative: short).</summary>
    public required long OverShortMinor { get; init; }
}

/// <summary>
/// One person's day: the closed orders they opened (their net sales and voids), the payments they took by tender
/// (applied to bills: change and tips excluded), their tips (<see cref="LabourFold"/>'s rule) and their minutes worked.
/// </summary>
public sealed record ZEmployee(
    string EmployeeId, string? Name, int OrdersClosed, long NetSalesMinor, long TipsMinor, long CashMinor, long CardMinor, long OtherMinor,
    long VoidsMinor, long MinutesWorked);

/// <summary>The orders closed in one hour of the store clock ("18:00") and their net sales.</summary>
public sealed record ZHour(string Hour, int OrdersClosed, long NetSalesMinor);

/// <summary>
/// A drawer session of the date: float, pay-ins, pay-outs, cash sales (and cash tips), what the drawer should hold
/// and, once closed, what was counted and the difference (negative: short). <c>Status</c> is open or closed.
/// </summary>
public sealed record ZDrawer(
    Guid SessionId, string DrawerId, string EmployeeId, string Status, long FloatMinor, long PayInsMinor, long PayOutsMinor,
    long CashSalesMinor, long CashTipsMinor, long ExpectedMinor, long? CountedMinor, long? OverShortMinor);
