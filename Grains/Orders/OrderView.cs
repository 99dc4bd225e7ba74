using Pos.Contracts.Orders;
using Pos.Grains.Devices;

namespace Pos.Grains.Orders;

/// <summary>An order as clients see it. <see cref="Version"/> grows with every change and is the ETag.</summary>
[GenerateSerializer, Immutable, Alias("pos.order-view")]
public sealed record OrderView
{
    [Id(0)] public required Guid OrderId { get; init; }
    /// <summary>Short per-business-day number people read aloud.</summary>
    [Id(1)] public required int Number { get; init; }
    [Id(2)] public required Channel Channel { get; init; }
    [Id(3)] public required string? Table { get; init; }
    [Id(4)] public required int? Guests { get; init; }
    [Id(5)] public required OrderStatus Status { get; init; }
    [Id(6)] public required int Version { get; init; }
    [Id(7)] public required DateOnly BusinessDate { get; init; }
    [Id(8)] public required DateTimeOffset OpenedAt { get; init; }
    /// <summary>The device whose command opened the order: the deviceId of its first event in the journal.</summary>
    [Id(20)] public required DeviceRef OpenedBy { get; init; }
    [Id(9)] public required DateTimeOffset? ClosedAt { get; init; }
    [Id(10)] public required string Currency { get; init; }
    [Id(11)] public required IReadOnlyList<OrderLineView> Lines { get; init; }
    [Id(12)] public required long SubtotalMinor { get; init; }
    [Id(13)] public required long TaxMinor { get; init; }
    [Id(14)] public required long TotalMinor { get; init; }
    /// <summary>Amount applied to the bill: tendered minus change, tips excluded.</summary>
    [Id(15)] public required long PaidMinor { get; init; }
    [Id(16)] public required long TipMinor { get; init; }
    [Id(17)] public required long BalanceMinor { get; init; }
    [Id(18)] public required long ChangeDueMinor { get; init; }
    [Id(19)] public required IReadOnlyList<PaymentView> Payments { get; init; }
    /// <summary>The guest checks and receipts printed, oldest first.</summary>
    [Id(50)] public IReadOnlyList<CheckPrintView> Checks { get; init; } = [];
    /// <summary>The person who owns the order since a transfer; null: the person who opened it.</summary>
    [Id(21)] public string? ServerId { get; init; }
    /// <summary>The order this one was split from, when it was (its family: money in equals money out).</summary>
    [Id(22)] public Guid? SplitFrom { get; init; }
    /// <summary>The order of an earlier business date this one carries over, when it does.</summary>
    [Id(23)] public Guid? CarriedFrom { get; init; }
    /// <summary>The order this one was merged into (it closed so), when it was.</summary>
    [Id(24)] public Guid? MergedInto { get; init; }
    /// <summary>The order of the next business date this one was carried over to (it closed so), when it was.</summary>
    [Id(25)] public Guid? CarriedOverTo { get; init; }
    /// <summary>Why a manager closed the order with money still owed (a walk-out), when one did.</summary>
    [Id(26)] public string? WriteOffReason { get; init; }
    /// <summary>The balance written off when it was closed with a reason.</summary>
    [Id(27)] public long WrittenOffMinor { get; init; }
    /// <summary>The parts of an even split, adding up to the balance at the split; empty when not split evenly.</summary>
    [Id(28)] public IReadOnlyList<long> EvenPartsMinor { get; init; } = [];
    [Id(30)] public long DiscountMinor { get; init; }
    [Id(31)] public IReadOnlyList<DiscountView> Discounts { get; init; } = [];
    [Id(32)] public long RefundedMinor { get; init; }
    [Id(33)] public IReadOnlyList<RefundView> Refunds { get; init; } = [];
}

[GenerateSerializer, Immutable, Alias("pos.order-line-view")]
public sealed record OrderLineView
{
    [Id(0)] public required Guid LineId { get; init; }
    [Id(1)] public required string MenuItemId { get; init; }
    [Id(2)] public required string Name { get; init; }
    [Id(3)] public required int Quantity { get; init; }
    [Id(4)] public required long UnitPriceMinor { get; init; }
    [Id(5)] public required int TaxRateBp { get; init; }
    [Id(6)] public required string Station { get; init; }
    [Id(7)] public required string? Note { get; init; }
    [Id(8)] public required IReadOnlyList<string> Modifiers { get; init; }
    [Id(9)] public required LineStatus Status { get; init; }
    [Id(10)] public required long NetMinor { get; init; }
    [Id(11)] public required long TaxMinor { get; init; }
    [Id(12)] public required string? VoidReason { get; init; }
    /// <summary>The guest's seat (1 = the first), or null for the table.</summary>
    [Id(13)] public int? Seat { get; init; }
    /// <summary>The course (1 = the first served), or null when it fires with any course.</summary>
    [Id(14)] public int? Course { get; init; }
    /// <summary>The options chosen, with names and prices as they were when the line was added (the unit price includes them).</summary>
    [Id(15)] public IReadOnlyList<LineOptionView> Options { get; init; } = [];
    /// <summary>True while the line waits for a fire of its course.</summary>
    [Id(16)] public bool Held { get; init; }
    [Id(20)] public long DiscountMinor { get; init; }
}

/// <summary>A guest check or receipt printed for the order: its job, and whether the page said COPY.</summary>
[GenerateSerializer, Immutable, Alias("pos.check-print-view")]
public sealed record CheckPrintView(
    [property: Id(0)] Guid JobId,
    [property: Id(1)] CheckKind Kind,
    [property: Id(2)] string PrinterId,
    [property: Id(3)] bool Copy,
    [property: Id(4)] DateTimeOffset PrintedAt);

/// <summary>An option chosen on a line, as it was when the line was added.</summary>
[GenerateSerializer, Immutable, Alias("pos.line-option-view")]
public sealed record LineOptionView(
    [property: Id(0)] string GroupId,
    [property: Id(1)] string GroupName,
    [property: Id(2)] string OptionId,
    [property: Id(3)] string Name,
    [property: Id(4)] long PriceMinor);

[GenerateSerializer, Immutable, Alias("pos.payment-view")]
public sealed record PaymentView
{
    [Id(0)] public required Guid PaymentId { get; init; }
    [Id(1)] public required Tender Tender { get; init; }
    /// <summary>Amount tendered for the bill (for cash, possibly more than was due).</summary>
    [Id(2)] public required long AmountMinor { get; init; }
    [Id(3)] public required long TipMinor { get; init; }
    /// <summary>Cash handed back.</summary>
    [Id(4)] public required long ChangeMinor { get; init; }
    [Id(5)] public required string? Reference { get; init; }
    /// <summary>The person signed in on the device that took the payment (the tip is theirs), else null.</summary>
    [Id(6)] public string? EmployeeId { get; init; }
}
