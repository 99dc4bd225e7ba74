using System.ComponentModel.DataAnnotations;
using Pos.Grains.Orders;

namespace Pos.Api.Orders;

/// <summary>Opens an order. <c>orderId</c> is a UUID the client chooses, so a retry is recognised.</summary>
public sealed record OpenOrderRequest(
    [property: Required] Guid? OrderId,
    [property: Required] Channel? Channel,
    string? Table,
    int? Guests);

/// <summary>Adds a menu item. <c>lineId</c> is a UUID the client chooses.</summary>
public sealed record AddLineRequest(
    [property: Required] Guid? LineId,
    [property: Required] string? MenuItemId,
    [property: Required] int? Quantity,
    string? Note,
    IReadOnlyList<string>? Modifiers);

/// <summary>Voids a line, with the reason a manager will read.</summary>
public sealed record VoidLineRequest([property: Required] string? Reason);

/// <summary>Takes a payment. <c>paymentId</c> is a UUID the client chooses; the tip is on top of the amount.</summary>
public sealed record AddPaymentRequest(
    [property: Required] Guid? PaymentId,
    [property: Required] Tender? Tender,
    [property: Required] long? AmountMinor,
    long? TipMinor,
    string? Reference);

/// <summary>An empty body, for commands that need none.</summary>
public sealed record EmptyRequest;

/// <summary>A list of orders.</summary>
public sealed record OrderList(IReadOnlyList<OrderView> Orders);
