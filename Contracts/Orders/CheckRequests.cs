using System.ComponentModel.DataAnnotations;

namespace Pos.Contracts.Orders;

// The bodies of the check commands (issue 14): each is keyed (Idempotency-Key, or a device batch's commandId) and is
// one journal transaction across the orders it touches.

/// <summary>Moves lines of this order to another open order, as they stand (a fired line stays fired).</summary>
public sealed record MoveLinesRequest(
    [property: Required] Guid? ToOrderId,
    [property: Required, MinLength(1), MaxLength(500)] IReadOnlyList<Guid>? LineIds);

/// <summary>Merges another open order (its lines and payments) into this one; the other closes, merged.</summary>
public sealed record MergeOrderRequest([property: Required] Guid? FromOrderId);

/// <summary>One new order of a split by lines: its orderId (a UUID the client chooses, so a retry is recognised) and its lines.</summary>
public sealed record SplitGroupRequest(
    [property: Required] Guid? OrderId,
    [property: Required, MinLength(1), MaxLength(500)] IReadOnlyList<Guid>? LineIds);

/// <summary>
/// Splits this order. <c>lines</c>: each of <c>groups</c> becomes a new order with its lines. <c>seats</c>: one new order
/// per seat (its id derived from this order's and the seat's, so a retry is recognised); lines without a seat stay.
/// <c>even</c>: the balance is split into <c>parts</c> amounts that add up to it to the cent (balance / parts each, the
/// first balance mod parts one minor unit more), payable one by one on this order; no line moves.
/// </summary>
public sealed record SplitOrderRequest(
    [property: Required, AllowedValues("lines", "seats", "even")] string? Mode,
    [property: MaxLength(20)] IReadOnlyList<SplitGroupRequest>? Groups,
    [property: Range(2, EvenSplit.MaxParts)] int? Parts);

/// <summary>The orders a split (or a carry-over) answers with: the order addressed first, then the new ones.</summary>
public sealed record OrderSetResponse(IReadOnlyList<OrderView> Orders);

/// <summary>Moves the order to another table and/or another server (employeeId: the person who owns it from now on).</summary>
public sealed record TransferOrderRequest(
    [property: StringLength(OrderFieldLimits.MaxTable, MinimumLength = 1)] string? Table,
    [property: StringLength(64, MinimumLength = 1)] string? EmployeeId);

/// <summary>
/// Carries an open order of a business date that is over to the current one. <c>newOrderId</c> is the new order's id
/// (a UUID the client chooses); left out, one derived from this order's id (the same on every retry).
/// </summary>
public sealed record CarryOverRequest(Guid? NewOrderId);

/// <summary>Closes an order with a reason a manager will read (a walk-out); what is still owed is written off.</summary>
public sealed record CloseWithReasonRequest([property: Required, StringLength(OrderFieldLimits.MaxText, MinimumLength = 1)] string? Reason);

/// <summary>
/// The orders still open on a business date: what blocks its seal. <c>over</c> is true when the date has ended by the
/// store clock (each of these orders then needs a manager: carry it over, or close it with a reason).
/// </summary>
public sealed record OpenOrdersResponse(DateOnly BusinessDate, bool Over, IReadOnlyList<OrderView> Orders);
