using Pos.Contracts.Menu;
using Pos.Contracts.Orders;
using Pos.Contracts.Printing;
using Pos.Grains.Devices;
using Pos.Grains.Orders;
using Pos.Grains.Printing;
using Pos.Grains.Printing.EscPos;
using MenuView = Pos.Grains.Menu.MenuView;
using OrderView = Pos.Grains.Orders.OrderView;

namespace Pos.Api.Tests.Wire;

/// <summary>
/// Views as the grains answer them, with every kind of field filled: an order with a note, modifiers, a voided line,
/// lines fired, a cash payment with change and a card payment with a tip and a reference, closed; who opened each order
/// (a named device, the admin); the menu; a printer.
/// </summary>
internal static class SampleViews
{
    private static readonly DateTimeOffset At = new(2026, 11, 25, 19, 30, 5, 120, TimeSpan.FromHours(-5));

    public static readonly Guid OrderId = Guid.Parse("0194f3a2-7c11-7d2e-9a10-3b5c7d9e1f20");
    private static readonly Guid Burger = Guid.Parse("0194f3a2-7c11-7d2e-9a10-3b5c7d9e1f21");
    private static readonly Guid Soup = Guid.Parse("0194f3a2-7c11-7d2e-9a10-3b5c7d9e1f22");
    private static readonly Guid Tea = Guid.Parse("0194f3a2-7c11-7d2e-9a10-3b5c7d9e1f23");
    private static readonly Guid Cash = Guid.Parse("0194f3a2-7c11-7d2e-9a10-3b5c7d9e1f24");
    private static readonly Guid Card = Guid.Parse("0194f3a2-7c11-7d2e-9a10-3b5c7d9e1f25");
    public static readonly Guid JobId = Guid.Parse("0194f3a2-7c11-7d2e-9a10-3b5c7d9e1f26");

    /// <summary>A closed order: three lines (one voided after firing), two payments, change given.</summary>
    public static OrderView ClosedOrder() => OrderState.From([
        new OrderOpened(OrderId, 42, Channel.DineIn, "T7", 3, new DateOnly(2026, 11, 25), At, "USD"),
        new LineAdded(Burger, "burger", "Burger \"Deluxe\"", 2, 1250, 800, "kitchen", "no onions\nwell done", ["cheese", "bacon"]),
        new LineAdded(Soup, "soup", "Soupe à l'oignon", 1, 700, 800, "kitchen", null, []),
        new LineAdded(Tea, "tea", "Tea", 1, 300, 1000, "bar", null, []),
        new OrderFired([Burger, Soup, Tea], At.AddMinutes(1)),
        new LineVoided(Soup, "guest changed mind", WasFired: true),
        new PaymentAdded(Cash, Tender.Cash, 2000, 0, 0, null),
        new PaymentAdded(Card, Tender.Card, 1030, 250, 0, "auth 12345"),
        new OrderClosed(At.AddMinutes(40)),
    ]).ToView(new DeviceRef("till-1", "Bar till \"front\""));

    /// <summary>An open order just opened: nulls where nothing was said, no lines, no payments.</summary>
    public static OrderView OpenOrder() => OrderState.From([
        new OrderOpened(OrderId, 1, Channel.Takeout, null, null, new DateOnly(2026, 11, 25), At, "EUR"),
    ]).ToView(new DeviceRef("admin", null));

    /// <summary>An order paid in cash with change due.</summary>
    public static OrderView PaidWithChange() => OrderState.From([
        new OrderOpened(OrderId, 2, Channel.Delivery, null, 1, new DateOnly(2026, 11, 25), At, "USD"),
        new LineAdded(Tea, "tea", "Tea", 1, 300, 1000, "bar", "hot", []),
        new PaymentAdded(Cash, Tender.Cash, 500, 0, 170, null),
    ]).ToView(new DeviceRef("ana-phone", "Ana's phone"));

    /// <summary>The menu: an item under a category, one under none; a category the items do not use yet.</summary>
    public static MenuView Menu() => new(3, "USD",
        [new MenuItem("burger", "Burger", 1250, 800, "kitchen", "mains"), new MenuItem("tea", "Tea \u00e0 la menthe", 300, 1000, "bar")],
        At)
    {
        Categories = [new MenuCategory("mains", "Mains"), new MenuCategory("drinks", "Drinks & coffee")],
    };

    public static PrinterConfig Printer() =>
        new("kitchen", "Kitchen", "10.0.0.21", 9100, "kitchen", "bar", 42, EscPosCodePage.Pc858, PrintConfirmation.ProcessId, 60);

    public static PrinterConfig PlainPrinter() =>
        new("bar", "Bar", "bar.local", 9101, "bar", null, 48, EscPosCodePage.Pc437, PrintConfirmation.Tcp, 120);

    public static PrinterView PrinterDown() =>
        new(Printer(), PrinterStatus.PaperOut, 2, "paper out", At.AddMinutes(2), At.AddMinutes(1), At.AddMinutes(2));

    public static PrintJobView Job() =>
        new(JobId, OrderId, 42, "fire", "kitchen", "bar", "kitchen", PrintJobStatus.Printed, 2, true, Burger, "bar", At, At.AddSeconds(3));

    public static PrintJobView QueuedJob() =>
        new(JobId, null, 0, "void", "bar", "bar", "bar", PrintJobStatus.Queued, 0, false, null, null, At, null);
}
