using System.Text.Json;
using Pos.Contracts.Journal;
using Pos.Contracts.Orders;
using Pos.Contracts.Reports;

namespace Pos.Bench.Hq;

/// <summary>
/// One store's business date as its journal records it, in the real event types and JSON: each order opened, rung up
/// (2-6 lines), now and then a line voided or a discount given, fired, paid by one or two tenders (card, cash, other,
/// card tips), closed, and one in 40 refunded later that day; the day ends with its seal. The shape of the day (how
/// many lines, voids, tenders) is the same at every store, so every store's day has the same number of events; what
/// is sold and for how much differs by store.
/// </summary>
internal static class ChainDay
{
    private static readonly (string Id, string Name, long PriceMinor, string Station)[] Items =
    [
        ("burger-classic", "Classic Burger", 1250, "kitchen"), ("burger-mushroom", "Mushroom Swiss Burger", 1450, "kitchen"),
        ("fries-large", "Fries (large)", 550, "kitchen"), ("salad-caesar", "Caesar Salad", 1100, "kitchen"),
        ("soup-day", "Soup of the Day", 750, "kitchen"), ("ipa-pint", "House IPA (pint)", 800, "bar"),
        ("lemonade", "Fresh Lemonade", 450, "bar"), ("espresso", "Double Espresso", 375, "bar"),
    ];

    private static readonly string[] Servers = ["emp-0007", "emp-0012", "emp-0031", "emp-0042"];

    /// <summary>
    /// The date's events at seqs from <paramref name="firstSeq"/>, then the seal (stream business-days, no business
    /// date) that counts them. <paramref name="sealVersion"/> is the seal's version in its stream (1 for the store's first).
    /// </summary>
    public static List<JournalEntry> Generate(DateOnly date, int orders, long firstSeq, int storeSeed, int sealVersion)
    {
        var content = new Random(HashCode.Combine(storeSeed, date.DayNumber));
        var events = new List<JournalEntry>(orders * 9 + 1);
        var opensAt = new DateTimeOffset(date.ToDateTime(new TimeOnly(16, 0)), TimeSpan.Zero);
        var spacing = TimeSpan.FromHours(11) / orders;
        var refunds = new List<(Guid OrderId, Guid LineId, int Version)>();
        for (var n = 0; n < orders; n++)
        {
            var shape = new Random(n * 7919 + 17);
            var at = opensAt + spacing * n;
            var orderId = Guid.CreateVersion7(at);
            var stream = OrderEvents.StreamOf(orderId);
            var server = Servers[shape.Next(Servers.Length)];
            var version = 0;
            void Add(OrderEvent e, TimeSpan after)
            {
                var written = OrderEvents.ToNew(e);
                var when = at + after;
                events.Add(new JournalEntry(firstSeq + events.Count, Guid.CreateVersion7(when), stream, ++version, written.Type, when,
                    $"pos-{1 + n % 3}", date, written.Data) { EmployeeId = server });
            }

            var dineIn = shape.Next(4) > 0;
            Add(new OrderOpened(orderId, n + 1, dineIn ? Channel.DineIn : Channel.Takeout, dineIn ? $"T{1 + shape.Next(30)}" : null,
                dineIn ? 1 + shape.Next(6) : null, date, at, "USD"), TimeSpan.Zero);
            var lines = new List<(Guid Id, long Net)>();
            var lineCount = 2 + shape.Next(5);
            for (var l = 0; l < lineCount; l++)
            {
                var item = Items[content.Next(Items.Length)];
                var quantity = 1 + content.Next(3);
                var lineId = Guid.CreateVersion7(at);
                lines.Add((lineId, item.PriceMinor * quantity));
                Add(new LineAdded(lineId, item.Id, item.Name, quantity, item.PriceMinor, 825, item.Station, null, []), TimeSpan.FromSeconds(20 * (l + 1)));
            }
            if (shape.Next(8) == 0)
            {
                Add(new LineVoided(lines[^1].Id, "rang in twice", WasFired: false), TimeSpan.FromMinutes(2));
                lines.RemoveAt(lines.Count - 1);
            }
            var subtotal = lines.Sum(l => l.Net);
            if (shape.Next(10) == 0)
            {
                Add(new DiscountApplied(Guid.CreateVersion7(at), null, 1000, null, "happy hour", Comp: false), TimeSpan.FromMinutes(3));
                subtotal -= subtotal / 10;
            }
            Add(new OrderFired([.. lines.Select(l => l.Id)], at + TimeSpan.FromMinutes(3)), TimeSpan.FromMinutes(3));
            var total = subtotal + (subtotal * 825 + 5000) / 10000;
            var tenders = shape.Next(4) == 0 ? 2 : 1;
            var first = tenders == 2 ? total / 2 : total;
            var tender = shape.Next(10) switch { < 7 => Tender.Card, < 9 => Tender.Cash, _ => Tender.Other };
            Add(Payment(tender, first, content, at, server), TimeSpan.FromMinutes(40));
            if (tenders == 2)
            {
                Add(Payment(Tender.Cash, total - first, content, at, server), TimeSpan.FromMinutes(41));
            }
            Add(new OrderClosed(at + TimeSpan.FromMinutes(42)), TimeSpan.FromMinutes(42));
            if (shape.Next(40) == 0)
            {
                refunds.Add((orderId, lines[0].Id, version));
            }
        }
        // Refunds come later in the day, on their orders' streams.
        var closing = opensAt + TimeSpan.FromHours(11.5);
        foreach (var (orderId, lineId, version) in refunds)
        {
            var refund = OrderEvents.ToNew(new RefundRecorded(Guid.CreateVersion7(closing), 500, Tender.Card, "cold food", [lineId], date));
            events.Add(new JournalEntry(firstSeq + events.Count, Guid.CreateVersion7(closing), OrderEvents.StreamOf(orderId), version + 1,
                refund.Type, closing, "pos-1", date, refund.Data) { EmployeeId = Servers[0] });
        }
        var seal = new BusinessDaySealed(date, events.Count, events[^1].Seq);
        var sealedAt = opensAt + TimeSpan.FromHours(14);
        events.Add(new JournalEntry(firstSeq + events.Count, Guid.CreateVersion7(sealedAt), BusinessDaySealed.StreamId, sealVersion,
            BusinessDaySealed.Type, sealedAt, "appliance", null, JsonSerializer.Serialize(seal, EventJson.Options)));
        return events;
    }

    private static PaymentAdded Payment(Tender tender, long amount, Random content, DateTimeOffset at, string server) =>
        new(Guid.CreateVersion7(at), tender, amount, tender == Tender.Card ? amount * content.Next(0, 21) / 100 : 0, 0,
            tender == Tender.Card ? $"auth-{content.Next(1_000_000):D6}" : null)
        { EmployeeId = server };
}
