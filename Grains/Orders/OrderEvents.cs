using System.Text.Json;
using Pos.Grains.Journal;

namespace Pos.Grains.Orders;

/// <summary>A change to one order. Stored as JSON in the journal under its <see cref="OrderEvents"/> type name.</summary>
public abstract record OrderEvent;

public sealed record OrderOpened(
    Guid OrderId, int Number, Channel Channel, string? Table, int? Guests, DateOnly BusinessDate,
    DateTimeOffset OpenedAt, string Currency) : OrderEvent;

public sealed record LineAdded(
    Guid LineId, string MenuItemId, string Name, int Quantity, long UnitPriceMinor, int TaxRateBp,
    string Station, string? Note, IReadOnlyList<string> Modifiers) : OrderEvent;

public sealed record LineVoided(Guid LineId, string Reason, bool WasFired) : OrderEvent;

public sealed record OrderFired(IReadOnlyList<Guid> LineIds, DateTimeOffset FiredAt) : OrderEvent;

public sealed record PaymentAdded(
    Guid PaymentId, Tender Tender, long AmountMinor, long TipMinor, long ChangeMinor, string? Reference) : OrderEvent;

public sealed record OrderClosed(DateTimeOffset ClosedAt) : OrderEvent;

/// <summary>Type names of order events in the journal, and their JSON.</summary>
public static class OrderEvents
{
    private static readonly Dictionary<string, Type> ByName = new()
    {
        [nameof(OrderOpened)] = typeof(OrderOpened),
        [nameof(LineAdded)] = typeof(LineAdded),
        [nameof(LineVoided)] = typeof(LineVoided),
        [nameof(OrderFired)] = typeof(OrderFired),
        [nameof(PaymentAdded)] = typeof(PaymentAdded),
        [nameof(OrderClosed)] = typeof(OrderClosed),
    };

    public const string StreamPrefix = "order-";

    public static string StreamOf(Guid orderId) => StreamPrefix + orderId.ToString("D");

    public static bool IsOrderEvent(string type) => ByName.ContainsKey(type);

    public static NewEvent ToNew(OrderEvent e) =>
        new(Guid.CreateVersion7(), e.GetType().Name, JsonSerializer.Serialize(e, e.GetType(), EventJson.Options));

    public static OrderEvent FromJournal(string type, string data)
    {
        if (!ByName.TryGetValue(type, out var clr))
        {
            throw new InvalidOperationException($"'{type}' is not an order event.");
        }
        return (OrderEvent)(JsonSerializer.Deserialize(data, clr, EventJson.Options)
            ?? throw new InvalidOperationException($"Empty {type} event."));
    }
}
