using System.Text.Json.Serialization;
using Pos.Contracts.Devices;

namespace Pos.Contracts.Orders;

// The order on the wire: what every order route answers, the order of a device batch's result and of a conflict's
// problem. The appliance's order grain has a view of its own (an Orleans type); Api maps it to this one at the edge.
// The summary below names the grain view's property as it always has: it is the schema's description in the OpenAPI
// document, which stays word for word.

/// <summary>An order as clients see it. Pos.Grains.Orders.OrderView.Version grows with every change and is the ETag.</summary>
public sealed record OrderView
{
    public required Guid OrderId { get; init; }
    /// <summary>Short per-business-day number people read aloud.</summary>
    public required int Number { get; init; }
    public required Channel Channel { get; init; }
    public required string? Table { get; init; }
    public required int? Guests { get; init; }
    public required OrderStatus Status { get; init; }
    public required int Version { get; init; }
    public required DateOnly BusinessDate { get; init; }
    public required DateTimeOffset OpenedAt { get; init; }
    // Not required in C#: a copy of an order a client kept from an appliance that did not send it yet still reads (null).
    /// <summary>
    /// The device whose command opened the order (its id as the journal records it, and its name when the appliance
    /// knows the device). The appliance always sends it; null only in a copy kept from an appliance before this field.
    /// </summary>
    public DeviceRef? OpenedBy { get; init; }
    public required DateTimeOffset? ClosedAt { get; init; }
    public required string Currency { get; init; }
    public required IReadOnlyList<OrderLineView> Lines { get; init; }
    public required long SubtotalMinor { get; init; }
    public required long TaxMinor { get; init; }
    public required long TotalMinor { get; init; }
    /// <summary>Amount applied to the bill: tendered minus change, tips excluded.</summary>
    public required long PaidMinor { get; init; }
    public required long TipMinor { get; init; }
    public required long BalanceMinor { get; init; }
    public required long ChangeDueMinor { get; init; }
    public required IReadOnlyList<PaymentView> Payments { get; init; }
    /// <summary>What discounts and comps take off the order's net (before tax); the total is after them.</summary>
    public long DiscountMinor { get; init; }
    /// <summary>The discounts and comps in force, in the order given.</summary>
    public IReadOnlyList<DiscountView> Discounts { get; init; } = [];
    /// <summary>Money given back on the closed order (refunds); the order's own figures never change for it.</summary>
    public long RefundedMinor { get; init; }
    /// <summary>Refunds of the closed order, each on the business date it was given.</summary>
    public IReadOnlyList<RefundView> Refunds { get; init; } = [];
    /// <summary>The person (employeeId) who owns the order since a transfer; null: the person who opened it.</summary>
    public string? ServerId { get; init; }
    /// <summary>The order this one was split from, when it was: with it, its family (money in equals money out).</summary>
    public Guid? SplitFrom { get; init; }
    /// <summary>The order of an earlier business date this one carries over, when it does.</summary>
    public Guid? CarriedFrom { get; init; }
    /// <summary>The order this one was merged into (it closed so), when it was.</summary>
    public Guid? MergedInto { get; init; }
    /// <summary>The order of the next business date this one was carried over to (it closed so), when it was.</summary>
    public Guid? CarriedOverTo { get; init; }
    /// <summary>Why a manager closed the order with money still owed (a walk-out), when one did.</summary>
    public string? WriteOffReason { get; init; }
    /// <summary>The balance written off when the order was closed with a reason; 0 otherwise.</summary>
    public long WrittenOffMinor { get; init; }
    /// <summary>The parts of an even split (each guest pays one), adding up to the balance at the split; empty when not split evenly.</summary>
    public IReadOnlyList<long> EvenPartsMinor { get; init; } = [];
    /// <summary>The guest checks and receipts printed for the order, oldest first; absent when none was.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<CheckPrintView>? Checks { get; init; }
}

// A guest check or receipt printed for the order: its print job on its receipt printer, and whether it was a copy.
public sealed record CheckPrintView
{
    public required Guid JobId { get; init; }
    public required CheckKind Kind { get; init; }
    public required string PrinterId { get; init; }
    /// <summary>Printed before with nothing changed since: the page says COPY.</summary>
    public required bool Copy { get; init; }
    public required DateTimeOffset PrintedAt { get; init; }
}

// One line of an order: its menu item as it was when added, its note and modifiers, and where it stands.
public sealed record OrderLineView
{
    public required Guid LineId { get; init; }
    public required string MenuItemId { get; init; }
    public required string Name { get; init; }
    public required int Quantity { get; init; }
    public required long UnitPriceMinor { get; init; }
    public required int TaxRateBp { get; init; }
    public required string Station { get; init; }
    public required string? Note { get; init; }
    public required IReadOnlyList<string> Modifiers { get; init; }
    public required LineStatus Status { get; init; }
    public required long NetMinor { get; init; }
    public required long TaxMinor { get; init; }
    public required string? VoidReason { get; init; }
    // Left out when not set, so a line without them reads as it always has.
    /// <summary>The guest's seat (1 = the first); absent for the table.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Seat { get; init; }
    /// <summary>The course (1 = the first served); absent when it fires with any course.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Course { get; init; }
    /// <summary>The options chosen, with names and prices as they were when the line was added (the unit price includes them).</summary>
    public IReadOnlyList<LineOptionView> Options { get; init; } = [];
    /// <summary>True while the line waits for a fire of its course.</summary>
    public bool Held { get; init; }
    /// <summary>What discounts take off the line's net; its tax is on the net less this.</summary>
    public long DiscountMinor { get; init; }
}

/// <summary>An option chosen on a line, as it was when the line was added.</summary>
public sealed record LineOptionView(string GroupId, string GroupName, string OptionId, string Name, long PriceMinor);

// One payment taken on an order.
public sealed record PaymentView
{
    public required Guid PaymentId { get; init; }
    public required Tender Tender { get; init; }
    /// <summary>Amount tendered for the bill (for cash, possibly more than was due).</summary>
    public required long AmountMinor { get; init; }
    public required long TipMinor { get; init; }
    /// <summary>Cash handed back.</summary>
    public required long ChangeMinor { get; init; }
    public required string? Reference { get; init; }
    /// <summary>The person signed in on the device that took the payment (the tip is theirs), else null.</summary>
    public string? EmployeeId { get; init; }
}

// A discount or comp on a line (lineId) or the whole order (lineId null).
public sealed record DiscountView
{
    public required Guid DiscountId { get; init; }
    public required Guid? LineId { get; init; }
    public required int? PercentBp { get; init; }
    public required long? AmountMinor { get; init; }
    public required string Reason { get; init; }
    /// <summary>A comp: 100 % off what it is on, counted apart from discounts in the reports.</summary>
    public required bool Comp { get; init; }
    /// <summary>What it takes off the order now (before tax), by the rounding rule of docs/CONFLICTS.md.</summary>
    public required long TakenMinor { get; init; }
}

// Money given back on a closed order.
public sealed record RefundView
{
    public required Guid RefundId { get; init; }
    public required long AmountMinor { get; init; }
    public required Tender Tender { get; init; }
    public required string Reason { get; init; }
    public required IReadOnlyList<Guid> LineIds { get; init; }
    /// <summary>The business date it was given and counts for (maybe later than the order's).</summary>
    public required DateOnly BusinessDate { get; init; }
}
