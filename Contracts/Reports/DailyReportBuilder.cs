using Pos.Contracts.Journal;
using Pos.Contracts.Money;
using Pos.Contracts.Orders;

namespace Pos.Contracts.Reports;

/// <summary>Folds one business date's journal events into its report. The appliance and the cloud share it.</summary>
public static class DailyReportBuilder
{
    public static DailyReport Build(DateOnly businessDate, IEnumerable<JournalEntry> entries)
    {
        var fold = new DayFold(businessDate, withZ: false);
        foreach (var entry in entries)
        {
            fold.Add(entry);
        }
        return fold.Daily();
    }

    /// <summary>
    /// Every sum is checked: amounts are bounded (<see cref="MoneyLimits"/>) so a day's figures stay far inside a
    /// 64-bit integer, and a sum that could not fit throws rather than wraps.
    /// </summary>
    public static DailyReport Build(DateOnly businessDate, IEnumerable<OrderState> orders, long throughSeq)
    {
        var sums = new Sums();
        var currency = "";
        var items = new SortedDictionary<string, (string Name, long Quantity, long Net)>(StringComparer.Ordinal);
        foreach (var order in orders)
        {
            currency = order.Opened!.Currency;
            sums.Add(order, items);
        }
        return new DailyReport
        {
            BusinessDate = businessDate,
            Currency = currency,
            OrdersClosed = sums.Closed,
            OrdersOpen = sums.Open,
            GrossSalesMinor = checked(sums.Net + sums.Tax),
            VoidsMinor = sums.Voids,
            NetSalesMinor = sums.Net,
            TaxMinor = sums.Tax,
            TipsMinor = sums.Tips,
            Tenders = new TenderTotals(sums.Cash, sums.Card, sums.Other),
            Items = [.. items.Select(i => new ItemSales(i.Key, i.Value.Name, i.Value.Quantity, i.Value.Net))],
            WrittenOffMinor = sums.WrittenOff,
            OrdersWrittenOff = sums.WrittenOffCount,
            OrdersCarriedOver = sums.CarriedOver,
            OrdersMerged = sums.Merged,
            ThroughSeq = throughSeq,
            DiscountsMinor = sums.Money.Discounts,
            CompsMinor = sums.Money.Comps,
            TipAdjustmentsMinor = sums.Money.TipAdjustments,
            TipAdjustmentCount = sums.Money.TipAdjustmentCount,
            ByHour = [.. sums.Hours.Select(h => new ZHour(h.Key, h.Value.Orders, h.Value.Net))],
        };
    }

    private sealed class Sums
    {
        public int Closed { get; private set; }
        public int Open { get; private set; }
        public long Net { get; private set; }
        public long Tax { get; private set; }
        public long Tips { get; private set; }
        public long Voids { get; private set; }
        public long Cash { get; private set; }
        public long Card { get; private set; }
        public long Other { get; private set; }
        public long WrittenOff { get; private set; }
        public int WrittenOffCount { get; private set; }
        public int CarriedOver { get; private set; }
        public int Merged { get; private set; }
        public MoneySums Money { get; } = new();
        public SortedDictionary<string, (int Orders, long Net)> Hours { get; } = new(StringComparer.Ordinal);

        public void Add(OrderState order, SortedDictionary<string, (string Name, long Quantity, long Net)> items)
        {
            checked
            {
                if (!order.IsClosed)
                {
                    Open++;
                    return;
                }
                // A merged or carried-over order closed empty: what it held counts on the order it went to.
                if (order.Closing is { MergedInto: not null })
                {
                    Merged++;
                }
                else if (order.Closing is { CarriedOverTo: not null })
                {
                    CarriedOver++;
                }
                else
                {
                    Closed++;
                }
                if (order.Closing is { WrittenOffMinor: > 0 } writtenOff)
                {
                    WrittenOff += writtenOff.WrittenOffMinor;
                    WrittenOffCount++;
                }
                Money.Add(order);
                var orderNet = 0L;
                foreach (var line in order.Lines)
                {
                    if (line.Status == LineStatus.Voided)
                    {
                        Voids += line.NetMinor;
                        continue;
                    }
                    var net = line.NetMinor - line.DiscountMinor;
                    Net += net;
                    orderNet += net;
                    Tax += line.TaxMinor;
                    var key = line.Added.MenuItemId;
                    var sold = items.GetValueOrDefault(key, (Name: line.Added.Name, Quantity: 0L, Net: 0L));
                    items[key] = (sold.Name, sold.Quantity + line.Added.Quantity, sold.Net + net);
                }
                if (order.Closing is { MergedInto: null, CarriedOverTo: null } closing)
                {
                    // The hour on the store's clock: the close is written with the store's own offset.
                    var key = ZReportBuilder.HourOf(closing.ClosedAt);
                    var hour = Hours.GetValueOrDefault(key);
                    Hours[key] = (hour.Orders + 1, hour.Net + orderNet);
                }
                foreach (var payment in order.Payments)
                {
                    Tips += payment.TipMinor;
                    var applied = payment.AmountMinor - payment.ChangeMinor;
                    switch (payment.Tender)
                    {
                        case Tender.Cash: Cash += applied; break;
                        case Tender.Card: Card += applied; break;
                        default: Other += applied; break;
                    }
                }
            }
        }
    }
}
