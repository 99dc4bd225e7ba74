using Pos.Contracts.Money;

namespace Pos.Contracts.Orders;

/// <summary>
/// An order folded from its events. Pure: the same events always give the same state. The order grain decides on it,
/// and the daily report (appliance and cloud alike) adds orders up from it.
/// </summary>
public sealed partial class OrderState
{
    private readonly List<Line> _lines = [];
    private readonly List<PaymentAdded> _payments = [];

    public OrderOpened? Opened { get; private set; }
    public DateTimeOffset? ClosedAt { get; private set; }
    public int Version { get; private set; }
    public bool Exists => Opened is not null;
    public bool IsClosed => ClosedAt is not null;
    public IReadOnlyList<Line> Lines => _lines;
    public IReadOnlyList<PaymentAdded> Payments => _payments;

    public long SubtotalMinor => _lines.Where(l => l.Status != LineStatus.Voided).Sum(l => l.NetMinor);
    public long TaxMinor => _lines.Where(l => l.Status != LineStatus.Voided).Sum(l => l.TaxMinor);
    // Enumerable.Sum of longs is checked; the additions here are too, so a total can never wrap.
    public long TotalMinor => checked(SubtotalMinor - DiscountMinor + TaxMinor);
    public long PaidMinor => _payments.Sum(p => checked(p.AmountMinor - p.ChangeMinor));
    public long TipMinor => _payments.Sum(p => p.TipMinor);
    public long BalanceMinor => checked(TotalMinor - PaidMinor);

    /// <summary>Everything rung up on the order, voided lines included, with tax: what the order grain's limits bound.</summary>
    public long RungUpMinor => _lines.Sum(l => checked(l.NetMinor + l.TaxMinor));

    public static OrderState From(IEnumerable<OrderEvent> events)
    {
        var state = new OrderState();
        foreach (var e in events)
        {
            state.Apply(e);
        }
        return state;
    }

    public Line? FindLine(Guid lineId) => _lines.Find(l => l.Added.LineId == lineId);

    public PaymentAdded? FindPayment(Guid paymentId) => _payments.Find(p => p.PaymentId == paymentId);

    public void Apply(OrderEvent e)
    {
        switch (e)
        {
            case OrderOpened opened:
                Opened = opened;
                break;
            case LineAdded added:
                _lines.Add(new Line(added));
                break;
            case LineVoided voided:
                var line = FindLine(voided.LineId) ?? throw new InvalidOperationException($"Void of unknown line {voided.LineId}.");
                line.Status = LineStatus.Voided;
                line.VoidReason = voided.Reason;
                break;
            case OrderFired fired:
                foreach (var id in fired.LineIds)
                {
                    var firedLine = FindLine(id) ?? throw new InvalidOperationException($"Fire of unknown line {id}.");
                    firedLine.Status = LineStatus.Fired;
                }
                break;
            case PaymentAdded paid:
                _payments.Add(paid);
                break;
            case OrderClosed closed:
                ClosedAt = closed.ClosedAt;
                break;
            default:
                if (!ApplyMoney(e))
                {
                    throw new InvalidOperationException($"Unknown order event {e.GetType().Name}.");
                }
                break;
        }
        // What discounts take off each line follows the lines and the discounts as they stand.
        if (e is LineAdded or LineVoided or DiscountApplied or DiscountRemoved)
        {
            Reallocate();
        }
        Version++;
    }

    public OrderState Clone()
    {
        var copy = new OrderState { Opened = Opened, ClosedAt = ClosedAt, Version = Version };
        copy._lines.AddRange(_lines.Select(l => l.Copy()));
        copy._payments.AddRange(_payments);
        CopyMoneyTo(copy);
        return copy;
    }

    /// <summary>One line of the order and where it stands.</summary>
    public sealed class Line(LineAdded added)
    {
        public LineAdded Added { get; } = added;
        public LineStatus Status { get; set; } = LineStatus.Pending;
        public string? VoidReason { get; set; }
        public long NetMinor => checked(Added.Quantity * Added.UnitPriceMinor);

        /// <summary>What discounts take off the line's net (<see cref="DiscountAllocation"/>); 0 once voided.</summary>
        public long DiscountMinor { get; set; }

        /// <summary>Tax on the line's net less its discounts.</summary>
        public long TaxMinor => LineTax.For(NetMinor - DiscountMinor, Added.TaxRateBp);

        public Line Copy() => new(Added) { Status = Status, VoidReason = VoidReason, DiscountMinor = DiscountMinor };
    }
}
