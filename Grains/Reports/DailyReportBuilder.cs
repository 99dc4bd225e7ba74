using Pos.Grains.Journal;
using Pos.Grains.Orders;

namespace Pos.Grains.Reports;

/// <summary>Folds one business date's journal events into its report. The appliance and the cloud share it.</summary>
public static class DailyReportBuilder
{
    public static DailyReport Build(DateOnly businessDate, IEnumerable<JournalEntry> entries)
    {
        var orders = new Dictionary<string, OrderState>(StringComparer.Ordinal);
        long throughSeq = 0;
        foreach (var entry in entries)
        {
            throughSeq = Math.Max(throughSeq, entry.Seq);
            if (entry.BusinessDate != businessDate || !OrderEvents.IsOrderEvent(entry.Type))
            {
                continue;
            }
            if (!orders.TryGetValue(entry.StreamId, out var state))
            {
                orders[entry.StreamId] = state = new OrderState();
            }
            state.Apply(OrderEvents.FromJournal(entry.Type, entry.Data));
        }
        return Build(businessDate, orders.Values.Where(o => o.Exists), throughSeq);
    }

    public static DailyReport Build(DateOnly businessDate, IEnumerable<OrderState> orders, long throughSeq)
    {
        int closed = 0, open = 0;
        long net = 0, tax = 0, tips = 0, voids = 0, cash = 0, card = 0, other = 0;
        var currency = "";
        var items = new SortedDictionary<string, (string Name, int Quantity, long Net)>(StringComparer.Ordinal);
        foreach (var order in orders)
        {
            currency = order.Opened!.Currency;
            if (!order.IsClosed)
            {
                open++;
                continue;
            }
            closed++;
            foreach (var line in order.Lines)
            {
                if (line.Status == LineStatus.Voided)
                {
                    voids += line.NetMinor;
                    continue;
                }
                net += line.NetMinor;
                tax += line.TaxMinor;
                var key = line.Added.MenuItemId;
                var sold = items.GetValueOrDefault(key, (Name: line.Added.Name, Quantity: 0, Net: 0L));
                items[key] = (sold.Name, sold.Quantity + line.Added.Quantity, sold.Net + line.NetMinor);
            }
            foreach (var payment in order.Payments)
            {
                tips += payment.TipMinor;
                var applied = payment.AmountMinor - payment.ChangeMinor;
                switch (payment.Tender)
                {
                    case Tender.Cash: cash += applied; break;
                    case Tender.Card: card += applied; break;
                    default: other += applied; break;
                }
            }
        }
        return new DailyReport
        {
            BusinessDate = businessDate,
            Currency = currency,
            OrdersClosed = closed,
            OrdersOpen = open,
            GrossSalesMinor = net + tax,
            VoidsMinor = voids,
            NetSalesMinor = net,
            TaxMinor = tax,
            TipsMinor = tips,
            Tenders = new TenderTotals(cash, card, other),
            Items = [.. items.Select(i => new ItemSales(i.Key, i.Value.Name, i.Value.Quantity, i.Value.Net))],
            ThroughSeq = throughSeq,
        };
    }
}
