using Pos.Contracts.Cash;
using Pos.Contracts.Orders;
using Pos.Grains.Cash;
using Pos.Grains.Commands;
using Pos.Grains.Journal;

namespace Pos.Grains.Orders;

/// <summary>
/// Discounts, tip adjustments and refunds (<see cref="OrderGrain"/>). A refund is an event of the order's stream that
/// counts for the business date it is given on, which may be later than the order's (whose seal it does not touch); a
/// cash refund comes out of the refunding person's open drawer session as a pay-out written in the same transaction.
/// </summary>
public sealed partial class OrderGrain
{
    public Task<OrderResult> ApplyDiscount(ApplyDiscount command, CommandContext context) =>
        OrderMoneyRules.Check(command) is { } invalid
            ? Task.FromResult(new OrderResult(null, invalid, CommandOutcome.Rejected))
            : Decide(() => OrderMoneyDecisions.ApplyDiscount(_state, command), context);

    public Task<OrderResult> RemoveDiscount(RemoveDiscount command, CommandContext context) =>
        OrderMoneyRules.Check(command) is { } invalid
            ? Task.FromResult(new OrderResult(null, invalid, CommandOutcome.Rejected))
            : Decide(() => OrderMoneyDecisions.RemoveDiscount(_state, command), context);

    public Task<OrderResult> AdjustTip(AdjustTip command, CommandContext context) =>
        OrderMoneyRules.Check(command) is { } invalid
            ? Task.FromResult(new OrderResult(null, invalid, CommandOutcome.Rejected))
            : Decide(() => OrderMoneyDecisions.AdjustTip(_state, command), context);

    public Task<OrderResult> Refund(Refund command, CommandContext context) =>
        OrderMoneyRules.Check(command) is { } invalid
            ? Task.FromResult(new OrderResult(null, invalid, CommandOutcome.Rejected))
            : Decide(() => OrderMoneyDecisions.Refund(_state, command, clock.Today(), context.EmployeeId), context);

    /// <summary>
    /// The business date a command's events count for: a refund's own date (the day it was given); a check or receipt
    /// printed for a closed order, the day it is printed (it moves no money); else the order's. So a refund or a copy
    /// of the receipt on a later day is journaled on that day and is not refused by the seal of the order's date.
    /// </summary>
    private DateOnly CountsFor(IReadOnlyList<OrderEvent> events, DateOnly orderDate) =>
        events.OfType<RefundRecorded>().FirstOrDefault()?.BusinessDate
        ?? (_state.ClosedAt is not null && events.Count > 0 && events.All(e => e is CheckPrinted) ? clock.Today() : orderDate);

    private async Task<CashLink?> CashRefundOf(RefundRecorded refund, string employee)
    {
        var till = await GrainFactory.GetGrain<ICashDrawersGrain>(ICashDrawersGrain.Key).TillOf(employee);
        if (till is null)
        {
            return null; // nobody's drawer: the refund counts in the reports, no drawer's expected amount moves
        }
        var number = _state.Opened?.Number ?? 0;
        var payOut = new DrawerCashMoved(till.SessionId, refund.RefundId, CashEvents.PayOut, refund.AmountMinor,
            $"Refund on order {number}", clock.Now());
        return new CashRefund(refund, refund with { DrawerSessionId = till.SessionId }, till, payOut);
    }

    /// <summary>The session learns of its pay-out from the journal, where it committed with the refund.</summary>
    private Task RefundPaidOutAsync(CashLink link) =>
        GrainFactory.GetGrain<ICashDrawersGrain>(ICashDrawersGrain.Key).Reload(link.Till.SessionId);

    /// <summary>A cash refund as decided, as recorded (naming its drawer session), and the pay-out that goes with it.</summary>
    private sealed record CashRefund(RefundRecorded Decided, RefundRecorded Recorded, CashTill Till, DrawerCashMoved PayOut) : CashLink(Till)
    {
        public override IReadOnlyList<OrderEvent> Into(IReadOnlyList<OrderEvent> events) =>
            [.. events.Select(e => ReferenceEquals(e, Decided) ? Recorded : e)];

        public override IEnumerable<LinkedAppend> Links() =>
            [new LinkedAppend(CashEvents.SessionStreamOf(Till.SessionId), Till.Version, [CashEvents.ToNew(PayOut)])];
    }
}
