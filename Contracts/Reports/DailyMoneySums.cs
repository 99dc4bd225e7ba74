using Pos.Contracts.Orders;

namespace Pos.Contracts.Reports;

/// <summary>Discounts, comps and tip adjustments of a date's closed orders, summed for <see cref="DailyReportBuilder"/>.</summary>
internal sealed class MoneySums
{
    public long Discounts { get; private set; }
    public long Comps { get; private set; }
    public long TipAdjustments { get; private set; }
    public int TipAdjustmentCount { get; private set; }

    public void Add(OrderState order)
    {
        checked
        {
            foreach (var discount in order.Discounts)
            {
                var taken = order.TakenBy(discount.DiscountId);
                if (discount.Comp)
                {
                    Comps += taken;
                }
                else
                {
                    Discounts += taken;
                }
            }
            foreach (var tip in order.TipAdjustments)
            {
                TipAdjustments += tip.TipMinor - tip.PreviousTipMinor;
                TipAdjustmentCount++;
            }
        }
    }
}

/// <summary>The refunds given on a date, by tender: they count on that date, whatever the dates of their orders.</summary>
internal sealed class RefundSums
{
    private long _cash;
    private long _card;
    private long _other;
    private int _count;

    public void Add(RefundRecorded refund)
    {
        checked
        {
            _count++;
            switch (refund.Tender)
            {
                case Tender.Cash: _cash += refund.AmountMinor; break;
                case Tender.Card: _card += refund.AmountMinor; break;
                default: _other += refund.AmountMinor; break;
            }
        }
    }

    public DailyReport Into(DailyReport report) => report with
    {
        RefundsMinor = checked(_cash + _card + _other),
        RefundCount = _count,
        RefundTenders = new TenderTotals(_cash, _card, _other),
    };
}
