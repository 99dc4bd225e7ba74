namespace Pos.Contracts.Orders;

/// <summary>
/// A discount on one line (<c>LineId</c>) or on the whole order (null), by <c>PercentBp</c> basis points or by
/// <c>AmountMinor</c>; a comp (<c>Comp</c>) is a 100 % discount recorded as such. What it takes off each line is
/// decided by <see cref="Money.DiscountAllocation"/> from the order as it stands.
/// </summary>
public sealed record DiscountApplied(Guid DiscountId, Guid? LineId, int? PercentBp, long? AmountMinor, string Reason, bool Comp) : OrderEvent;

/// <summary>A discount taken back before the order closed: the order's total is as if it had never been given.</summary>
public sealed record DiscountRemoved(Guid DiscountId) : OrderEvent;

/// <summary>
/// The tip of a card (or other) payment changed to <c>TipMinor</c> from <c>PreviousTipMinor</c> (the signed slip came
/// back). Counts for the order's business date, so it is refused once that date is sealed.
/// </summary>
public sealed record TipAdjusted(Guid PaymentId, long TipMinor, long PreviousTipMinor) : OrderEvent;

/// <summary>
/// Money given back on a closed order: a new event of the order's stream that changes none of its sales. It counts for
/// <c>BusinessDate</c>, the date it was given (also the journal's business date of the event), which may be later than
/// the order's. <c>LineIds</c> are the lines refunded (empty for an amount alone).
/// </summary>
public sealed record RefundRecorded(Guid RefundId, long AmountMinor, Tender Tender, string Reason, IReadOnlyList<Guid> LineIds, DateOnly BusinessDate)
    : OrderEvent
{
    /// <summary>The person signed in on the device that gave the refund, when one was.</summary>
    public string? EmployeeId { get; init; }

    /// <summary>For cash: the drawer session it came out of (a pay-out written in the same transaction); else null.</summary>
    public Guid? DrawerSessionId { get; init; }
}
