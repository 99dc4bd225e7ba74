using Pos.Contracts.Orders;

namespace Pos.StaffApp.Floor;

/// <summary>
/// The part of an order the floor shows. It mirrors the wire shape of the appliance's order answer (camelCase names,
/// enums by their wire names) and reads only these fields; the rest of the answer is skipped.
/// </summary>
public sealed record FloorOrder(
    Guid OrderId, int Number, Channel Channel, string? Table, int? Guests, OrderStatus Status, DateTimeOffset OpenedAt,
    string Currency, long TotalMinor, long BalanceMinor);

/// <summary>A page of orders as <c>GET /api/v1/orders</c> answers it, mirroring its wire shape.</summary>
public sealed record FloorOrderPage(IReadOnlyList<FloorOrder> Orders, string? NextCursor, bool HasMore);
