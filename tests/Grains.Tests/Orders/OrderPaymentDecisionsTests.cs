using Pos.Grains.Orders;
using static Pos.Grains.Tests.Orders.AnOrder;
using Pos.Contracts.Orders;
using Pos.Contracts.Problems;

namespace Pos.Grains.Tests.Orders;

/// <summary>Taking payments and closing: balances, change, overpayment and retries.</summary>
public sealed class OrderPaymentDecisionsTests
{
    // One burger: 1000 net + 83 tax (82.5 rounded away from zero).
    private const long BurgerBalance = 1083;

    [Theory]
    [InlineData(Tender.Card)]
    [InlineData(Tender.Other)]
    public void AddPayment_IsRefusedOverpayment_WhenNonCashPaysMoreThanBalance(Tender tender)
    {
        var decision = OrderDecisions.AddPayment(WithOneBurger(Id(1)), new AddPayment(Id(9), tender, BurgerBalance + 1, 0, null));

        DecisionAssert.Conflict(decision, ErrorCodes.Overpayment, "amountMinor");
    }

    [Fact]
    public void AddPayment_IsRefusedOverpayment_WhenCardPaysAnOrderThatOwesNothing()
    {
        var decision = OrderDecisions.AddPayment(State(Opened()), new AddPayment(Id(9), Tender.Card, 1, 0, null));

        DecisionAssert.Conflict(decision, ErrorCodes.Overpayment, "amountMinor");
    }

    [Fact]
    public void AddPayment_RecordsTheCardPayment_WhenItPaysExactlyTheBalance()
    {
        var state = WithOneBurger(Id(1));

        var paid = DecisionAssert.Single<PaymentAdded>(OrderDecisions.AddPayment(state, new AddPayment(Id(9), Tender.Card, BurgerBalance, 200, "auth 123456")));
        state.Apply(paid);

        Assert.Equal(new PaymentAdded(Id(9), Tender.Card, BurgerBalance, 200, 0, "auth 123456"), paid);
        Assert.Equal(0, state.BalanceMinor);
        Assert.Equal(200, state.TipMinor);
    }

    [Fact]
    public void AddPayment_RecordsChange_WhenCashPaysMoreThanBalance()
    {
        var state = WithOneBurger(Id(1));

        var paid = DecisionAssert.Single<PaymentAdded>(OrderDecisions.AddPayment(state, new AddPayment(Id(9), Tender.Cash, 2000, 0, null)));
        state.Apply(paid);

        Assert.Equal(2000 - BurgerBalance, paid.ChangeMinor);
        Assert.Equal(917, paid.ChangeMinor);
        Assert.Equal(2000, paid.AmountMinor);
        Assert.Equal(BurgerBalance, state.PaidMinor);
        Assert.Equal(0, state.BalanceMinor);
    }

    [Fact]
    public void AddPayment_GivesChangeOnTheRemainingBalance_AfterAPartialPayment()
    {
        var state = State(Opened(), Line(Id(1)), Paid(Tender.Card, 500));

        var paid = DecisionAssert.Single<PaymentAdded>(OrderDecisions.AddPayment(state, new AddPayment(Id(9), Tender.Cash, 1000, 0, null)));
        state.Apply(paid);

        Assert.Equal(1000 - (BurgerBalance - 500), paid.ChangeMinor);
        Assert.Equal(0, state.BalanceMinor);
    }

    [Fact]
    public void AddPayment_LeavesABalance_WhenItPaysLessThanIsDue()
    {
        var state = WithOneBurger(Id(1));

        var paid = DecisionAssert.Single<PaymentAdded>(OrderDecisions.AddPayment(state, new AddPayment(Id(9), Tender.Cash, 500, 0, null)));
        state.Apply(paid);

        Assert.Equal(0, paid.ChangeMinor);
        Assert.Equal(BurgerBalance - 500, state.BalanceMinor);
    }

    [Fact]
    public void AddPayment_IsDuplicate_WhenSamePaymentIdComesWithSameDetails()
    {
        var state = State(Opened(), Line(Id(1)), new PaymentAdded(Id(9), Tender.Cash, 2000, 100, 917, "drawer 1"));

        // A retry is compared with what was asked, not with the balance now due.
        DecisionAssert.Duplicate(OrderDecisions.AddPayment(state, new AddPayment(Id(9), Tender.Cash, 2000, 100, "drawer 1")));
    }

