using System.Globalization;
using Pos.Contracts.Cash;
using Pos.Contracts.Journal;
using Pos.Contracts.Orders;

namespace Pos.Contracts.Reports;

/// <summary>
/// Folds one business date's journal events into its Z report. Pure and shared by the appliance and the cloud (as
/// <see cref="DailyReportBuilder"/> is, whose figures it starts from), so both show the same report for a complete day.
/// </summary>
public static class ZReportBuilder
{
    public static ZReport Build(DateOnly businessDate, IReadOnlyCollection<JournalEntry> entries)
    {
        var fold = new DayFold(businessDate);
        foreach (var entry in entries)
        {
            fold.Add(entry);
        }
        return fold.Z();
    }

    /// <summary>The Z report of <paramref name="daily"/> (the date's daily report) and the date's cash and orders folded in <paramref name="fold"/>.</summary>
    internal static ZReport Of(DailyReport daily, ZFold fold)
    {
        var byEmployee = fold.ByEmployee(daily.Labour);
        var drawers = fold.Drawers();
        return new ZReport
        {
            BusinessDate = daily.BusinessDate,
            Currency = daily.Currency,
            ThroughSeq = daily.ThroughSeq,
            OrdersClosed = daily.OrdersClosed,
            OrdersOpen = daily.OrdersOpen,
            GrossSalesMinor = daily.GrossSalesMinor,
            NetSalesMinor = daily.NetSalesMinor,
            TaxMinor = daily.TaxMinor,
            TipsMinor = daily.TipsMinor,
            Tenders = daily.Tenders,
            VoidsMinor = daily.VoidsMinor,
            WrittenOffMinor = daily.WrittenOffMinor,
            OrdersCarriedOver = daily.OrdersCarriedOver,
            VoidCount = fold.VoidCount,
            CompsMinor = daily.CompsMinor,
            DiscountsMinor = daily.DiscountsMinor,
            RefundsMinor = daily.RefundsMinor,
            RefundTenders = daily.RefundTenders,
            RefundCount = daily.RefundCount,
            TipAdjustmentsMinor = daily.TipAdjustmentsMinor,
            TipAdjustmentCount = daily.TipAdjustmentCount,
            NoSaleCount = fold.NoSales,
            UnassignedCashMinor = fold.UnassignedCash,
            ByEmployee = byEmployee,
            ByHour = fold.ByHour(),
            Drawers = drawers,
            OverShortMinor = drawers.Sum(d => d.OverShortMinor ?? 0),
        };
    }

    /// <summary>"18:00": the hour of the store clock an instant fell in (events carry the store's offset).</summary>
    public static string HourOf(DateTimeOffset at) => at.ToString("HH':00'", CultureInfo.InvariantCulture);

    /// <summary>The Z report's own fold of a date's entries (orders with their openers, drawer sessions, no-sales).</summary>
    internal sealed class ZFold
    {
        private readonly Dictionary<string, OrderState> _orders = new(StringComparer.Ordinal);
        private readonly Dictionary<string, string> _openers = new(StringComparer.Ordinal);
        private readonly Dictionary<string, DrawerSessionFold> _sessions = new(StringComparer.Ordinal);
        private readonly Dictionary<string, string> _names = new(StringComparer.Ordinal);

        public int NoSales { get; private set; }
        public int VoidCount => Closed().Sum(o => o.Order.Lines.Count(l => l.Status == LineStatus.Voided));

        public long UnassignedCash => Closed().Sum(o => o.Order.Payments
            .Where(p => p.Tender == Tender.Cash && p.DrawerSessionId is null).Sum(p => checked(p.AmountMinor - p.ChangeMinor)));

        /// <summary>Takes one entry of the date; <paramref name="orderEvent"/> is its order event already read, if it is one.</summary>
        public void Add(JournalEntry entry, OrderEvent? orderEvent)
        {
            if (orderEvent is not null)
            {
                if (!_orders.TryGetValue(entry.StreamId, out var order))
                {
                    _orders[entry.StreamId] = order = new OrderState();
                }
                if (entry.Type == nameof(OrderOpened) && entry.EmployeeId is { } opener)
                {
                    _openers[entry.StreamId] = opener;
                }
                order.Apply(orderEvent);
                return;
            }
            if (!CashEvents.IsCashEvent(entry.Type))
            {
                return;
            }
            if (entry.StreamId.StartsWith(CashEvents.SessionStreamPrefix, StringComparison.Ordinal))
            {
                if (!_sessions.TryGetValue(entry.StreamId, out var session))
                {
                    _sessions[entry.StreamId] = session = new DrawerSessionFold();
                }
                session.Apply(entry);
                if (session.Opened is { } opened)
                {
                    _names.TryAdd(opened.EmployeeId, opened.EmployeeName);
                }
            }
            else if (entry.Type == nameof(DrawerKicked))
            {
                NoSales++;
            }
        }

