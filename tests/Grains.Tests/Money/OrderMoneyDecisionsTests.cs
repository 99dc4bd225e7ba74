using Pos.Contracts.Orders;
using Pos.Contracts.Permissions;
using Pos.Contracts.Problems;
using Pos.Grains.Orders;
using Pos.Grains.Tests.Orders;
using static Pos.Grains.Tests.Orders.AnOrder;

namespace Pos.Grains.Tests.Money;

/// <summary>Discounts, comps, tips and refunds decided against the order as it stands. A burger is 1000 + 83 tax = 1083.</summary>
public sealed class OrderMoneyDecisionsTests
{
    private static readonly Guid LineId = Id(1);
    private static readonly DateOnly NextDay = BusinessDate.AddDays(1);

    private static ApplyDiscount Discount(int? bp = null, long? amount = null, Guid? lineId = null, bool comp = false, bool manager = false, int n = 10) =>
        new(Id(n), lineId, bp, amount, "regular guest", comp, manager);

    private static OrderState ClosedAndPaid(Tender tender = Tender.Card, long tip = 0) =>
        State(Opened(), Line(LineId), Paid(tender, 1083, tip, paymentId: Id(50)), new OrderClosed(Later));

    [Theory]
    [InlineData(2_000, null, false)]
    [InlineData(2_001, null, true)]
    [InlineData(null, 200L, false)]
    [InlineData(null, 201L, true)]
    public void A_discount_above_20_percent_of_what_it_is_on_needs_a_manager(int? bp, long? amount, bool needsManager)
    {
        var state = WithOneBurger(LineId);
        var decision = OrderMoneyDecisions.ApplyDiscount(state, Discount(bp, amount, LineId));
        if (needsManager)
        {
            DecisionAssert.Refused(decision, ErrorCodes.PermissionDenied, PermissionNames.DiscountsAboveThreshold);
            Assert.IsType<DiscountApplied>(Assert.Single(OrderMoneyDecisions.ApplyDiscount(state, Discount(bp, amount, LineId, manager: true)).Events));
        }
        else
        {
            DecisionAssert.Single<DiscountApplied>(decision);
        }
    }

    [Fact]
    public void A_comp_always_needs_a_manager_and_is_recorded_as_100_percent()
    {
        var state = WithOneBurger(LineId);
        DecisionAssert.Refused(OrderMoneyDecisions.ApplyDiscount(state, Discount(comp: true)), ErrorCodes.PermissionDenied, PermissionNames.DiscountsAboveThreshold);
        var comp = DecisionAssert.Single<DiscountApplied>(OrderMoneyDecisions.ApplyDiscount(state, Discount(comp: true, manager: true)));
        Assert.Equal((true, 10_000), (comp.Comp, comp.PercentBp));
        // Sent again, with or without its 100 %: the same comp.
        state.Apply(comp);
        DecisionAssert.Duplicate(OrderMoneyDecisions.ApplyDiscount(state, Discount(comp: true)));
        DecisionAssert.Duplicate(OrderMoneyDecisions.ApplyDiscount(state, Discount(bp: 10_000, comp: true)));
    }

    [Fact]
    public void A_discount_is_refused_on_a_closed_order_a_voided_line_and_past_what_remains()
    {
        DecisionAssert.Conflict(OrderMoneyDecisions.ApplyDiscount(ClosedAndPaid(), Discount(1_000)), ErrorCodes.OrderClosed);
        var voided = State(Opened(), Line(LineId), Line(Id(2), Fries), new LineVoided(LineId, "wrong", false));
        DecisionAssert.Conflict(OrderMoneyDecisions.ApplyDiscount(voided, Discount(1_000, lineId: LineId)), ErrorCodes.LineVoided, "lineId");
        DecisionAssert.Refused(OrderMoneyDecisions.ApplyDiscount(voided, Discount(1_000, lineId: Id(9))), ErrorCodes.LineNotFound, "lineId");
        DecisionAssert.Conflict(OrderMoneyDecisions.ApplyDiscount(WithOneBurger(LineId), Discount(amount: 1_001, manager: true)),
            ErrorCodes.DiscountTooLarge, "amountMinor");
    }

    [Fact]
    public void A_discount_that_would_leave_payments_above_the_total_is_refused()
    {
        // The payment won the race: 1083 paid, so any discount would owe the guest money.
        var paid = State(Opened(), Line(LineId), Paid(Tender.Card, 1083));
        DecisionAssert.Conflict(OrderMoneyDecisions.ApplyDiscount(paid, Discount(1_000)), ErrorCodes.DiscountBelowPaid, "discountId");
        // Half paid: a 10 % discount still leaves a balance.
        var half = State(Opened(), Line(LineId), Paid(Tender.Card, 500));
        DecisionAssert.Single<DiscountApplied>(OrderMoneyDecisions.ApplyDiscount(half, Discount(1_000)));
    }

    [Fact]
    public void The_same_discount_again_is_a_duplicate_and_its_id_with_other_details_a_conflict()
    {
        var state = State(Opened(), Line(LineId), new DiscountApplied(Id(10), null, 1_000, null, "regular guest", false));
        DecisionAssert.Duplicate(OrderMoneyDecisions.ApplyDiscount(state, Discount(1_000)));
        DecisionAssert.Conflict(OrderMoneyDecisions.ApplyDiscount(state, Discount(1_500)), ErrorCodes.DiscountExists, "discountId");
    }

