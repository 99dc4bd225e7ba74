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
    private readonly List<CheckPrinted> _checks = [];
    // Lines and payments that moved to another order (CheckEvents): gone from this one, their ids still known here.
    private readonly Dictionary<Guid, Guid> _movedLines = [];
    private readonly Dictionary<Guid, (PaymentAdded Payment, Guid To)> _movedPayments = [];

    public OrderOpened? Opened { get; private set; }
    public DateTimeOffset? ClosedAt { get; private set; }
    public int Version { get; private set; }
    public bool Exists => Opened is not null;
    public bool IsClosed => ClosedAt is not null;
    public IReadOnlyList<Line> Lines => _lines;
    public IReadOnlyList<PaymentAdded> Payments => _payments;

    /// <summary>The guest checks and receipts printed, oldest first.</summary>
    public IReadOnlyList<CheckPrinted> Checks => _checks;

    /// <summary>The version of the last event that changed the order itself (a print of it changes nothing).</summary>
    public int ChangedAtVersion { get; private set; }

    /// <summary>The version at which the last guest check was printed, or 0.</summary>
    public int CheckPrintedAtVersion { get; private set; }

    /// <summary>How the order closed (merged, carried over, written off, or plainly), once it has.</summary>
    public OrderClosed? Closing { get; private set; }

    /// <summary>The table the order is at now (it may have been transferred since it was opened).</summary>
    public string? Table { get; private set; }

    /// <summary>The person who owns the order since it was transferred to them; null: the person who opened it.</summary>
    public string? ServerId { get; private set; }

    /// <summary>The parts of the last even split (they add up to the balance at that split), or empty.</summary>
    public IReadOnlyList<long> EvenParts { get; private set; } = [];

    /// <summary>The order a line of this one moved to, or null when it did not move.</summary>
    public Guid? MovedLineTo(Guid lineId) => _movedLines.TryGetValue(lineId, out var to) ? to : null;

    /// <summary>Every line id that moved out of this order, with where it went.</summary>
    public IReadOnlyDictionary<Guid, Guid> MovedLines => _movedLines;

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

    /// <summary>A payment of the order, or one that moved out of it (a retried payment is recognised either way).</summary>
    public PaymentAdded? FindPayment(Guid paymentId) =>
        _payments.Find(p => p.PaymentId == paymentId) ?? (_movedPayments.TryGetValue(paymentId, out var moved) ? moved.Payment : null);

    public void Apply(OrderEvent e)
    {
        switch (e)
        {
            case OrderOpened opened:
                Opened = opened;
                Table = opened.Table;
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
                Closing = closed;
                break;
            case LinesMovedOut moved:
                MoveOut(moved);
                break;
            case LinesMovedIn arrived:
                foreach (var l in arrived.Lines)
                {
                    _lines.Add(new Line(l.Added) { Status = l.Status });
                }
                _payments.AddRange(arrived.Payments);
                break;
            case OrderTransferred transferred:
                Table = transferred.Table ?? Table;
                ServerId = transferred.ServerId ?? ServerId;
                break;
            case OrderSplitEvenly even:
                EvenParts = even.PartsMinor;
                break;
            case CheckPrinted printed:
                _checks.Add(printed);
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
        if (e is CheckPrinted { Kind: CheckKind.Check })
        {
            CheckPrintedAtVersion = Version;
        }
        else if (e is not CheckPrinted)
        {
            ChangedAtVersion = Version;
        }
    }

    private void MoveOut(LinesMovedOut moved)
    {
        foreach (var id in moved.LineIds)
        {
            var line = FindLine(id) ?? throw new InvalidOperationException($"Move of unknown line {id}.");
            _lines.Remove(line);
            _movedLines[id] = moved.ToOrderId;
        }
        foreach (var id in moved.PaymentIds)
        {
            var payment = _payments.Find(p => p.PaymentId == id) ?? throw new InvalidOperationException($"Move of unknown payment {id}.");
            _payments.Remove(payment);
            _movedPayments[id] = (payment, moved.ToOrderId);
        }
        EvenParts = [];
    }

    public OrderState Clone()
    {
        var copy = new OrderState
        {
            Opened = Opened, ClosedAt = ClosedAt, Version = Version, Closing = Closing, Table = Table, ServerId = ServerId, EvenParts = EvenParts,
            ChangedAtVersion = ChangedAtVersion, CheckPrintedAtVersion = CheckPrintedAtVersion,
        };
        copy._lines.AddRange(_lines.Select(l => l.Copy()));
        copy._payments.AddRange(_payments);
        copy._checks.AddRange(_checks);
        foreach (var (k, v) in _movedLines)
        {
            copy._movedLines[k] = v;
        }
        foreach (var (k, v) in _movedPayments)
        {
            copy._movedPayments[k] = v;
        }
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
