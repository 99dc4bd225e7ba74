using Pos.Contracts.Journal;
using Pos.Contracts.Orders;

namespace Pos.Contracts.Reports;

/// <summary>
/// A business date's journal entries folded one at a time into its daily report and its Z report: the definition
/// both <see cref="DailyReportBuilder"/> and <see cref="ZReportBuilder"/> use. Asking for a report changes nothing, so
/// a fold can be kept and given the date's next entries as they come (the cloud keeps a store's open date so), and
/// gives what the builders give for all the entries at once.
/// </summary>
public sealed class DayFold(DateOnly businessDate)
{
    private readonly Dictionary<string, OrderState> _orders = new(StringComparer.Ordinal);
    private readonly LabourFold _labour = new();
    private readonly RefundSums _refunds = new();
    private readonly ZReportBuilder.ZFold _z = new();

    public DateOnly BusinessDate => businessDate;

    /// <summary>The highest seq among every entry taken (of any date).</summary>
    public long ThroughSeq { get; private set; }

    /// <summary>How many entries of the date were taken.</summary>
    public int Events { get; private set; }

    /// <summary>Takes the next entry; entries of other dates only move <see cref="ThroughSeq"/>.</summary>
    public void Add(JournalEntry entry)
    {
        ThroughSeq = Math.Max(ThroughSeq, entry.Seq);
        if (entry.BusinessDate != businessDate)
        {
            return;
        }
        Events++;
        _labour.Add(entry);
        if (!OrderEvents.IsOrderEvent(entry.Type))
        {
            _z.Add(entry, null);
            return;
        }
        var orderEvent = OrderEvents.FromJournal(entry.Type, entry.Data);
        _z.Add(entry, orderEvent);
        if (orderEvent is RefundRecorded refund)
        {
            // A refund counts on the date it was given, whatever its order's date; it changes none of the order's sales.
            _refunds.Add(refund);
            return;
        }
        if (!_orders.TryGetValue(entry.StreamId, out var state))
        {
            _orders[entry.StreamId] = state = new OrderState();
        }
        state.Apply(orderEvent);
    }

    /// <summary>The daily report of the entries taken so far.</summary>
    public DailyReport Daily()
    {
        var closed = _orders.Where(o => o.Value.Exists && o.Value.IsClosed);
        return _refunds.Into(DailyReportBuilder.Build(businessDate, _orders.Values.Where(o => o.Exists), ThroughSeq))
            with { Labour = _labour.Result(closed) };
    }

    /// <summary>The Z report of the entries taken so far.</summary>
    public ZReport Z() => Reports().Z;

    /// <summary>Both reports of the entries taken so far (the daily one made once).</summary>
    public (DailyReport Daily, ZReport Z) Reports()
    {
        var daily = Daily();
        return (daily, ZReportBuilder.Of(daily, _z));
    }
}