        public IReadOnlyList<ZEmployee> ByEmployee(IReadOnlyList<EmployeeLabour> labour)
        {
            var people = new SortedDictionary<string, Person>(StringComparer.Ordinal);
            Person Of(string id) => people.TryGetValue(id, out var p) ? p : people[id] = new Person();
            foreach (var (streamId, order) in Closed())
            {
                var opener = _openers.GetValueOrDefault(streamId);
                if (opener is not null)
                {
                    var person = Of(opener);
                    person.Orders++;
                    person.Net = checked(person.Net + order.NetSalesMinor);
                    person.Voids = checked(person.Voids + order.Lines.Where(l => l.Status == LineStatus.Voided).Sum(l => l.NetMinor));
                }
                foreach (var payment in order.Payments)
                {
                    if ((payment.EmployeeId ?? opener) is not { } taker)
                    {
                        continue;
                    }
                    var person = Of(taker);
                    var applied = checked(payment.AmountMinor - payment.ChangeMinor);
                    switch (payment.Tender)
                    {
                        case Tender.Cash: person.Cash = checked(person.Cash + applied); break;
                        case Tender.Card: person.Card = checked(person.Card + applied); break;
                        default: person.Other = checked(person.Other + applied); break;
                    }
                }
            }
            foreach (var worked in labour)
            {
                var person = Of(worked.EmployeeId);
                person.Tips = worked.TipsMinor;
                person.Minutes = worked.MinutesWorked;
                person.Name = worked.Name;
            }
            return [.. people.Select(p => new ZEmployee(p.Key, p.Value.Name ?? _names.GetValueOrDefault(p.Key), p.Value.Orders, p.Value.Net,
                p.Value.Tips, p.Value.Cash, p.Value.Card, p.Value.Other, p.Value.Voids, p.Value.Minutes))];
        }

        public IReadOnlyList<ZHour> ByHour() =>
            [.. Closed().GroupBy(o => HourOf(o.Order.ClosedAt!.Value), StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => new ZHour(g.Key, g.Count(), g.Sum(o => o.Order.NetSalesMinor)))];

        public IReadOnlyList<ZDrawer> Drawers()
        {
            // An open session's cash sales are its payments of the date's orders (its DrawerCashTaken count for no date).
            var cash = _orders.Values.SelectMany(o => o.Payments).Where(p => p.DrawerSessionId is not null)
                .GroupBy(p => p.DrawerSessionId!.Value)
                .ToDictionary(g => g.Key, g => (Cash: g.Sum(p => checked(p.AmountMinor - p.ChangeMinor)), Tips: g.Sum(p => p.TipMinor)));
            var cashRefunds = _orders.Values.SelectMany(o => o.Refunds).Where(r => r.DrawerSessionId is not null)
                .GroupBy(r => r.DrawerSessionId!.Value).ToDictionary(g => g.Key, g => g.Sum(r => r.AmountMinor));
            return [.. _sessions.Values.Where(s => s.Opened is not null || s.Closed is not null).Select(s => s.ToView())
                .OrderBy(v => v.OpenedAt).ThenBy(v => v.SessionId)
                .Select(v =>
                {
                    var (sales, tips) = v.Status == CashLimits.Open ? cash.GetValueOrDefault(v.SessionId) : (v.CashSalesMinor, v.CashTipsMinor);
                    // An open session's cash refunds are pay-outs written with the refund (counting for no date): added here.
                    var refunded = v.Status == CashLimits.Open ? cashRefunds.GetValueOrDefault(v.SessionId) : 0;
                    var expected = v.Status == CashLimits.Open ? checked(v.ExpectedMinor + sales + tips - refunded) : v.ExpectedMinor;
                    return new ZDrawer(v.SessionId, v.DrawerId, v.EmployeeId, v.Status, v.FloatMinor, v.PayInsMinor, checked(v.PayOutsMinor + refunded),
                        sales, tips, expected, v.CountedMinor, v.OverShortMinor);
                })];
        }

        private IEnumerable<(string StreamId, OrderState Order)> Closed() =>
            _orders.Where(o => o.Value.Exists && o.Value.IsClosed).Select(o => (o.Key, o.Value));

        private sealed class Person
        {
            public string? Name { get; set; }
            public int Orders { get; set; }
            public long Net { get; set; }
            public long Tips { get; set; }
            public long Cash { get; set; }
            public long Card { get; set; }
            public long Other { get; set; }
            public long Voids { get; set; }
            public long Minutes { get; set; }
        }
    }
}
