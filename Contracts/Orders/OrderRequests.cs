using System.ComponentModel.DataAnnotations;
using Pos.Contracts.Money;

namespace Pos.Contracts.Orders;

// Lengths and ranges here are what the rules take (OrderFieldLimits, MoneyLimits), stated for the OpenAPI document;
// the rules decide. Text is counted in characters and may hold no control characters (a note may hold newlines).

/// <summary>Opens an order. <c>orderId</c> is a UUID the client chooses, so a retry is recognised.</summary>
public sealed record OpenOrderRequest(
    [property: Required] Guid? OrderId,
    [property: Required] Channel? Channel,
    [property: StringLength(OrderFieldLimits.MaxTable)] string? Table,
    [property: Range(1, OrderFieldLimits.MaxGuests)] int? Guests);

/// <summary>
/// Adds a menu item. <c>lineId</c> is a UUID the client chooses. <c>options</c> are choices of the item's modifier
/// groups (priced with the line); <c>modifiers</c> stay free-text instructions. <c>seat</c> and <c>course</c> are
/// 1-based; a line sent with <c>hold</c> waits for a fire of its course.
/// </summary>
public sealed record AddLineRequest(
    [property: Required] Guid? LineId,
    [property: Required, StringLength(OrderFieldLimits.MaxMenuItemId, MinimumLength = 1)] string? MenuItemId,
    [property: Required, Range(1, OrderFieldLimits.MaxQuantity)] int? Quantity,
    [property: StringLength(OrderFieldLimits.MaxText)] string? Note,
    [property: MaxLength(OrderFieldLimits.MaxModifiers)] IReadOnlyList<string>? Modifiers,
    [property: MaxLength(OrderFieldLimits.MaxOptions)] IReadOnlyList<LineOptionRequest>? Options = null,
    [property: Range(1, OrderFieldLimits.MaxSeat)] int? Seat = null,
    [property: Range(1, OrderFieldLimits.MaxCourse)] int? Course = null,
    bool? Hold = null);

/// <summary>One option chosen for a line: the id of one of the item's modifier groups and of one of its options.</summary>
public sealed record LineOptionRequest(
    [property: Required, StringLength(64, MinimumLength = 1)] string? GroupId,
    [property: Required, StringLength(64, MinimumLength = 1)] string? OptionId);

/// <summary>
/// The body of a fire, optional: with <c>course</c>, only that course's pending lines are fired (held ones too: firing
/// a course releases it); without, every pending line that is not held.
/// </summary>
public sealed record FireRequest([property: Range(1, OrderFieldLimits.MaxCourse)] int? Course = null);

/// <summary>Voids a line, with the reason a manager will read.</summary>
public sealed record VoidLineRequest([property: Required, StringLength(OrderFieldLimits.MaxText, MinimumLength = 1)] string? Reason);

/// <summary>Takes a payment. <c>paymentId</c> is a UUID the client chooses; the tip is on top of the amount.</summary>
public sealed record AddPaymentRequest(
    [property: Required] Guid? PaymentId,
    [property: Required] Tender? Tender,
    [property: Required, Range(1d, MoneyLimits.MaxOrderTotalMinor)] long? AmountMinor,
    [property: Range(0d, MoneyLimits.MaxOrderTotalMinor)] long? TipMinor,
    [property: StringLength(OrderFieldLimits.MaxText)] string? Reference);

/// <summary>
/// A page of orders. When <c>hasMore</c> is true, <c>nextCursor</c> (opaque) gives the next, older page: send it back
/// as <c>cursor</c> with the same filters; it is null on the last page.
/// </summary>
public sealed record OrderList(IReadOnlyList<OrderView> Orders, string? NextCursor = null, bool HasMore = false);

/// <summary>
/// Prints the guest check or the receipt. Both fields may be left out: the page goes to the receipt printer of the
/// sending device (a printer whose receiptFor names it), else of <c>station</c>, else the store's default ("*").
/// </summary>
public sealed record PrintCheckRequest(
    [property: StringLength(Pos.Contracts.Printing.PrinterFieldLimits.MaxIdLength)] string? PrinterId,
    [property: StringLength(Pos.Contracts.Printing.PrinterFieldLimits.MaxStation)] string? Station);
