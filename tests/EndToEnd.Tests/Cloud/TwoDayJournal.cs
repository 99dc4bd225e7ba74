using Pos.Contracts.Journal;
using Pos.Contracts.Orders;
using Pos.Contracts.Reports;

namespace Pos.EndToEnd.Tests.Cloud;

/// <summary>
/// A store's journal of two business dates, as the appliance would write it: on the first, 120 orders (lines, a void
/// now and then, a discount or a comp, payments by every tender with tips, a tip adjusted after the close), closed, and
/// the date's seal; on the second, 30 orders, every fourth left open.
/// </summary>
public static class TwoDayJournal
{
    private static readonly (string Id, string Name, long Price, int Tax)[] Items =
        [("burger", "Burger", 1250, 825), ("fries", "Fries", 475, 825), ("soda", "Soda", 199, 0), ("salad", "Salad", 900, 825)];

    public static IReadOnlyList<JournalEntry> Build(Random random, DateOnly day, DateOnly nextDay)
    {
        var journal = new List<JournalEntry>();
        var number = 0;
        void Add(Guid orderId, OrderEvent e, DateOnly date, int version)
        {
            var made = OrderEvents.ToNew(e);
            var at = new DateTimeOffset(date.ToDateTime(new TimeOnly(11, 0)), TimeSpan.Zero).AddMinutes(journal.Count);
            journal.Add(new JournalEntry(journal.Count + 1, Guid.CreateVersion7(), OrderEvents.StreamOf(orderId), version, made.Type, at, "till-1", date, made.Data));
        }
        void Order(DateOnly date, bool close)
        {
            var orderId = Guid.NewGuid();
            var version = 0;
            var opened = new DateTimeOffset(date.ToDateTime(new TimeOnly(11, 0)), TimeSpan.Zero).AddMinutes(random.Next(0, 600));
            Add(orderId, new OrderOpened(orderId, ++number, Channel.DineIn, "4", 2, date, opened, "USD"), date, ++version);
            var lines = new List<Guid>();
            for (var n = random.Next(1, 4); n > 0; n--)
            {
                var (id, name, price, tax) = Items[random.Next(Items.Length)];
                var lineId = Guid.NewGuid();
                lines.Add(lineId);
                Add(orderId, new LineAdded(lineId, id, name, random.Next(1, 3), price, tax, "kitchen", null, []), date, ++version);
            }
            if (lines.Count > 1 && random.Next(5) == 0)
            {
                Add(orderId, new LineVoided(lines[^1], "changed their mind", WasFired: false), date, ++version);
            }
            if (random.Next(4) == 0)
            {
                var comp = random.Next(2) == 0;
                Add(orderId, new DiscountApplied(Guid.NewGuid(), comp ? lines[0] : null, comp ? 10_000 : 1_000, null, "regular", comp), date, ++version);
            }
            if (!close)
            {
                return;
            }
            var payment = Guid.NewGuid();
            var tender = (Tender)random.Next(3);
            Add(orderId, new PaymentAdded(payment, tender, 10_000, tender == Tender.Card ? 150 : 0, 0, null), date, ++version);
            Add(orderId, new OrderClosed(opened.AddMinutes(40)), date, ++version);
            if (tender == Tender.Card && random.Next(3) == 0)
            {
                Add(orderId, new TipAdjusted(payment, 250, 150), date, ++version);
            }
        }

        for (var i = 0; i < 120; i++)
        {
            Order(day, close: true);
        }
        var ofDay = journal.Count;
        var seal = new BusinessDaySealed(day, ofDay, ofDay);
        journal.Add(new JournalEntry(journal.Count + 1, Guid.CreateVersion7(), BusinessDaySealed.StreamId, 1, BusinessDaySealed.Type,
            DateTimeOffset.UnixEpoch, "appliance", null, EventJson.Serialize(seal)));
        for (var i = 0; i < 30; i++)
        {
            Order(nextDay, close: i % 4 != 0);
        }
        return journal;
    }
}
