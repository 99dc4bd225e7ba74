using Pos.Contracts.Journal;

namespace Pos.Contracts.Orders;

/// <summary>A change to one order. Stored as JSON in the journal under its <see cref="OrderEvents"/> type name.</summary>
public abstract record OrderEvent;

public sealed record OrderOpened(
    Guid OrderId, int Number, Channel Channel, string? Table, int? Guests, DateOnly BusinessDate,
    DateTimeOffset OpenedAt, string Currency) : OrderEvent;

public sealed record LineAdded(
    Guid LineId, string MenuItemId, string Name, int Quantity, long UnitPriceMinor, int TaxRateBp,
    string Station, string? Note, IReadOnlyList<string> Modifiers) : OrderEvent
{
    /// <summary>The guest's seat at the table (1 = the first), or null when the line is for the table.</summary>
    public int? Seat { get; init; }

    /// <summary>The course the line belongs to (1 = the first served), or null when it fires with any course.</summary>
    public int? Course { get; init; }
}

public sealed record LineVoided(Guid LineId, string Reason, bool WasFired) : OrderEvent;

public sealed record OrderFired(IReadOnlyList<Guid> LineIds, DateTimeOffset FiredAt) : OrderEvent;

public sealed record PaymentAdded(
    Guid PaymentId, Tender Tender, long AmountMinor, long TipMinor, long ChangeMinor, string? Reference) : OrderEvent
{
    /// <summary>The person signed in on the device that took the payment (their tip is theirs); null for a device alone.</summary>
    public string? EmployeeId { get; init; }

    /// <summary>
    /// For cash: the drawer session the cash went into (the payer's open session when it was taken, recorded with a
    /// <c>DrawerCashTaken</c> in that session in the same transaction); null when nobody's drawer was open (unassigned cash).
    /// </summary>
    public Guid? DrawerSessionId { get; init; }
}

public sealed record OrderClosed(DateTimeOffset ClosedAt) : OrderEvent;

/// <summary>Type names of order events in the journal, and their JSON.</summary>
public static class OrderEvents
{
    private static readonly EventTypes<OrderEvent> Types = new(
        "an order", typeof(OrderOpened), typeof(LineAdded), typeof(LineVoided), typeof(OrderFired), typeof(PaymentAdded), typeof(OrderClosed),
        typeof(DiscountApplied), typeof(DiscountRemoved), typeof(TipAdjusted), typeof(RefundRecorded));

    public const string StreamPrefix = "order-";

    public static string StreamOf(Guid orderId) => StreamPrefix + orderId.ToString("D");

    public static bool IsOrderEvent(string type) => Types.Contains(type);

    public static NewEvent ToNew(OrderEvent e) => Types.ToNew(e);

    public static OrderEvent FromJournal(string type, string data) => Types.FromJournal(type, data);
}
