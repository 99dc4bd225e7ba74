using Pos.Contracts.Money;

namespace Pos.Contracts.Orders;

/// <summary>Discounts, comps, tip adjustments and refunds of an order (<see cref="OrderState"/>).</summary>
public sealed partial class OrderState
{
    // Every discount ever given (a removed one stays known, so a retry of it is recognised); the active ones in order.
    private readonly List<DiscountApplied> _discounts = [];
    private readonly HashSet<Guid> _removed = [];
    private readonly List<RefundRecorded> _refunds = [];
    private readonly List<TipAdjusted> _tipAdjustments = [];
    private IReadOnlyDictionary<Guid, long> _taken = new Dictionary<Guid, long>();

    /// <summary>Discounts given, removed ones included (see <see cref="IsRemoved"/>), in the order given.</summary>
    public IReadOnlyList<DiscountApplied> Discounts => _discounts;

    public IReadOnlyList<RefundRecorded> Refunds => _refunds;

    public IReadOnlyList<TipAdjusted> TipAdjustments => _tipAdjustments;

    /// <summary>What discounts and comps take off the lines not voided.</summary>
    public long DiscountMinor => _lines.Where(l => l.Status != LineStatus.Voided).Sum(l => l.DiscountMinor);

    /// <summary>The order's sales before tax: its lines not voided, less discounts and comps.</summary>
    public long NetSalesMinor => checked(SubtotalMinor - DiscountMinor);

    public long RefundedMinor => _refunds.Sum(r => r.AmountMinor);

    public bool IsRemoved(Guid discountId) => _removed.Contains(discountId);

    public DiscountApplied? FindDiscount(Guid discountId) => _discounts.Find(d => d.DiscountId == discountId);

    public RefundRecorded? FindRefund(Guid refundId) => _refunds.Find(r => r.RefundId == refundId);

    /// <summary>What a discount takes off the order now: 0 once removed, or when what it was on is gone.</summary>
    public long TakenBy(Guid discountId) => _removed.Contains(discountId) ? 0 : _taken.GetValueOrDefault(discountId);

    /// <summary>What the line is worth to the guest: its net less discounts, with tax; 0 once voided.</summary>
    public static long AmountOf(Line line) =>
        line.Status == LineStatus.Voided ? 0 : checked(line.NetMinor - line.DiscountMinor + line.TaxMinor);

    /// <summary>
    /// What refunds of the line took already: each refund of lines is counted against its lines in the order listed,
    /// each filled up to its amount before the next.
    /// </summary>
    public long RefundedOf(Guid lineId)
    {
        var of = new Dictionary<Guid, long>();
        foreach (var refund in _refunds.Where(r => r.LineIds.Count > 0))
        {
            var left = refund.AmountMinor;
            foreach (var id in refund.LineIds)
            {
                var line = FindLine(id);
                var room = Math.Max(0, (line is null ? 0 : AmountOf(line)) - of.GetValueOrDefault(id));
                var part = Math.Min(room, left);
                of[id] = of.GetValueOrDefault(id) + part;
                left -= part;
            }
        }
        return of.GetValueOrDefault(lineId);
    }

    private bool ApplyMoney(OrderEvent e)
    {
        switch (e)
        {
            case DiscountApplied given:
                _discounts.Add(given);
                return true;
            case DiscountRemoved removed:
                _removed.Add(removed.DiscountId);
                return true;
            case TipAdjusted tip:
                var at = _payments.FindIndex(p => p.PaymentId == tip.PaymentId);
                if (at >= 0)
                {
                    _payments[at] = _payments[at] with { TipMinor = tip.TipMinor };
                }
                _tipAdjustments.Add(tip);
                return true;
            case RefundRecorded refund:
                _refunds.Add(refund);
                return true;
            default:
                return false;
        }
    }

    private void Reallocate()
    {
        if (_discounts.Count == 0)
        {
            return; // nothing ever taken off: every line's discount is 0
        }
        var lines = _lines.Select(l => new DiscountAllocation.LineNet(l.Added.LineId, l.NetMinor, l.Status != LineStatus.Voided)).ToList();
        var result = DiscountAllocation.Allocate(lines, [.. _discounts.Where(d => !_removed.Contains(d.DiscountId))]);
        for (var i = 0; i < _lines.Count; i++)
        {
            _lines[i].DiscountMinor = result.LineDiscounts[i];
        }
        _taken = result.Taken;
    }

    private void CopyMoneyTo(OrderState copy)
    {
        copy._discounts.AddRange(_discounts);
        copy._removed.UnionWith(_removed);
        copy._refunds.AddRange(_refunds);
        copy._tipAdjustments.AddRange(_tipAdjustments);
        copy._taken = _taken;
    }
}
