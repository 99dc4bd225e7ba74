using System.Text.Json.Serialization;
using Pos.Contracts.Journal;

namespace Pos.Contracts.Orders;

/// <summary>A change to one order. Stored as JSON in the journal under its <see cref="OrderEvents"/> type name.</summary>
public abstract record OrderEvent;

public sealed record OrderOpened(
    Guid OrderId, int Number, Channel Channel, string? Table, int? Guests, DateOnly BusinessDate,
    DateTimeOffset OpenedAt, string Currency) : OrderEvent
{
    /// <summary>The order this one was split from (its lines came from it), when it was.</summary>
    public Guid? SplitFrom { get; init; }

    /// <summary>The order of an earlier business date this one carries over (its lines and payments came from it), when it does.</summary>
    public Guid? CarriedFrom { get; init; }
}

public sealed record LineAdded(
    Guid LineId, string MenuItemId, string Name, int Quantity, long UnitPriceMinor, int TaxRateBp,
    string Station, string? Note, IReadOnlyList<string> Modifiers) : OrderEvent
{
    // Left out of the journal's JSON when not set: a line without them is stored as it always was.
    /// <summary>The guest's seat at the table (1 = the first), or null when the line is for the table.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Seat { get; init; }

    /// <summary>The course the line belongs to (1 = the first served), or null when it fires with any course.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Course { get; init; }

    /// <summary>
    /// The options chosen for the line, with their names and prices as they were (the unit price includes them); empty
    /// for a line without, and for every line written before lines had options.
    /// </summary>
    public IReadOnlyList<ChosenOption> Options { get; init; } = [];

    /// <summary>A held line is not sent by a plain fire, only by a fire of its course.</summary>
    public bool Held { get; init; }

    /// <summary>True when the line took its quantity from the item's count (an ItemCountTaken in its transaction).</summary>
    public bool Counted { get; init; }
}

/// <summary>An option chosen on a line: its group and option ids, and their names and price as they were when the line was added.</summary>
public sealed record ChosenOption(string GroupId, string GroupName, string OptionId, string Name, long PriceMinor);

public sealed record LineVoided(Guid LineId, string Reason, bool WasFired) : OrderEvent;

public sealed record OrderFired(IReadOnlyList<Guid> LineIds, DateTimeOffset FiredAt) : OrderEvent
{
    /// <summary>The course this fire was for ("fire mains"), or null for a plain fire of every pending line not held.</summary>
    public int? Course { get; init; }
}

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

public sealed record OrderClosed(DateTimeOffset ClosedAt) : OrderEvent
{
    /// <summary>Closed because it was merged into this order (its lines and payments went there), when it was.</summary>
    public Guid? MergedInto { get; init; }

    /// <summary>Closed because it was carried over to this order of the next business date, when it was.</summary>
    public Guid? CarriedOverTo { get; init; }

    /// <summary>Closed by a manager with a reason while money was still owed (a walk-out): the reason.</summary>
    public string? WriteOffReason { get; init; }

    /// <summary>The balance written off when it was closed with a reason (0 otherwise).</summary>
    public long WrittenOffMinor { get; init; }
}

/// <summary>
/// The guest check or the receipt was sent to a receipt printer as print job <c>JobId</c> (queued in the same
/// transaction). <c>Copy</c> when the same thing was printed before: a receipt printed again, or a check printed again
/// with nothing changed on the order since.
/// </summary>
public sealed record CheckPrinted(Guid JobId, CheckKind Kind, string PrinterId, bool Copy, DateTimeOffset PrintedAt) : OrderEvent;

/// <summary>Type names of order events in the journal, and their JSON.</summary>
public static class OrderEvents
{
    private static readonly EventTypes<OrderEvent> Types = new(
        "an order", typeof(OrderOpened), typeof(LineAdded), typeof(LineVoided), typeof(OrderFired), typeof(PaymentAdded), typeof(OrderClosed),
        typeof(LinesMovedOut), typeof(LinesMovedIn), typeof(OrderTransferred), typeof(OrderSplitEvenly), typeof(CheckPrinted),

        typeof(DiscountApplied), typeof(DiscountRemoved), typeof(TipAdjusted), typeof(RefundRecorded));

    public const string StreamPrefix = "order-";

    public static string StreamOf(Guid orderId) => StreamPrefix + orderId.ToString("D");

    public static bool IsOrderEvent(string type) => Types.Contains(type);

    public static NewEvent ToNew(OrderEvent e) => Types.ToNew(e);

    public static OrderEvent FromJournal(string type, string data) => Types.FromJournal(type, data);
}