    [Fact]
    public void A_discount_is_removed_once_before_close()
    {
        var state = State(Opened(), Line(LineId), new DiscountApplied(Id(10), null, 1_000, null, "regular guest", false));
        DecisionAssert.Single<DiscountRemoved>(OrderMoneyDecisions.RemoveDiscount(state, new RemoveDiscount(Id(10))));
        DecisionAssert.Refused(OrderMoneyDecisions.RemoveDiscount(state, new RemoveDiscount(Id(11))), ErrorCodes.DiscountNotFound, "discountId");
        state.Apply(new DiscountRemoved(Id(10)));
        DecisionAssert.Duplicate(OrderMoneyDecisions.RemoveDiscount(state, new RemoveDiscount(Id(10))));
        var closed = State(Opened(), Line(LineId), new DiscountApplied(Id(10), null, 1_000, null, "r", false), Paid(Tender.Card, 975), new OrderClosed(Later));
        DecisionAssert.Conflict(OrderMoneyDecisions.RemoveDiscount(closed, new RemoveDiscount(Id(10))), ErrorCodes.OrderClosed);
    }

    [Fact]
    public void A_card_tip_is_adjusted_after_close_and_a_cash_tip_never()
    {
        var tip = DecisionAssert.Single<TipAdjusted>(OrderMoneyDecisions.AdjustTip(ClosedAndPaid(tip: 100), new AdjustTip(Id(50), 250)));
        Assert.Equal((250L, 100L), (tip.TipMinor, tip.PreviousTipMinor));
        DecisionAssert.Duplicate(OrderMoneyDecisions.AdjustTip(ClosedAndPaid(tip: 250), new AdjustTip(Id(50), 250)));
        DecisionAssert.Conflict(OrderMoneyDecisions.AdjustTip(ClosedAndPaid(Tender.Cash), new AdjustTip(Id(50), 250)), ErrorCodes.TipNotAdjustable, "paymentId");
        DecisionAssert.Refused(OrderMoneyDecisions.AdjustTip(ClosedAndPaid(), new AdjustTip(Id(51), 250)), ErrorCodes.PaymentNotFound, "paymentId");
        var state = ClosedAndPaid(tip: 100);
        state.Apply(tip);
        Assert.Equal(250, state.TipMinor);
    }

    [Fact]
    public void A_refund_is_given_on_a_closed_order_up_to_what_was_paid_and_counts_for_its_own_date()
    {
        DecisionAssert.Conflict(OrderMoneyDecisions.Refund(WithOneBurger(LineId), RefundOf(500), NextDay, null), ErrorCodes.OrderNotClosed);
        var state = ClosedAndPaid();
        var first = DecisionAssert.Single<RefundRecorded>(OrderMoneyDecisions.Refund(state, RefundOf(600), NextDay, "ana"));
        Assert.Equal((NextDay, "ana"), (first.BusinessDate, first.EmployeeId));
        state.Apply(first);
        DecisionAssert.Duplicate(OrderMoneyDecisions.Refund(state, RefundOf(600), NextDay, "ana"));
        DecisionAssert.Conflict(OrderMoneyDecisions.Refund(state, RefundOf(700), NextDay, "ana"), ErrorCodes.RefundExists, "refundId");
        // 1083 paid, 600 back already: 484 is one too many.
        DecisionAssert.Conflict(OrderMoneyDecisions.Refund(state, RefundOf(484, n: 21), NextDay, null), ErrorCodes.RefundExceedsPaid, "amountMinor");
        DecisionAssert.Single<RefundRecorded>(OrderMoneyDecisions.Refund(state, RefundOf(483, n: 21), NextDay, null));
        // The order's own figures never change.
        Assert.Equal((1083L, 0L, 600L), (state.TotalMinor, state.BalanceMinor, state.RefundedMinor));
    }

    [Fact]
    public void A_line_refund_is_at_most_the_line_with_tax_less_what_was_refunded_of_it()
    {
        var fries = Id(2);
        var state = State(Opened(), Line(LineId), Line(fries, Fries), Paid(Tender.Card, 1083 + 379), new OrderClosed(Later)); // fries 350 + 29
        DecisionAssert.Conflict(OrderMoneyDecisions.Refund(state, RefundOf(380, lines: [fries]), NextDay, null), ErrorCodes.RefundExceedsPaid, "amountMinor");
        var part = DecisionAssert.Single<RefundRecorded>(OrderMoneyDecisions.Refund(state, RefundOf(300, lines: [fries]), NextDay, null));
        state.Apply(part);
        DecisionAssert.Conflict(OrderMoneyDecisions.Refund(state, RefundOf(80, n: 21, lines: [fries]), NextDay, null), ErrorCodes.RefundExceedsPaid, "amountMinor");
        DecisionAssert.Single<RefundRecorded>(OrderMoneyDecisions.Refund(state, RefundOf(79, n: 21, lines: [fries]), NextDay, null));
        DecisionAssert.Refused(OrderMoneyDecisions.Refund(state, RefundOf(10, n: 22, lines: [Id(9)]), NextDay, null), ErrorCodes.LineNotFound, "lineIds");
    }

    private static Refund RefundOf(long amount, int n = 20, Guid[]? lines = null) => new(Id(n), amount, Tender.Card, "cold soup", lines ?? []);
}