    [Theory]
    [InlineData(Tender.Card, 2000L, 100L, "drawer 1")]
    [InlineData(Tender.Cash, 1999L, 100L, "drawer 1")]
    [InlineData(Tender.Cash, 2000L, 0L, "drawer 1")]
    [InlineData(Tender.Cash, 2000L, 100L, null)]
    public void AddPayment_IsRefusedPaymentExists_WhenSamePaymentIdComesWithOtherDetails(Tender tender, long amountMinor, long tipMinor, string? reference)
    {
        var state = State(Opened(), Line(Id(1)), new PaymentAdded(Id(9), Tender.Cash, 2000, 100, 917, "drawer 1"));

        var decision = OrderDecisions.AddPayment(state, new AddPayment(Id(9), tender, amountMinor, tipMinor, reference));

        DecisionAssert.Conflict(decision, ErrorCodes.PaymentExists, "paymentId");
    }

    [Fact]
    public void AddPayment_IsDuplicate_WhenRetriedAfterOrderClosed()
    {
        var state = State(Opened(), Line(Id(1)), Paid(Tender.Card, BurgerBalance, paymentId: Id(9)), new OrderClosed(Later));

        DecisionAssert.Duplicate(OrderDecisions.AddPayment(state, new AddPayment(Id(9), Tender.Card, BurgerBalance, 0, null)));
    }

    [Fact]
    public void AddPayment_IsRefusedOrderClosed_WhenANewPaymentComesAfterClose()
    {
        var state = State(Opened(), Line(Id(1)), Paid(Tender.Card, BurgerBalance), new OrderClosed(Later));

        DecisionAssert.Conflict(OrderDecisions.AddPayment(state, new AddPayment(Id(9), Tender.Cash, 100, 0, null)), ErrorCodes.OrderClosed);
    }

    [Fact]
    public void AddPayment_IsRefusedOrderNotFound_WhenOrderWasNeverOpened()
    {
        DecisionAssert.Refused(OrderDecisions.AddPayment(new OrderState(), new AddPayment(Id(9), Tender.Cash, 100, 0, null)), ErrorCodes.OrderNotFound);
    }

    [Fact]
    public void Close_IsRefused_WhenBalanceIsNotZero()
    {
        DecisionAssert.Conflict(OrderDecisions.Close(WithOneBurger(Id(1)), Later), ErrorCodes.BalanceNotZero);
    }

    [Fact]
    public void Close_IsRefused_WhenOnlyPartlyPaid()
    {
        var state = State(Opened(), Line(Id(1)), Paid(Tender.Card, BurgerBalance - 1));

        DecisionAssert.Conflict(OrderDecisions.Close(state, Later), ErrorCodes.BalanceNotZero);
    }

    [Fact]
    public void Close_RecordsOrderClosed_WhenBalanceIsZero()
    {
        var state = State(Opened(), Line(Id(1)), Paid(Tender.Cash, 2000, changeMinor: 917));

        Assert.Equal(new OrderClosed(Later), DecisionAssert.Single<OrderClosed>(OrderDecisions.Close(state, Later)));
    }

    [Fact]
    public void Close_RecordsOrderClosed_WhenOrderHasNoLines()
    {
        Assert.Equal(new OrderClosed(Later), DecisionAssert.Single<OrderClosed>(OrderDecisions.Close(State(Opened()), Later)));
    }

    [Fact]
    public void Close_IsDuplicate_WhenAlreadyClosed()
    {
        var state = State(Opened(), Line(Id(1)), Paid(Tender.Card, BurgerBalance), new OrderClosed(Later));

        DecisionAssert.Duplicate(OrderDecisions.Close(state, Later.AddMinutes(1)));
    }

    [Fact]
    public void Close_IsRefusedOrderNotFound_WhenOrderWasNeverOpened()
    {
        DecisionAssert.Refused(OrderDecisions.Close(new OrderState(), Later), ErrorCodes.OrderNotFound);
    }

    [Fact]
    public void AddPayment_IsRefusedOverpayment_WhenCashPaysAnOrderThatOwesNothing()
    {
        var state = State(Opened(), Line(Id(1)), Paid(Tender.Card, BurgerBalance));

        DecisionAssert.Conflict(OrderDecisions.AddPayment(state, new AddPayment(Id(9), Tender.Cash, 500, 0, null)), ErrorCodes.Overpayment, "amountMinor");
    }

    [Fact]
    public void VoidLine_IsRefusedLinePaid_WhenPaymentsAlreadyCoverIt()
    {
        var state = State(Opened(), Line(Id(1)), Paid(Tender.Card, BurgerBalance));

        DecisionAssert.Conflict(OrderDecisions.VoidLine(state, new VoidLine(Id(1), "guest left")), ErrorCodes.LinePaid);
    }

    [Fact]
    public void VoidLine_IsApplied_WhenTheRemainingBalanceStillCoversIt()
    {
        var state = State(Opened(), Line(Id(1)), Line(Id(2)), Paid(Tender.Card, BurgerBalance));

        var voided = DecisionAssert.Single<LineVoided>(OrderDecisions.VoidLine(state, new VoidLine(Id(2), "guest left")));

        Assert.Equal(Id(2), voided.LineId);
    }
}
