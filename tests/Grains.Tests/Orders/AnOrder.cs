using Pos.Contracts.Menu;
using Pos.Contracts.Orders;


namespace Pos.Grains.Tests.Orders;

/// <summary>Events and menu items to build orders from, so each test states only what matters to it.</summary>
internal static class AnOrder
{
    public static readonly Guid OrderId = Guid.Parse("0197a000-0000-7000-8000-000000000001");
    public static readonly DateOnly BusinessDate = new(2026, 11, 25);
    public static readonly DateTimeOffset OpenedAt = new(2026, 11, 25, 19, 0, 0, TimeSpan.FromHours(-5));
    public static readonly DateTimeOffset Later = OpenedAt.AddMinutes(45);

    public static readonly MenuItem Burger = new("burger", "Burger", 1000, 825, "kitchen");
    public static readonly MenuItem Fries = new("fries", "Fries", 350, 825, "kitchen");
    public static readonly MenuItem Soda = new("soda", "Soda", 199, 0, "bar");

    public static OrderOpened Opened(Guid? orderId = null, DateOnly? businessDate = null) =>
        new(orderId ?? OrderId, 7, Channel.DineIn, "12", 2, businessDate ?? BusinessDate, OpenedAt, "USD");

    public static LineAdded Line(
        Guid lineId, MenuItem? item = null, int quantity = 1, string? note = null, params string[] modifiers)
    {
        var from = item ?? Burger;
        return new LineAdded(lineId, from.Id, from.Name, quantity, from.PriceMinor, from.TaxRateBp, from.Station, note, modifiers);
    }

    public static PaymentAdded Paid(Tender tender, long amountMinor, long tipMinor = 0, long changeMinor = 0, Guid? paymentId = null) =>
        new(paymentId ?? Guid.NewGuid(), tender, amountMinor, tipMinor, changeMinor, null);

    public static OrderState State(params OrderEvent[] events) => OrderState.From(events);

    /// <summary>An open order with one burger (1000 + 83 tax = 1083).</summary>
    public static OrderState WithOneBurger(Guid lineId) => State(Opened(), Line(lineId));

    public static Guid Id(int n) => new($"00000000-0000-7000-8000-{n:D12}");
}
